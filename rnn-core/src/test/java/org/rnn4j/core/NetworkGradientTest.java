package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * Analytic gradients of random stacked networks (1-4 recurrent layers, mixed sizes and
 * activations, every loss, B > 1, masks, given initial states) against central finite
 * differences in double.
 */
class NetworkGradientTest {

    private static final Registry REGISTRY = Registry.installed();
    private static final String[] SMOOTH = {"sigmoid", "tanh", "softsign", "identity", "softplus"};
    private static final String[] LOSSES = {"half_sse", "mse", "softmax_cross_entropy"};
    private static final double RELATIVE = 1e-6;

    /** One random case: a network, a batch, targets and initial states. */
    private record Case(String description, Network net, Sequence x, Sequence target, List<State> initial) {
    }

    @TestFactory
    Stream<DynamicTest> randomStackedNetworksMatchFiniteDifferences() {
        return IntStream.range(0, 60).mapToObj(seed -> {
            Case c = randomCase(seed);
            return DynamicTest.dynamicTest("seed " + seed + ": " + c.description(), () -> check(c));
        });
    }

    @Test
    void aWrongGradientIsCaught() {
        // The checker itself must be able to fail: a gradient off by 1% in one element.
        Case c = randomCase(3);
        c.net().gradients(c.x(), c.target(), c.initial());
        Parameter p = c.net().parameters().get(0);
        double analytic = p.grad()[0];
        double numeric = FiniteDifferences.derivative(p.value(), 0,
                () -> c.net().loss(c.x(), c.target(), c.initial()));
        assertTrue(FiniteDifferences.agree(analytic, numeric, RELATIVE), "unperturbed gradient agrees");
        assertTrue(Math.abs(numeric) > 1e-6, "the test needs a gradient of some size, got " + numeric);
        assertTrue(!FiniteDifferences.agree(analytic * 1.01, numeric, RELATIVE), "a 1% error is caught");
    }

    static Case randomCase(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int depth = 1 + r.nextInt(4);
        int in = 1 + r.nextInt(5);
        int steps = 1 + r.nextInt(5);
        int batch = 1 + r.nextInt(3);
        int out = 1 + r.nextInt(4);
        String lossName = LOSSES[r.nextInt(LOSSES.length)];
        NetworkBuilder b = Network.builder(REGISTRY).input(in).seed(seed).loss(lossName)
                .reduction(r.nextBoolean() ? Reduction.SUM : Reduction.MEAN);
        StringBuilder d = new StringBuilder("in " + in);
        for (int l = 0; l < depth; l++) {
            int h = 1 + r.nextInt(5);
            String act = SMOOTH[r.nextInt(SMOOTH.length)];
            boolean bias = r.nextInt(4) != 0;
            b.recurrent("elman", h, Map.of("activation", act, "bias", Boolean.toString(bias)));
            d.append(" -> elman ").append(h).append(' ').append(act).append(bias ? "" : " nobias");
        }
        String outAct = lossName.equals("softmax_cross_entropy") ? "identity" : SMOOTH[r.nextInt(SMOOTH.length)];
        b.output("dense", out, Map.of("activation", outAct));
        d.append(" -> dense ").append(out).append(' ').append(outAct).append(", ").append(lossName)
                .append(", T ").append(steps).append(", B ").append(batch);
        Network net = b.build();
        Sequence x = Samples.randomSequence(r, steps, batch, in);
        boolean[] mask = null;
        if (batch > 1 && r.nextBoolean()) {
            mask = Samples.randomLengthMask(r, steps, batch);
            d.append(", masked");
        }
        x = x.withMask(mask);
        Sequence target = lossName.equals("softmax_cross_entropy")
                ? Samples.randomDistributions(r, steps, batch, out) : Samples.randomSequence(r, steps, batch, out);
        List<State> initial = null;
        if (r.nextBoolean()) {
            initial = Cases.randomInitial(r, net, batch);
            d.append(", given h0");
        }
        return new Case(d.toString(), net, x, target, initial);
    }

    private static void check(Case c) {
        Network net = c.net();
        net.gradients(c.x(), c.target(), c.initial());
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            Parameter p = e.getValue();
            double[] analytic = p.grad().clone();
            for (int i = 0; i < p.size(); i++) {
                double numeric = FiniteDifferences.derivative(p.value(), i,
                        () -> net.loss(c.x(), c.target(), c.initial()));
                if (!FiniteDifferences.agree(analytic[i], numeric, RELATIVE)) {
                    fail(e.getKey() + "[" + i + "]: analytic " + analytic[i] + ", finite difference " + numeric);
                }
            }
        }
        if (c.initial() != null) {
            net.gradients(c.x(), c.target(), c.initial());
            List<State> g = net.initialStateGradients();
            for (int l = 0; l < g.size(); l++) {
                double[] h0 = c.initial().get(l).part(0);
                double[] analytic = g.get(l).part(0);
                for (int i = 0; i < h0.length; i++) {
                    double numeric = FiniteDifferences.derivative(h0, i,
                            () -> net.loss(c.x(), c.target(), c.initial()));
                    if (!FiniteDifferences.agree(analytic[i], numeric, RELATIVE)) {
                        fail("h0 of layer " + l + "[" + i + "]: analytic " + analytic[i] + ", finite difference " + numeric);
                    }
                }
            }
        }
    }

    /** @return random values in [-1, 1), see {@link Samples#randomSequence} */
    static Sequence randomSequence(SplittableRandom r, int steps, int batch, int features) {
        return Samples.randomSequence(r, steps, batch, features);
    }

    /** @return random distributions per row, see {@link Samples#randomDistributions} */
    static Sequence randomDistributions(SplittableRandom r, int steps, int batch, int features) {
        return Samples.randomDistributions(r, steps, batch, features);
    }
}
