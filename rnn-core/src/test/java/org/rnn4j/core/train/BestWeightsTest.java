package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Network;

/**
 * A run that drifts away from its best validation loss says so, and with
 * {@link TrainingConfig#restoreBestWeights} ends with the best epoch's weights (Keras's
 * {@code restore_best_weights}) while its position stays the last one.
 */
class BestWeightsTest {

    private static final int V = 4;
    private static final int EPOCHS = 5;
    /** The epoch after which the run is made to drift. */
    private static final int GOOD = 3;

    private static SequenceDataset data() {
        return Toy.echo(40, V, 8, 4);
    }

    private static List<double[]> weights(Network net) {
        List<double[]> w = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            w.add(p.value().clone());
        }
        return w;
    }

    /**
     * A drift made deterministic: Adam learns for {@value #GOOD} epochs, then the learning rate
     * is 0 and, before epoch {@value #GOOD} + 1, the output weights are scrambled, so every later
     * validation loss is far above the best.
     */
    private static final class Drift implements TrainingListener {
        final Network net;
        final List<List<double[]>> atEpochEnd = new ArrayList<>();
        List<double[]> atTrainEnd;

        Drift(Network net) {
            this.net = net;
        }

        @Override
        public void onEpochStart(int epoch, double learningRate) {
            if (epoch == GOOD + 1) {
                double[] w = net.namedParameters().get("output.weight").value();
                for (int i = 0; i < w.length; i++) {
                    w[i] = (i % 3 - 1) * 40.0;
                }
            }
        }

        @Override
        public void onEpochEnd(EpochMetrics m) {
            atEpochEnd.add(weights(net));
        }

        @Override
        public void onTrainEnd(TrainingResult r) {
            atTrainEnd = weights(net);
        }
    }

    private static TrainingConfig config() {
        return TrainingConfig.defaults().epochs(EPOCHS).validationFraction(0.25).seed(3)
                .schedule((base, done) -> done < GOOD ? base : 0.0);
    }

    @Test
    void aDriftingRunEndsWithTheBestWeightsRestoredAndTheLastPosition() {
        Network net = Toy.net(V, 6, 4);
        Drift drift = new Drift(net);
        Trainer t = new Trainer(net, Toy.optimizer("adam", "0.05"), config().restoreBestWeights(true));
        TrainingResult r = t.addListener(drift).fit(data());

        EpochMetrics best = r.bestEpoch();
        assertEquals(GOOD, best.epoch(), "the loss fell while learning, then the scrambled weights are worse: "
                + r.history());
        assertSame(best, r.restored());
        assertTrue(r.endedFarAboveBest(), r.history().toString());
        assertArrayEqualsAll(drift.atEpochEnd.get(GOOD - 1), weights(net), "the network ends with epoch 3's weights");
        assertEquals(best.validationLoss(), t.evaluate(data().split(0.25).validation()), 0.0,
                "the restored network's validation loss is the best one recorded");
        assertArrayEqualsAll(drift.atEpochEnd.get(EPOCHS - 1), drift.atTrainEnd,
                "onTrainEnd still sees the last weights, for an exact checkpoint");
        assertEquals(StopReason.COMPLETED, r.reason());
        assertEquals(r.steps(), r.state().step(), "the position is the last one");
        assertEquals(EPOCHS, r.state().epoch());
        assertTrue(r.message().startsWith("trained 5 epoch(s), ") && r.message().contains(
                ". Restored the weights of epoch 3 (step " + best.step() + "), the lowest validation loss"), r.message());
    }

    @Test
    void withoutTheOptionTheLastWeightsStayAndTheResultSaysTheyAreFarAboveTheBest() {
        Network net = Toy.net(V, 6, 4);
        Drift drift = new Drift(net);
        TrainingResult r = new Trainer(net, Toy.optimizer("adam", "0.05"), config()).addListener(drift).fit(data());
        assertNull(r.restored());
        assertEquals(GOOD, r.bestEpoch().epoch());
        assertTrue(r.endedFarAboveBest());
        assertArrayEqualsAll(drift.atEpochEnd.get(EPOCHS - 1), weights(net), "the last weights");
        assertTrue(r.message().contains("The last validation loss, ") && r.message().contains(
                "is far above the lowest, ") && r.message().contains("after epoch 3: these are the last weights"),
                r.message());
    }

    @Test
    void aRunThatEndsAtItsBestRestoresNothingAndSaysNothing() {
        Network net = Toy.net(V, 6, 4);
        TrainingResult r = new Trainer(net, Toy.optimizer("adam", "0.05"),
                TrainingConfig.defaults().epochs(3).validationFraction(0.25).restoreBestWeights(true)).fit(data());
        assertEquals(3, r.bestEpoch().epoch(), "learning, the loss falls every epoch: " + r.history());
        assertNull(r.restored(), "the last weights are the best");
        assertFalse(r.endedFarAboveBest());
        assertEquals("trained 3 epoch(s), 24 steps", r.message(), "no note when the run ends at its best");
    }

    @Test
    void restoringNeedsValidationAndTheFlagNeedsAFarWorseEnd() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(Toy.net(V, 3, 1),
                Toy.optimizer("sgd", "0.1"), TrainingConfig.defaults().restoreBestWeights(true)).fit(data()));
        assertTrue(e.getMessage().contains("restoring the best weights needs validation data"), e.getMessage());

        EpochMetrics a = new EpochMetrics(1, 10, 10, 1.0, 1.0, 0.1, 1, 1);
        EpochMetrics b = new EpochMetrics(2, 20, 10, 1.0, 1.2, 0.1, 1, 1);
        EpochMetrics c = new EpochMetrics(3, 30, 10, 1.0, 1.2000001, 0.1, 1, 1);
        assertFalse(result(a, b).endedFarAboveBest(), "20% above the best is not yet far above");
        assertTrue(result(a, c).endedFarAboveBest(), "more than 20% is");
        assertFalse(result(c, a).endedFarAboveBest(), "ending at the best");
        EpochMetrics unvalidated = new EpochMetrics(1, 10, 10, 1.0, Double.NaN, 0.1, 1, 1);
        assertNull(result(unvalidated).bestEpoch());
        assertFalse(result(unvalidated).endedFarAboveBest());
        assertNotEquals(null, result(a, c).bestEpoch());
        assertSame(a, result(a, c).bestEpoch());
    }

    private static TrainingResult result(EpochMetrics... history) {
        return new TrainingResult(StopReason.COMPLETED, "", 0, List.of(history), TrainingState.start(), null);
    }

    private static void assertArrayEqualsAll(List<double[]> expected, List<double[]> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0.0, what + ", parameter " + i);
        }
    }
}
