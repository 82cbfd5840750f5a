package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Network;

/**
 * What a run stopped by a NaN or an infinity leaves: the parameters and the optimizer's state of
 * the last good step, all finite, whatever produced the bad number (the loss, the update, the
 * optimizer's state, the state carried between batches, the validation data), and a message
 * whose advice fits the cause.
 */
class TrainerNonFiniteTest {

    private static final int V = 4;

    /**
     * A plug-in optimizer (plain SGD with a step counter and a running sum as its state) that is
     * planted to break at one step: it writes NaN into a value or infinity into its state.
     * It implements only {@code step}, so the trainer gets the SPI's default stepIfFinite.
     */
    private static final class Planted implements Optimizer {
        final long breakAt;
        final boolean inState;
        long steps;
        double[] sum;

        Planted(long breakAt, boolean inState) {
            this.breakAt = breakAt;
            this.inState = inState;
        }

        @Override
        public String name() {
            return "planted";
        }

        @Override
        public void step(List<Parameter> parameters) {
            steps++;
            if (sum == null) {
                sum = new double[parameters.size()];
            }
            for (int p = 0; p < parameters.size(); p++) {
                double[] v = parameters.get(p).value();
                double[] g = parameters.get(p).grad();
                for (int i = 0; i < v.length; i++) {
                    v[i] -= 0.1 * g[i];
                    sum[p] += Math.abs(g[i]);
                }
            }
            if (steps == breakAt) {
                if (inState) {
                    sum[1] = Double.POSITIVE_INFINITY;
                } else {
                    parameters.get(1).value()[2] = Double.NaN;
                }
            }
        }

        @Override
        public void reset() {
            steps = 0;
            sum = null;
        }

        @Override
        public double learningRate() {
            return 0.1;
        }

        @Override
        public void setLearningRate(double lr) {
            // fixed
        }

        @Override
        public Map<String, double[]> state() {
            Map<String, double[]> m = new LinkedHashMap<>();
            m.put("step", new double[] {steps});
            if (sum != null) {
                m.put("sum", sum.clone());
            }
            return m;
        }

        @Override
        public void restore(Map<String, double[]> state) {
            steps = (long) state.get("step")[0];
            sum = state.containsKey("sum") ? state.get("sum").clone() : null;
        }
    }

    /** The values of every parameter and the optimizer's state after step {@code at}, taken by a listener. */
    private static final class Snapshot implements TrainingListener {
        final long at;
        final Network net;
        final Optimizer optimizer;
        final List<double[]> values = new ArrayList<>();
        Map<String, double[]> state;
        long lastStep;

        Snapshot(long at, Network net, Optimizer optimizer) {
            this.at = at;
            this.net = net;
            this.optimizer = optimizer;
        }

        @Override
        public void onStep(StepEvent s) {
            lastStep = s.step();
            if (s.step() == at) {
                for (Parameter p : net.parameters()) {
                    values.add(p.value().clone());
                }
                state = optimizer.state();
            }
        }

        void assertUnchangedSince(Network n, Optimizer o) {
            for (int p = 0; p < values.size(); p++) {
                assertArrayEquals(values.get(p), n.parameters().get(p).value(), 0.0, "parameter " + p);
            }
            Map<String, double[]> now = o.state();
            assertEquals(state.keySet(), now.keySet());
            state.forEach((k, v) -> assertArrayEquals(v, now.get(k), 0.0, "optimizer state " + k));
        }
    }

    private static SequenceDataset echo() {
        return Toy.echo(30, V, 8, 4);
    }

    private static void assertAllFinite(Network net) {
        for (Parameter p : net.parameters()) {
            assertTrue(Arrays.stream(p.value()).allMatch(Double::isFinite), p.name() + " holds a non-finite value");
        }
    }

    @Test
    void anUpdateThatWouldMakeAValueNanIsNotAppliedAndTheRunStopsAtTheLastGoodStep() {
        Network net = Toy.net(V, 5, 1);
        Planted optimizer = new Planted(3, false);
        Snapshot afterTwo = new Snapshot(2, net, optimizer);
        TrainingResult r = new Trainer(net, optimizer, TrainingConfig.defaults().epochs(3)).addListener(afterTwo)
                .fit(echo());
        assertEquals(StopReason.NON_FINITE, r.reason());
        assertEquals(2, r.steps());
        assertEquals(2, r.state().step());
        assertEquals(2, afterTwo.lastStep, "no listener heard of the refused step");
        afterTwo.assertUnchangedSince(net, optimizer);
        assertAllFinite(net);
        String name = List.copyOf(net.namedParameters().keySet()).get(1);
        assertEquals("layer0.weight_hh", name);
        assertTrue(r.message().startsWith("training stopped at epoch 1, batch 3 (step 3): the optimizer's update was "
                + "refused: parameter '" + name + "' value 2 would become NaN"), r.message());
        assertTrue(r.message().contains("those after step 2.") && r.message().contains("lower learning rate"),
                r.message());
    }

    @Test
    void anUpdateThatWouldMakeTheOptimizersStateInfiniteIsNotAppliedEither() {
        Network net = Toy.net(V, 5, 1);
        Planted optimizer = new Planted(4, true);
        Snapshot afterThree = new Snapshot(3, net, optimizer);
        TrainingResult r = new Trainer(net, optimizer, TrainingConfig.defaults().epochs(3)).addListener(afterThree)
                .fit(echo());
        assertEquals(StopReason.NON_FINITE, r.reason());
        assertEquals(3, r.steps());
        afterThree.assertUnchangedSince(net, optimizer);
        assertTrue(r.message().contains("refused: the optimizer's state 'sum' value 1 would become Infinity"),
                r.message());
        assertTrue(r.message().contains("gradient clipping") && !r.message().contains("learning rate"), r.message());
    }

    /**
     * rnn4j's own optimizers: Adam at lr 1e308, whose first step size lr / (1 - beta1) overflows
     * (the issue's {@code --lr 1e308 --clip 0}).
     */
    @Test
    void aBuiltInOptimizerWhoseFirstUpdateOverflowsLeavesTheInitialWeights() {
        Network net = Toy.net(V, 5, 1);
        List<double[]> initial = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            initial.add(p.value().clone());
        }
        Optimizer adam = Toy.optimizer("adam", "1e308");
        Map<String, double[]> fresh = adam.state();
        TrainingResult r = new Trainer(net, adam, TrainingConfig.defaults()).fit(echo());
        assertEquals(StopReason.NON_FINITE, r.reason());
        assertEquals(0, r.steps());
        for (int p = 0; p < initial.size(); p++) {
            assertArrayEquals(initial.get(p), net.parameters().get(p).value(), 0.0);
        }
        assertEquals(fresh.keySet(), adam.state().keySet(), "no buffers: the optimizer is as new");
        assertTrue(r.message().contains("(step 1): the optimizer's update was refused: parameter '")
                && r.message().contains("those after step 0 (the initial ones)")
                && r.message().contains("lower learning rate"), r.message());
    }

    /**
     * An Elman layer without a squashing activation whose recurrent weights are 10 x I: the
     * state grows tenfold per character. Carried long enough it overflows; the run must stop
     * there instead of passing the NaN state on (which the layer would reject with an error about
     * an initial state the user never gave).
     */
    private static Network exploding() {
        Network net = Network.builder(RandomCase.REGISTRY).input(V).seed(3)
                .recurrent("elman", 3, Map.of("activation", "identity")).output(V).loss("softmax_cross_entropy")
                .build();
        double[] whh = net.namedParameters().get("layer0.weight_hh").value();
        Arrays.fill(whh, 0);
        for (int i = 0; i < 3; i++) {
            whh[i * 3 + i] = 10;
        }
        return net;
    }

    @Test
    void aStateThatOverflowsBetweenChunksOfTruncatedBpttStopsTheRunToo() {
        Network net = exploding();
        TrainingResult r = new Trainer(net, Toy.optimizer("sgd", "0"), TrainingConfig.defaults().truncation(5))
                .fit(StreamDataset.of(Toy.twoSuccessorText(4000, V, 1), V, 1, 400));
        assertEquals(StopReason.NON_FINITE, r.reason());
        assertEquals(0, r.steps());
        assertTrue(r.message().contains("(step 1): the recurrent state overflowed while carried through the data (")
                && r.message().contains("in recurrent layer 0's state block 0 at "), r.message());
    }

    /**
     * Training sees 40 characters at a time (the state reaches about 1e40), validation carries
     * the state through 360 (it overflows): the run stops with the validation message, the
     * parameters those of the last step, instead of failing with an exception.
     */
    @Test
    void aValidationThatOverflowsStopsTheRunCleanly() {
        Network net = exploding();
        TrainingResult r = new Trainer(net, Toy.optimizer("sgd", "0"),
                TrainingConfig.defaults().epochs(2).validationFraction(0.9))
                .fit(StreamDataset.of(Toy.twoSuccessorText(400, V, 1), V, 1, 5));
        assertEquals(StopReason.NON_FINITE, r.reason());
        assertEquals(1, r.history().size());
        assertTrue(Double.isNaN(r.history().get(0).validationLoss()));
        assertEquals(r.history().get(0).step(), r.steps());
        assertTrue(r.message().startsWith("training stopped after epoch 1 (step " + r.steps()
                + "): the validation loss is NaN"), r.message());
        assertAllFinite(net);
    }
}
