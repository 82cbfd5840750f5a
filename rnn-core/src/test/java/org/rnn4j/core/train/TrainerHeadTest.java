package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;

/** The trainer fits networks with a sequence head from per-sequence targets (one row per sequence). */
class TrainerHeadTest {

    private static final int V = 4;

    /**
     * Sequences of 2-8 random one-hot symbols whose class is the first symbol: learnable only by
     * carrying it to the end.
     */
    static SequenceDataset firstSymbol(int count, long seed, int batch) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[][]> xs = new ArrayList<>();
        List<double[]> ds = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int len = 2 + r.nextInt(7);
            double[][] x = new double[len][V];
            for (int t = 0; t < len; t++) {
                x[t][r.nextInt(V)] = 1;
            }
            int first = 0;
            while (x[0][first] == 0) {
                first++;
            }
            xs.add(x);
            ds.add(new double[] {first});
        }
        return SequenceDataset.perSequence(xs, ds, batch);
    }

    static Network classifier(long seed) {
        return Network.builder(RandomCase.REGISTRY).input(V).recurrent("lstm", 12).lastStep().output(V)
                .loss("sparse_softmax_cross_entropy").seed(seed).build();
    }

    @Test
    void aPerSequenceBatchHasOneTargetRowPerSequence() {
        SequenceDataset d = SequenceDataset.perSequence(List.of(new double[][] {{1}, {2}}, new double[][] {{3}}),
                List.of(new double[] {7, 8}, new double[] {9, 10}), 2);
        Batch b = d.batch(1, 0);
        assertEquals(2, b.input().steps());
        assertEquals(1, b.target().steps());
        assertEquals(2, b.target().batch());
        assertArrayEquals(new double[] {9, 10, 7, 8}, b.target().data(), 0.0);
        assertNull(b.target().mask());
        assertEquals(3, b.realSteps());
        assertEquals(2, b.lossRows(), "the loss counts sequences, not steps");
        assertTrue(d.isPerSequence());
        assertTrue(d.split(0.5).validation() instanceof SequenceDataset v && v.isPerSequence());
    }

    @Test
    void theValidationLossIsTheMeanOverSequencesWhateverTheBatching() {
        SequenceDataset d = firstSymbol(10, 3, 3); // batches of 3, 3, 3, 1, lengths differing
        Network net = classifier(5);
        double[] perSequence = new double[10];
        double all = 0;
        for (int e = 0; e < 10; e++) {
            Batch one = d.batch(e);
            perSequence[e] = net.loss(one.input(), one.target(), null);
            all += perSequence[e];
        }
        double evaluated = new Trainer(net, Toy.optimizer("sgd", "0.1"), TrainingConfig.defaults()).evaluate(d);
        assertEquals(all / 10, evaluated, 1e-12);
    }

    @Test
    void anLstmWithAHeadLearnsTheFirstSymbolThroughTheTrainer() {
        TrainingConfig cfg = TrainingConfig.defaults().epochs(15).seed(4).validationFraction(0.2);
        Network net = classifier(1);
        TrainingResult r = new Trainer(net, Toy.optimizer("adam", "0.02"), cfg).fit(firstSymbol(400, 2, 16));
        EpochMetrics first = r.history().get(0);
        EpochMetrics last = r.history().get(r.history().size() - 1);
        assertEquals(StopReason.COMPLETED, r.reason(), r.message());
        assertTrue(first.trainLoss() > 1.0, "starts near ln 4: " + first);
        assertTrue(last.validationLoss() < 0.1, "the first symbol is carried to the end: " + last);

        SequenceDataset test = firstSymbol(200, 99, 200);
        net.setTraining(false);
        Batch b = test.batch(java.util.stream.IntStream.range(0, 200).toArray());
        Sequence y = net.forward(b.input(), null);
        int right = 0;
        for (int s = 0; s < 200; s++) {
            int best = 0;
            for (int c = 1; c < V; c++) {
                best = y.get(0, s, c) > y.get(0, s, best) ? c : best;
            }
            right += best == (int) b.target().get(0, s, 0) ? 1 : 0;
        }
        assertTrue(right >= 195, "test accuracy " + right + "/200, chance 1/4");
    }

    @Test
    void theSameSeedTrainsBitForBit() {
        TrainingConfig cfg = TrainingConfig.defaults().epochs(2).seed(7).validationFraction(0.25);
        Network a = classifier(3);
        Network b = classifier(3);
        TrainingResult ra = new Trainer(a, Toy.optimizer("adam", "0.02"), cfg).fit(firstSymbol(64, 2, 8));
        TrainingResult rb = new Trainer(b, Toy.optimizer("adam", "0.02"), cfg).fit(firstSymbol(64, 2, 8));
        assertEquals(ra.history().stream().map(m -> List.of(m.trainLoss(), m.validationLoss())).toList(),
                rb.history().stream().map(m -> List.of(m.trainLoss(), m.validationLoss())).toList());
        for (int p = 0; p < a.parameters().size(); p++) {
            assertArrayEquals(a.parameters().get(p).value(), b.parameters().get(p).value(), 0.0);
        }
    }

    @Test
    void truncatedBpttIsRefusedForAHead() {
        Trainer t = new Trainer(classifier(1), Toy.optimizer("sgd", "0.1"), TrainingConfig.defaults().truncation(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(firstSymbol(8, 1, 4)));
        assertTrue(e.getMessage().contains("sequence head"), e.getMessage());
    }
}
