package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Network;

/**
 * {@link Trainer#resume(Dataset, Dataset, TrainingState)} with {@link Trainer#bestSoFar}: a run
 * with {@link TrainingConfig#restoreBestWeights} stopped after its best epoch and resumed ends
 * with the weights, the restored epoch and the message of the run never stopped; without the
 * best so far it could not.
 */
class BestWeightsResumeTest {

    private static final int V = 4;
    private static final int EPOCHS = 5;
    /** The best epoch: after it the learning rate is 0 and the output weights are scrambled. */
    private static final int GOOD = 3;
    /** Where the run is stopped: after the scrambled epoch, so the best lies before it. */
    private static final int STOP = GOOD + 1;

    private static final Dataset.Split DATA = Toy.echo(40, V, 8, 4).split(0.25);

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.defaults().epochs(epochs).seed(3).restoreBestWeights(true)
                .schedule((base, done) -> done < GOOD ? base : 0.0);
    }

    /** Scrambles the output weights before epoch GOOD + 1, and keeps the weights at the end. */
    private static final class Drift implements TrainingListener {
        final Network net;
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
        public void onTrainEnd(TrainingResult r) {
            atTrainEnd = weights(net);
        }
    }

    private static List<double[]> weights(Network net) {
        List<double[]> w = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            w.add(p.value().clone());
        }
        return w;
    }

    /** Stops after {@value #STOP} epochs, puts the last weights back (as a checkpoint holds them), resumes. */
    private static TrainingResult stoppedAndResumed(Network net, boolean giveBest) {
        Optimizer opt = Toy.optimizer("adam", "0.05");
        Drift drift = new Drift(net);
        Trainer first = new Trainer(net, opt, config(STOP)).addListener(drift);
        TrainingResult r1 = first.fit(DATA.train(), DATA.validation());
        assertEquals(GOOD, first.keptEpoch().epoch(), r1.history().toString());
        EpochMetrics kept = first.keptEpoch();
        List<double[]> keptWeights = first.keptWeights();
        List<Parameter> params = net.parameters();
        for (int i = 0; i < params.size(); i++) {
            System.arraycopy(drift.atTrainEnd.get(i), 0, params.get(i).value(), 0, drift.atTrainEnd.get(i).length);
        }
        Trainer second = new Trainer(net, opt, config(EPOCHS));
        if (giveBest) {
            second.bestSoFar(kept, keptWeights);
        }
        return second.resume(DATA.train(), DATA.validation(), r1.state());
    }

    @Test
    void aResumedRunPutsBackTheBestEpochOfBeforeTheStop() {
        Network straight = Toy.net(V, 6, 4);
        TrainingResult s = new Trainer(straight, Toy.optimizer("adam", "0.05"), config(EPOCHS))
                .addListener(new Drift(straight)).fit(DATA.train(), DATA.validation());
        assertEquals(GOOD, s.restored().epoch());

        Network net = Toy.net(V, 6, 4);
        TrainingResult r = stoppedAndResumed(net, true);
        assertEquals(s.restored().epoch(), r.restored().epoch());
        assertEquals(s.restored().step(), r.restored().step());
        assertEquals(s.restored().validationLoss(), r.restored().validationLoss(), 0.0);
        assertEquals(s.message(), r.message());
        List<double[]> a = weights(straight);
        List<double[]> b = weights(net);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), 0.0, "parameter " + i + ", bit for bit");
        }

        Network without = Toy.net(V, 6, 4);
        TrainingResult w = stoppedAndResumed(without, false);
        assertNull(w.restored(), "without the best so far, no epoch after the stop beats the scrambled ones'");
        assertFalse(Arrays.equals(straight.namedParameters().get("output.weight").value(),
                without.namedParameters().get("output.weight").value()), "the scrambled weights stay");
    }

    @Test
    void bestWeightsThatDoNotFitTheNetworkAreRefused() {
        Network net = Toy.net(V, 6, 4);
        Trainer t = new Trainer(net, Toy.optimizer("adam", "0.05"), config(EPOCHS));
        EpochMetrics m = new EpochMetrics(1, 10, 10, 1.0, 1.0, 0.05, 1.0, 1.0);
        List<double[]> wrong = weights(net);
        wrong.set(0, new double[wrong.get(0).length + 1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.bestSoFar(m, wrong));
        assertEquals("training: the best weights so far do not fit the network's " + net.parameters().size()
                + " parameters", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Trainer(net, Toy.optimizer("adam", "0.05"),
                config(EPOCHS).validationFraction(0.25)).resume(DATA.train(), DATA.validation(), TrainingState.start()));
    }
}
