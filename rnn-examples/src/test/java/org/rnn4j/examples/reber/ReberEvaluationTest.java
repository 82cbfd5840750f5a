package org.rnn4j.examples.reber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.Batch;
import org.rnn4j.core.train.SequenceDataset;

/** The measures tell an untrained network from the grammar; samples stop at the second E. */
class ReberEvaluationTest {

    @Test
    void anUntrainedNetworkScoresLow() {
        Network net = Network.builder(Registry.installed()).input(7).recurrent("lstm", 8).output(7).seed(3).build();
        List<String> heldOut = ReberTask.strings(100, new SplittableRandom(2));
        ReberEvaluation e = ReberEvaluation.of(net, heldOut, 200, 4);
        assertEquals(200, e.samples());
        assertEquals(100, e.heldOut());
        assertEquals(heldOut.stream().mapToLong(s -> s.length() - 1).sum(), e.positions(), "every symbol after B");
        assertTrue(e.acceptance() < 0.05, "acceptance " + e.acceptance());
        assertTrue(e.nextSymbolAccuracy() < 0.8, "accuracy " + e.nextSymbolAccuracy());
        for (String s : e.examples()) {
            assertTrue(s.startsWith("B"), s);
            assertTrue(s.length() == ReberEvaluation.MAX_LENGTH || s.chars().filter(c -> c == 'E').count() == 2, s);
        }
    }

    @Test
    void theDatasetPredictsEachNextSymbol() {
        SequenceDataset data = ReberTask.dataset(List.of("BTBTXSETE", "BPBPVVEPE"), 2);
        assertEquals(2, data.size());
        assertEquals(1, data.batchesPerEpoch());
        Batch batch = data.epoch(null, 0).next();
        // step 0 of string 0: input B, target T (vocabulary BEPSTVX)
        assertEquals(1.0, batch.input().get(0, 0, 0));
        assertEquals(1.0, batch.target().get(0, 0, 4));
        assertEquals(8, batch.input().steps(), "9 symbols: 8 inputs and 8 targets");
    }
}
