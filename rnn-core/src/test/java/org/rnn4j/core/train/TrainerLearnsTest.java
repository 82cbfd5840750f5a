package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Network;

/** The loop learns: on a stream (char-rnn batching, carried state) and on masked sequences. */
class TrainerLearnsTest {

    @Test
    void streamModeLearnsTheTwoSuccessorText() {
        int vocab = 8;
        Network net = Toy.net(vocab, 16, 1);
        StreamDataset data = StreamDataset.of(Toy.twoSuccessorText(4000, vocab, 2), vocab, 8, 16);
        Trainer t = new Trainer(net, Toy.optimizer("adam", "0.01"),
                TrainingConfig.defaults().epochs(6).validationFraction(0.1).clipNorm(5));
        double before = t.evaluate(data.split(0.1).validation());
        TrainingResult r = t.fit(data);
        List<EpochMetrics> h = r.history();
        assertEquals(StopReason.COMPLETED, r.reason(), r.message());
        assertEquals(6, h.size());
        assertTrue(before > Math.log(vocab) - 0.2, "starts near ln V = " + Math.log(vocab) + ": " + before);
        double last = r.lastEpoch().validationLoss();
        assertTrue(last < Math.log(2) + 0.15, "validation loss falls toward ln 2 = " + Math.log(2) + ": " + last);
        assertTrue(r.lastEpoch().trainLoss() < h.get(0).trainLoss());
        assertTrue(r.lastEpoch().charsPerSecond() > 0);
    }

    @Test
    void sequenceModeLearnsToEchoThePreviousSymbol() {
        int vocab = 4;
        Network net = Toy.net(vocab, 16, 3);
        SequenceDataset data = Toy.echo(200, vocab, 4, 10);
        Trainer t = new Trainer(net, Toy.optimizer("adam", "0.02"),
                TrainingConfig.defaults().epochs(8).validationFraction(0.2).seed(5));
        TrainingResult r = t.fit(data);
        assertEquals(StopReason.COMPLETED, r.reason(), r.message());
        double first = r.history().get(0).validationLoss();
        double last = r.lastEpoch().validationLoss();
        assertTrue(last < 0.2 && last < first / 4, "remembering one step drives the loss from " + first + " to " + last);
    }
}
