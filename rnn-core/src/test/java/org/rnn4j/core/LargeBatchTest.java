package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * A batch large enough for the kernels to spread it over the cores (the recurrence of each
 * slice of sequences on its own thread, the big products cut into pieces) must give what its
 * sequences give one at a time, where everything runs on one thread: outputs, loss, final
 * states and every parameter gradient. On a one-core machine both runs take the same path and
 * the test checks batching only.
 */
class LargeBatchTest {

    private static final int IN = 64;
    private static final int HIDDEN = 72;
    private static final int OUT = 8;
    private static final int STEPS = 16;
    private static final int BATCH = 16;
    private static final double TOLERANCE = 1e-11;

    private static Network net() {
        return Network.builder(Registry.installed()).input(IN)
                .recurrent("elman", HIDDEN, Map.of("activation", "tanh"))
                .recurrent("elman", HIDDEN, Map.of("activation", "sigmoid"))
                .output(OUT).loss("half_sse").reduction(Reduction.SUM).seed(3).build();
    }

    @Test
    void aParallelBatchEqualsItsSequencesOneAtATime() {
        assertTrue((long) BATCH * STEPS * HIDDEN * HIDDEN > 1 << 20, "large enough to be split");
        SplittableRandom r = new SplittableRandom(17);
        Sequence x = NetworkGradientTest.randomSequence(r, STEPS, BATCH, IN);
        Sequence d = NetworkGradientTest.randomSequence(r, STEPS, BATCH, OUT);
        Network together = net();
        double loss = together.gradients(x, d, null);
        Sequence y = together.forward(x, null).copy();
        List<State> finals = together.finalStates();

        Network alone = net();
        double lossAlone = 0;
        double[][] gradSum = new double[alone.parameters().size()][];
        for (int i = 0; i < gradSum.length; i++) {
            gradSum[i] = new double[alone.parameters().get(i).size()];
        }
        for (int b = 0; b < BATCH; b++) {
            lossAlone += alone.gradients(column(x, b), column(d, b), null);
            for (int i = 0; i < gradSum.length; i++) {
                double[] g = alone.parameters().get(i).grad();
                for (int j = 0; j < g.length; j++) {
                    gradSum[i][j] += g[j];
                }
            }
            Sequence yb = alone.forward(column(x, b), null);
            for (int t = 0; t < STEPS; t++) {
                for (int o = 0; o < OUT; o++) {
                    close(yb.get(t, 0, o), y.get(t, b, o), "output at step " + t + ", sequence " + b);
                }
            }
            List<State> fin = alone.finalStates();
            for (int l = 0; l < fin.size(); l++) {
                for (int h = 0; h < HIDDEN; h++) {
                    close(fin.get(l).part(0)[h], finals.get(l).part(0)[b * HIDDEN + h], "final state " + l);
                }
            }
        }
        assertEquals(lossAlone, loss, TOLERANCE * Math.abs(loss));
        for (int i = 0; i < gradSum.length; i++) {
            Parameter p = together.parameters().get(i);
            for (int j = 0; j < gradSum[i].length; j++) {
                close(gradSum[i][j], p.grad()[j], p.name() + "[" + j + "]");
            }
        }
    }

    @Test
    void theParallelPathIsReproducibleBitForBit() {
        SplittableRandom r = new SplittableRandom(23);
        Sequence x = NetworkGradientTest.randomSequence(r, STEPS, BATCH, IN);
        Sequence d = NetworkGradientTest.randomSequence(r, STEPS, BATCH, OUT);
        Network first = net();
        Network second = net();
        double lossFirst = first.gradients(x, d, null);
        double lossSecond = second.gradients(x, d, null);
        assertEquals(Double.doubleToLongBits(lossFirst), Double.doubleToLongBits(lossSecond));
        for (int i = 0; i < first.parameters().size(); i++) {
            assertArrayEquals(first.parameters().get(i).grad(), second.parameters().get(i).grad(),
                    first.parameters().get(i).name());
        }
    }

    private static void close(double expected, double actual, String what) {
        if (!(Math.abs(expected - actual) <= TOLERANCE * (1 + Math.abs(expected)))) {
            fail(what + ": " + actual + ", expected " + expected);
        }
    }

    /** Sequence b of a batch as a batch of one. */
    private static Sequence column(Sequence s, int b) {
        Sequence one = Sequence.zeros(s.steps(), 1, s.features());
        for (int t = 0; t < s.steps(); t++) {
            for (int f = 0; f < s.features(); f++) {
                one.set(t, 0, f, s.get(t, b, f));
            }
        }
        return one;
    }
}
