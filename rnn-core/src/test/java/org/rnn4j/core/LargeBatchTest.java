package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * A batch large enough for the kernels to cut each time step over the cores (every slice of
 * sequences runs its recurrent product and its gates on its own thread, forward and backward)
 * must give what its sequences give one at a time, where a step is one slice: outputs, loss,
 * final states (every state block) and every parameter gradient, for each recurrent cell, with
 * and without padded rows. On a one-core machine both runs take the same path and the test
 * checks batching only.
 */
class LargeBatchTest {

    private static final int IN = 24;
    private static final int HIDDEN = 128;
    private static final int OUT = 8;
    private static final int STEPS = 5;
    private static final int BATCH = 64;
    /** The kernels' threshold for cutting work over threads (ParallelKernels.SPLIT). */
    private static final long SPLIT = 1L << 20;
    private static final double TOLERANCE = 1e-11;

    private static Network net(String cell) {
        return Network.builder(Registry.installed()).input(IN)
                .recurrent(cell, HIDDEN)
                .recurrent(cell, HIDDEN)
                .output(OUT).loss("half_sse").reduction(Reduction.SUM).seed(3).build();
    }

    /** @return how long sequence b is: all of them full, or a third of them 1, 2 or 3 steps short */
    private static int length(int b, boolean padded) {
        return padded && b % 3 == 1 ? STEPS - 1 - b % 9 / 3 : STEPS;
    }

    @ParameterizedTest(name = "{0}, padded: {1}")
    @CsvSource({"elman, false", "elman, true", "lstm, false", "lstm, true", "gru, false", "gru, true"})
    void aParallelBatchEqualsItsSequencesOneAtATime(String cell, boolean padded) {
        assertTrue((long) BATCH * HIDDEN * HIDDEN >= SPLIT, "each step large enough to be cut");
        SplittableRandom r = new SplittableRandom(17);
        boolean[] mask = new boolean[STEPS * BATCH];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < length(b, padded); t++) {
                mask[t * BATCH + b] = true;
            }
        }
        Sequence x = NetworkGradientTest.randomSequence(r, STEPS, BATCH, IN).withMask(padded ? mask : null);
        Sequence d = NetworkGradientTest.randomSequence(r, STEPS, BATCH, OUT);
        Network together = net(cell);
        double loss = together.gradients(x, d, null);
        Sequence y = together.forward(x, null).copy();
        List<State> finals = together.finalStates();

        Network alone = net(cell);
        double lossAlone = 0;
        double[][] gradSum = new double[alone.parameters().size()][];
        for (int i = 0; i < gradSum.length; i++) {
            gradSum[i] = new double[alone.parameters().get(i).size()];
        }
        for (int b = 0; b < BATCH; b++) {
            int len = length(b, padded);
            lossAlone += alone.gradients(column(x, b, len), column(d, b, len), null);
            for (int i = 0; i < gradSum.length; i++) {
                double[] g = alone.parameters().get(i).grad();
                for (int j = 0; j < g.length; j++) {
                    gradSum[i][j] += g[j];
                }
            }
            Sequence yb = alone.forward(column(x, b, len), null);
            for (int t = 0; t < len; t++) {
                for (int o = 0; o < OUT; o++) {
                    close(yb.get(t, 0, o), y.get(t, b, o), "output at step " + t + ", sequence " + b);
                }
            }
            List<State> fin = alone.finalStates();
            for (int l = 0; l < fin.size(); l++) {
                for (int part = 0; part < fin.get(l).parts().length; part++) {
                    for (int h = 0; h < HIDDEN; h++) {
                        close(fin.get(l).part(part)[h], finals.get(l).part(part)[b * HIDDEN + h],
                                "final state " + l + " block " + part + ", sequence " + b);
                    }
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

    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm", "gru"})
    void theParallelPathIsReproducibleBitForBit(String cell) {
        SplittableRandom r = new SplittableRandom(23);
        Sequence x = NetworkGradientTest.randomSequence(r, STEPS, BATCH, IN);
        Sequence d = NetworkGradientTest.randomSequence(r, STEPS, BATCH, OUT);
        Network first = net(cell);
        Network second = net(cell);
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

    /** The first {@code len} steps of sequence b of a batch, as a batch of one. */
    private static Sequence column(Sequence s, int b, int len) {
        Sequence one = Sequence.zeros(len, 1, s.features());
        for (int t = 0; t < len; t++) {
            for (int f = 0; f < s.features(); f++) {
                one.set(t, 0, f, s.get(t, b, f));
            }
        }
        return one;
    }
}
