package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.FiniteDifferences;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;

/**
 * Truncated BPTT: with k &gt;= T it is full BPTT bit for bit; with k &lt; T the forward pass is
 * the full one, the gradient differs from the full one, and it is the gradient of the loss in
 * which the states at chunk borders are constants (checked by finite differences).
 */
class TruncatedBpttTest {

    @TestFactory
    Stream<DynamicTest> kAtLeastTEqualsFullBpttBitForBit() {
        return IntStream.range(0, Math.max(10, RandomCase.tries() / 2)).mapToObj(seed -> {
            RandomCase c = RandomCase.draw(seed, 1, 6, true);
            return DynamicTest.dynamicTest("seed " + seed + ": " + c.description(), () -> {
                Network net = c.net();
                double full = net.gradients(c.x(), c.target(), c.initial());
                List<double[]> fullGrads = grads(net);
                List<State> fullStates = net.finalStates();
                int k = c.x().steps() + seed % 3;
                TruncatedBptt tbptt = new TruncatedBptt(k);
                double truncated = tbptt.gradients(net, c.x(), c.target(), c.initial());
                assertEquals(Double.doubleToRawLongBits(full), Double.doubleToRawLongBits(truncated), "loss bits");
                for (int p = 0; p < fullGrads.size(); p++) {
                    assertBitsEqual(fullGrads.get(p), net.parameters().get(p).grad(), net.parameters().get(p).name());
                }
                for (int l = 0; l < fullStates.size(); l++) {
                    for (int blk = 0; blk < fullStates.get(l).parts().length; blk++) {
                        assertBitsEqual(fullStates.get(l).part(blk), tbptt.finalStates().get(l).part(blk),
                                "state block " + blk + " of layer " + l);
                    }
                }
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> kBelowTCutsTheGradientButNotTheForwardPass() {
        return IntStream.range(0, Math.max(10, RandomCase.tries() / 4)).mapToObj(seed -> {
            RandomCase c = RandomCase.draw(1000 + seed, 3, 7, true);
            int k = 1 + seed % (c.x().steps() - 1);
            return DynamicTest.dynamicTest("seed " + (1000 + seed) + ", k " + k + ": " + c.description(), () -> {
                Network net = c.net();
                double full = net.gradients(c.x(), c.target(), c.initial());
                List<double[]> fullGrads = grads(net);
                List<State> fullStates = net.finalStates();
                TruncatedBptt tbptt = new TruncatedBptt(k);
                double truncated = tbptt.gradients(net, c.x(), c.target(), c.initial());
                List<double[]> cut = grads(net);
                assertEquals(full, truncated, 1e-12 * Math.max(1, Math.abs(full)), "the loss is the full loss");
                for (int l = 0; l < fullStates.size(); l++) {
                    for (int blk = 0; blk < fullStates.get(l).parts().length; blk++) {
                        assertArrayEquals(fullStates.get(l).part(blk), tbptt.finalStates().get(l).part(blk), 1e-13,
                                "final state block " + blk + " of layer " + l + " (the forward crosses chunk borders)");
                    }
                }
                double maxDiff = 0;
                for (int p = 0; p < cut.size(); p++) {
                    for (int i = 0; i < cut.get(p).length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(cut.get(p)[i] - fullGrads.get(p)[i]));
                    }
                }
                if (real(c.x(), k, c.x().steps()) > 0) {
                    assertTrue(maxDiff > 1e-9, "the truncated gradient must differ from the full one, max diff " + maxDiff);
                } else {
                    assertTrue(maxDiff < 1e-12, "only the first chunk is real: nothing to cut, max diff " + maxDiff);
                }
                checkAgainstDetachedLoss(c, k, cut);
            });
        });
    }

    /**
     * The truncated gradient is the gradient of sum_c w_c L_c(theta; s_c) with the border states
     * s_c held at their values: central differences of that loss, built here from plain forward
     * passes.
     */
    private static void checkAgainstDetachedLoss(RandomCase c, int k, List<double[]> analytic) {
        Network net = c.net();
        Sequence x = c.x();
        int steps = x.steps();
        List<List<State>> borders = new ArrayList<>();
        for (int s = 0; s < steps; s += k) {
            if (s == 0) {
                borders.add(c.initial());
            } else {
                net.forward(TruncatedBptt.steps(x, 0, s), c.initial());
                borders.add(net.finalStates());
            }
        }
        int total = real(x, 0, steps);
        for (int p = 0; p < net.parameters().size(); p++) {
            Parameter param = net.parameters().get(p);
            for (int i = 0; i < param.size(); i++) {
                double numeric = FiniteDifferences.derivative(param.value(), i, () -> {
                    double sum = 0;
                    for (int ci = 0, s = 0; s < steps; ci++, s += k) {
                        int e = Math.min(steps, s + k);
                        int realRows = real(x, s, e);
                        if (realRows == 0) {
                            continue;
                        }
                        double w = net.reduction() == Reduction.MEAN ? (double) realRows / total : 1.0;
                        sum += w * net.loss(TruncatedBptt.steps(x, s, e), TruncatedBptt.steps(c.target(), s, e),
                                borders.get(ci));
                    }
                    return sum;
                });
                if (!FiniteDifferences.agree(analytic.get(p)[i], numeric, 1e-6)) {
                    fail(param.name() + "[" + i + "]: truncated BPTT " + analytic.get(p)[i]
                            + ", finite differences of the detached loss " + numeric);
                }
            }
        }
    }

    @Test
    void chunkLengthBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TruncatedBptt(0));
        assertTrue(e.getMessage().contains("k must be >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().truncation(-3));
        assertTrue(e.getMessage().contains("truncated BPTT length k must be >= 1"), e.getMessage());
    }

    @Test
    void targetsOfAnotherLengthAreRejected() {
        RandomCase c = RandomCase.draw(5, 4, 4, false);
        Sequence shortTarget = TruncatedBptt.steps(c.target(), 0, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TruncatedBptt(2).gradients(c.net(), c.x(), shortTarget, null));
        assertTrue(e.getMessage().contains("steps x batch"), e.getMessage());
    }

    static List<double[]> grads(Network net) {
        List<double[]> g = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            g.add(p.grad().clone());
        }
        return g;
    }

    static void assertBitsEqual(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (bits differ)");
            }
        }
    }

    private static int real(Sequence x, int from, int to) {
        int n = 0;
        for (int r = from * x.batch(); r < to * x.batch(); r++) {
            n += x.active(r) ? 1 : 0;
        }
        return n;
    }

    @Test
    void stepsOfAFloatBatchAreFloatsAndCopied() {
        float[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        Sequence x = Sequence.wrap(3, 2, 2, values, new boolean[] {true, true, true, false, false, false});
        Sequence middle = TruncatedBptt.steps(x, 1, 3);
        assertTrue(middle.isFloat(), "a float batch is sliced as floats");
        assertArrayEquals(new float[] {5, 6, 7, 8, 9, 10, 11, 12}, middle.floats());
        assertArrayEquals(new boolean[] {true, false, false, false}, middle.mask());
        middle.floats()[0] = -1;
        assertEquals(5f, values[4], "the slice is a copy");
    }
}
