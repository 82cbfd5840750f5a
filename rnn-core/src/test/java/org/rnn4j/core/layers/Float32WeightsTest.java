package org.rnn4j.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.core.StreamingPredictor;
import org.rnn4j.core.train.GradientClip;

/**
 * A float32 layer's parameters are float32 {@link Parameter}s, read and accumulated into as
 * floats: streaming, gradients, clipping, an optimizer step and copies make no double array
 * ({@link Parameter#staged()}), and every way the values change (an optimizer step,
 * {@link Parameter#set}, a write into {@link Parameter#value()}, {@link Network#roundParameters()},
 * a view made by {@link Parameter#renamed}) is seen by the next forward.
 */
class Float32WeightsTest {

    private static final Registry REGISTRY = Registry.installed();

    private static Network network(String kind) {
        return Network.builder(REGISTRY).input(3).seed(11).loss("mse").precision(Precision.FLOAT32)
                .recurrent(kind, 5).recurrent("elman", 4).output(2).build();
    }

    private static Sequence input(long seed, int steps) {
        SplittableRandom r = new SplittableRandom(seed);
        return Sequence.wrap(steps, 2, 3, r.doubles(steps * 2 * 3L, -1, 1).toArray());
    }

    @Test
    void aFloat32NetworkHoldsItsWeightsAsFloatsOnlyThroughStreamingTrainingAndCopies() {
        for (String kind : new String[] {"elman", "lstm", "gru"}) {
            Network net = network(kind);
            StreamingPredictor p = new StreamingPredictor(net, 2);
            Sequence x = input(3, 12);
            for (int t = 0; t < 12; t++) {
                p.next(Sequence.wrap(1, 2, 3, Arrays.copyOfRange(x.data(), t * 6, (t + 1) * 6)));
            }
            var adam = REGISTRY.optimizer("adam").create(new Options("adam", Map.of("lr", "0.1")));
            for (int step = 0; step < 3; step++) {
                net.zeroGradients();
                net.gradients(input(7, 6), Sequence.wrap(6, 2, 2, Arrays.copyOf(input(8, 6).data(), 24)), null);
                GradientClip.byNorm(0.5).clip(net.parameters());
                GradientClip.byValue(0.01).clip(net.parameters());
                assertTrue(adam.stepIfFinite(net.parameters()).isEmpty());
                net.roundParameters();
            }
            adam.state();
            for (Network n : new Network[] {net, net.copy(), net.to(Precision.FLOAT64).to(Precision.FLOAT32)}) {
                for (Parameter w : n.parameters()) {
                    assertEquals(Precision.FLOAT32, w.precision(), kind + " " + w);
                    assertFalse(w.staged(), kind + " " + w + ": a double staging array was made");
                }
            }
            assertEquals(Precision.FLOAT64, net.to(Precision.FLOAT64).parameters().get(0).precision());
        }
    }

    /** A change by {@code change} is seen by the next forward: it equals a fresh copy's. */
    private static void changeIsSeen(String what, Consumer<Network> change) {
        Network net = network("gru");
        Sequence x = input(5, 6);
        double[] old = net.forward(x, null).data().clone();
        change.accept(net);
        double[] stale = net.forward(x, null).data().clone();
        double[] fresh = net.copy().forward(x, null).data().clone();
        assertFalse(Arrays.equals(old, fresh), what + " changed nothing: no test");
        assertArrayEquals(fresh, stale, what + ": the next forward used the old weights");
    }

    @Test
    void anOptimizerStepIsSeenByTheNextForward() {
        changeIsSeen("an adam step", net -> {
            Sequence x = input(7, 6);
            Sequence target = input(8, 6);
            net.zeroGradients();
            net.gradients(x, Sequence.wrap(6, 2, 2, Arrays.copyOf(target.data(), 24)), null);
            REGISTRY.optimizer("adam").create(new Options("adam", Map.of("lr", "0.1"))).step(net.parameters());
            net.roundParameters();
        });
    }

    @Test
    void setIsSeenByTheNextForward() {
        changeIsSeen("Parameter.set", net -> {
            Parameter w = net.parameters().get(0);
            double[] v = new double[w.size()];
            Arrays.fill(v, 0.25);
            w.set(v);
        });
    }

    @Test
    void aWriteIntoValueIsSeenByTheNextForward() {
        changeIsSeen("a write into Parameter.value()", net -> net.parameters().get(1).value()[0] += 0.5);
    }

    @Test
    void aWriteThroughARenamedViewIsSeenByTheNextForward() {
        changeIsSeen("a write through a renamed view", net -> {
            Parameter view = net.parameters().get(0).renamed("alias");
            view.value()[2] -= 0.75;
        });
    }

    @Test
    void roundingIsSeenByTheNextForward() {
        changeIsSeen("roundParameters after an unrounded write", net -> {
            net.parameters().get(0).value()[0] = 0.1; // not a float
            net.forward(input(9, 2), null);           // converted, rounded to float by the layer
            net.parameters().get(0).value()[0] = 0.3;
            net.roundParameters();
        });
    }
}
