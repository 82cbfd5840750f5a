package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.LearningRateSchedule;
import org.rnn4j.core.train.StepEvent;
import org.rnn4j.core.train.StreamDataset;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingConfig;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingState;

/**
 * A training position survives a checkpoint file bit for bit, and a run resumed from the file
 * (network with its dropout generators, optimizer and position all read back) ends exactly where
 * the uninterrupted run ends.
 */
class TrainingPositionTest {

    private static final Map<String, String> ADAM = Map.of("lr", "0.01");

    private static StreamDataset text() {
        // Each symbol is followed by one of two: learnable, and the hidden state matters.
        SplittableRandom r = new SplittableRandom(3);
        int[] tokens = new int[900];
        for (int i = 1; i < tokens.length; i++) {
            tokens[i] = (2 * tokens[i - 1] + 1 + r.nextInt(2)) % 5;
        }
        return StreamDataset.of(tokens, 5, 3, 6);
    }

    private static TrainingConfig config() {
        return TrainingConfig.defaults().epochs(3).seed(9).validationFraction(0.2).clipNorm(1)
                .schedule(LearningRateSchedule.exponential(0.9));
    }

    private static Network net(String cell, Precision precision) {
        return Network.builder(Nets.REGISTRY).input(5).recurrent(cell, 4).recurrent(cell, 3).dropout(0.2)
                .output(5).loss("softmax_cross_entropy").seed(21).precision(precision).build();
    }

    private static Optimizer adam() {
        return Nets.REGISTRY.optimizer("adam").create(new Options("adam", ADAM));
    }

    /**
     * In float32 too (float32 parameters and optimizer state; the file keeps the state as F64,
     * widened exactly): and neither run, nor the file written and read between them, makes a
     * double staging array of a parameter ({@link Parameter#staged()}).
     */
    @ParameterizedTest
    @CsvSource({"elman, FLOAT64", "lstm, FLOAT64", "gru, FLOAT64", "elman, FLOAT32", "lstm, FLOAT32", "gru, FLOAT32"})
    void aRunResumedFromACheckpointFileEndsWhereTheStraightRunEnds(String cell, Precision precision) {
        // 576 training tokens in 3 streams of 192, T = 6: 31 batches per epoch; save inside epoch 1.
        Network straight = net(cell, precision);
        List<byte[]> file = new ArrayList<>();
        Optimizer adam = adam();
        Trainer t = new Trainer(straight, adam, config());
        t.addListener(new TrainingListener() {
            @Override
            public void onStep(StepEvent s) {
                if (s.step() == 40) {
                    file.add(CheckpointFile.toBytes(new Checkpoint(new SavedModel(straight, null), adam, ADAM,
                            TrainingPosition.of(t.state()))));
                }
            }
        });
        t.fit(text());

        Checkpoint c = CheckpointFile.fromBytes(file.get(0), Nets.REGISTRY);
        TrainingState from = TrainingPosition.parse(c.position());
        assertEquals(40, from.step());
        assertEquals(1, from.epoch());
        assertFalse(from.carried().isEmpty(), "a stream checkpoint inside an epoch carries the hidden state");
        Network resumed = c.model().network();
        new Trainer(resumed, c.optimizer(), config()).resume(text(), from);

        List<Parameter> a = straight.parameters();
        List<Parameter> b = resumed.parameters();
        for (int p = 0; p < a.size(); p++) {
            assertEquals(precision, b.get(p).precision());
            assertFalse(a.get(p).staged() || b.get(p).staged(), "parameter " + p + " of " + cell + " was staged");
            assertArrayEquals(a.get(p).values(), b.get(p).values(), "parameter " + p + " of " + cell);
        }
        assertNotEquals(net(cell, precision).parameters().get(0).values()[0], a.get(0).values()[0],
                "training changed the weights");
    }

    @Test
    void everyFieldReadsBackBitForBit() {
        double awkward = 0.1 + 0.2;
        TrainingState s = new TrainingState(2, 7, 123, List.of(new State(new double[] {awkward, -0.0, 1e-310},
                new double[] {Math.PI}), new State(new double[] {Double.MIN_VALUE})), 1.0 / 3, 42, 0.7071,
                1, List.of(new EpochMetrics(1, 60, 60, 2.5, Double.NaN, 1e-3, 0.25, 12345.5),
                        new EpochMetrics(2, 116, 56, 2.25, 2.375, 9e-4, 0.5, 1e9)), 2e-3);
        Map<String, String> written = TrainingPosition.of(s);
        assertTrue(written.get("history").startsWith("0,60,60,") && written.get("history").contains(";1,116,56,"),
                "the file keeps counting epochs completed, as checkpoints always have: " + written.get("history"));
        TrainingState back = TrainingPosition.parse(written);
        assertEquals(s.epoch(), back.epoch());
        assertEquals(s.batch(), back.batch());
        assertEquals(s.step(), back.step());
        assertEquals(s.epochLossSum(), back.epochLossSum(), 0.0);
        assertEquals(s.epochRealSteps(), back.epochRealSteps());
        assertEquals(s.bestValidationLoss(), back.bestValidationLoss(), 0.0);
        assertEquals(s.epochsWithoutImprovement(), back.epochsWithoutImprovement());
        assertEquals(s.baseLearningRate(), back.baseLearningRate(), 0.0);
        assertEquals(s.history(), back.history(), "records compare doubles bit for bit");
        assertEquals(2, back.carried().size());
        for (int l = 0; l < 2; l++) {
            for (int p = 0; p < s.carried().get(l).parts().length; p++) {
                assertArrayEquals(s.carried().get(l).part(p), back.carried().get(l).part(p));
            }
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.carried().get(0).part(0)[1]));
    }

    @Test
    void aFreshStateHasNoCarriedStateAndAnInfiniteBest() {
        TrainingState back = TrainingPosition.parse(TrainingPosition.of(TrainingState.start()));
        assertTrue(back.carried().isEmpty());
        assertEquals(Double.POSITIVE_INFINITY, back.bestValidationLoss());
        assertTrue(Double.isNaN(back.baseLearningRate()));
        assertTrue(back.history().isEmpty());
    }

    @Test
    void aMalformedPositionNamesTheEntry() {
        Map<String, String> good = TrainingPosition.of(new TrainingState(1, 2, 3, List.of(new State(new double[] {1})),
                0, 0, 1, 0, List.of(), 0.1));
        assertRejected(good, m -> m.remove("step"), "has no 'step'");
        assertRejected(good, m -> m.put("step", "three"), "'step' has 'three' where a whole number belongs");
        assertRejected(good, m -> m.put("epoch", "-1"), "'epoch' is -1; it must be in [0, ");
        assertRejected(good, m -> m.put("carried", "2"), "has no 'carried.1'");
        assertRejected(good, m -> m.put("carried.0", "%%%"), "'carried.0' is not base64");
        assertRejected(good, m -> m.put("carried.0", "AAAA"), "'carried.0' has 3 bytes, not a whole number of F64");
        assertRejected(good, m -> m.put("carried.0", "AAAAAAAA+H8="), "'carried.0' has NaN at index 0");
        assertRejected(good, m -> m.put("history", "1,2,3"), "an entry of 3 fields, expected 8");
        assertRejected(good, m -> m.put("base_learning_rate", "fast"), "'base_learning_rate' has 'fast'");
    }

    private static void assertRejected(Map<String, String> good, Consumer<Map<String, String>> spoil,
            String expected) {
        Map<String, String> m = new LinkedHashMap<>(good);
        spoil.accept(m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingPosition.parse(m));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
