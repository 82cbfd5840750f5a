package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;

/**
 * Sequence heads: a padded batch gives each sequence the answer (and the gradient) it gets
 * alone, a bidirectional layer's last step is PyTorch's h_n of both directions, every gradient
 * element matches finite differences, and misuse is refused.
 */
class SequenceHeadTest {

    private static final Registry REGISTRY = Registry.installed();
    private static final int[] LENGTHS = {5, 2, 4};

    private static Network net(String head, String kind, boolean bidirectional, String loss, int out) {
        return Network.builder(REGISTRY).input(3)
                .recurrent(kind, 4, bidirectional ? Map.of("bidirectional", "true") : Map.of())
                .head(head).output(out).loss(loss).reduction(Reduction.SUM).seed(7).build();
    }

    /** A padded batch of the sequences of {@link #LENGTHS}, garbage in the padding. */
    private static Sequence padded(SplittableRandom r) {
        int steps = 5;
        Sequence x = NetworkGradientTest.randomSequence(r, steps, LENGTHS.length, 3);
        return x.withMask(Cases.prefixMask(steps, LENGTHS));
    }

    /** Sequence b of a padded batch, alone and unpadded. */
    private static Sequence alone(Sequence x, int b) {
        int n = x.features();
        double[] d = new double[LENGTHS[b] * n];
        for (int t = 0; t < LENGTHS[b]; t++) {
            for (int f = 0; f < n; f++) {
                d[t * n + f] = x.get(t, b, f);
            }
        }
        return Sequence.wrap(LENGTHS[b], 1, n, d);
    }

    @Test
    void aPaddedBatchGivesEachSequenceItsOwnAnswerAndGradient() {
        for (String head : List.of("last_step", "mean_pool", "max_pool")) {
            for (boolean bi : new boolean[] {false, true}) {
                Network net = net(head, "lstm", bi, "sparse_softmax_cross_entropy", 3);
                Sequence x = padded(new SplittableRandom(11));
                Sequence target = Sequence.wrap(1, 3, 1, new double[] {2, 0, 1});
                double batchLoss = net.gradients(x, target, null);
                double[] y = net.forward(x, null).data().clone();
                double[][] batchGrads = net.parameters().stream().map(p -> p.grad().clone()).toArray(double[][]::new);
                double sum = 0;
                double[][] sumGrads = new double[batchGrads.length][];
                for (int i = 0; i < sumGrads.length; i++) {
                    sumGrads[i] = new double[batchGrads[i].length];
                }
                for (int b = 0; b < 3; b++) {
                    String what = head + (bi ? " bidirectional" : "") + ", sequence " + b;
                    Sequence one = alone(x, b);
                    sum += net.gradients(one, Sequence.wrap(1, 1, 1, new double[] {target.data()[b]}), null);
                    double[] yb = net.forward(one, null).data();
                    assertArrayEquals(yb, Arrays.copyOfRange(y, b * 3, b * 3 + 3), 1e-12, what);
                    for (int i = 0; i < sumGrads.length; i++) {
                        double[] g = net.parameters().get(i).grad();
                        for (int j = 0; j < g.length; j++) {
                            sumGrads[i][j] += g[j];
                        }
                    }
                }
                assertEquals(sum, batchLoss, 1e-12);
                for (int i = 0; i < sumGrads.length; i++) {
                    assertArrayEquals(sumGrads[i], batchGrads[i], 1e-12, head + " " + bi + " "
                            + net.parameters().get(i).name());
                }
            }
        }
    }

    /** PyTorch's h_n of a bidirectional layer: forward at the last real step, backward at the first. */
    @Test
    void overABidirectionalLayerTheLastStepIsHnOfBothDirections() {
        Network net = net("last_step", "gru", true, "mse", 2);
        Sequence x = padded(new SplittableRandom(5));
        Layer stack = net.recurrentLayers().get(0);
        Sequence h = stack.forward(x, null).copy();
        Sequence y = net.head().forward(h, null);
        assertEquals("1 x 3 x 8", y.shape());
        for (int b = 0; b < 3; b++) {
            for (int f = 0; f < 8; f++) {
                int step = f < 4 ? LENGTHS[b] - 1 : 0;
                assertEquals(h.get(step, b, f), y.get(0, b, f), 0.0, "sequence " + b + ", feature " + f);
            }
        }
        // and that is the final state each direction reports (h of the forward, h of the reverse)
        double[][] state = stack.finalState().parts();
        for (int b = 0; b < 3; b++) {
            for (int f = 0; f < 4; f++) {
                assertEquals(state[0][b * 4 + f], y.get(0, b, f), 0.0);
                assertEquals(state[1][b * 4 + f], y.get(0, b, 4 + f), 0.0);
            }
        }
    }

    /**
     * Padded rows hold the state, so the output at step T-1 of a padded batch is each sequence's
     * last real output: why a head that read step T-1 would still be right over a one-directional layer.
     */
    @Test
    void theLastStepIsWhatTheRecurrentLayerHoldsThroughThePadding() {
        Network net = net("last_step", "elman", false, "mse", 2);
        Sequence x = padded(new SplittableRandom(9));
        Sequence h = net.recurrentLayers().get(0).forward(x, null).copy();
        Sequence y = net.head().forward(h, null);
        for (int b = 0; b < 3; b++) {
            for (int f = 0; f < 4; f++) {
                assertEquals(h.get(LENGTHS[b] - 1, b, f), y.get(0, b, f), 0.0);
                assertEquals(h.get(4, b, f), y.get(0, b, f), 0.0);
            }
        }
    }

    @Test
    void meanAndMaxOverTheRealStepsOnly() {
        Network net = Network.builder(REGISTRY).input(1).pool("mean").output(1).loss("mse").build();
        Sequence x = Sequence.wrap(3, 2, 1, new double[] {1, 10, 2, 30, 100, 50}, new boolean[] {true, true, true,
            true, false, true});
        Sequence hm = net.head().forward(x, null);
        assertArrayEquals(new double[] {1.5, 30}, hm.data(), 1e-15);
        Network max = Network.builder(REGISTRY).input(1).pool("max").output(1).loss("mse").build();
        assertArrayEquals(new double[] {2, 50}, max.head().forward(x, null).data(), 0.0);
        double[] dx = max.head().backward(Sequence.wrap(1, 2, 1, new double[] {7, 8})).data();
        assertArrayEquals(new double[] {0, 0, 7, 0, 0, 8}, dx, 0.0);
        double[] dm = net.head().forward(x, null) == null ? null
                : net.head().backward(Sequence.wrap(1, 2, 1, new double[] {6, 9})).data();
        assertArrayEquals(new double[] {3, 3, 3, 3, 0, 3}, dm, 1e-15);
    }

    @Test
    void everyGradientMatchesFiniteDifferencesOnPaddedBatches() {
        SplittableRandom r = new SplittableRandom(21);
        String[] kinds = {"elman", "lstm", "gru"};
        String[] losses = {"mse", "mae", "huber", "sparse_softmax_cross_entropy", "softmax_cross_entropy"};
        for (int trial = 0; trial < 30; trial++) {
            String head = List.of("last_step", "mean_pool", "max_pool").get(trial % 3);
            String loss = losses[r.nextInt(losses.length)];
            int steps = 1 + r.nextInt(5);
            int batch = 1 + r.nextInt(3);
            int out = 1 + r.nextInt(3);
            NetworkBuilder b = Network.builder(REGISTRY).input(2).seed(trial)
                    .reduction(r.nextBoolean() ? Reduction.SUM : Reduction.MEAN);
            b.recurrent(kinds[r.nextInt(3)], 3);
            b.recurrent(kinds[r.nextInt(3)], 2, r.nextBoolean() ? Map.of("bidirectional", "true") : Map.of());
            b.head(head).output(out);
            b.loss(loss, loss.equals("sparse_softmax_cross_entropy") ? Map.of("weight", weights(r, out))
                    : loss.equals("huber") ? Map.of("delta", "0.3") : Map.of());
            Network net = b.build();
            Sequence x = NetworkGradientTest.randomSequence(r, steps, batch, 2);
            x = x.withMask(everySequenceReal(Cases.randomMask(r, steps, batch, r.nextBoolean()), batch));
            Sequence target = switch (loss) {
                case "sparse_softmax_cross_entropy" -> {
                    double[] c = new double[batch];
                    for (int i = 0; i < batch; i++) {
                        c[i] = r.nextInt(out);
                    }
                    yield Sequence.wrap(1, batch, 1, c);
                }
                case "softmax_cross_entropy" -> NetworkGradientTest.randomDistributions(r, 1, batch, out);
                default -> NetworkGradientTest.randomSequence(r, 1, batch, out);
            };
            String what = "trial " + trial + ": " + net + ", T " + steps + ", B " + batch;
            assertNull(GradientCheck.firstDisagreement(net, x, target, Cases.randomInitial(r, net, batch)), what);
        }
    }

    /** A head needs a real step in every sequence: step 0 where a mask leaves none. */
    private static boolean[] everySequenceReal(boolean[] mask, int batch) {
        for (int b = 0; b < batch; b++) {
            boolean any = false;
            for (int r = b; r < mask.length; r += batch) {
                any |= mask[r];
            }
            mask[b] |= !any;
        }
        return mask;
    }

    private static String weights(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(r.nextDouble(0.5, 2));
        }
        return sb.toString();
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        IllegalArgumentException asOutput = assertThrows(IllegalArgumentException.class, () -> Network
                .builder(REGISTRY).input(2).recurrent("elman", 3).output("last_step", 3, Map.of()).build());
        assertEquals("output layer is 'last_step', which is a sequence head; put it between the recurrent layers and"
                + " the output layer with head(\"last_step\")", asOutput.getMessage());
        IllegalArgumentException notAHead = assertThrows(IllegalArgumentException.class, () -> Network
                .builder(REGISTRY).input(2).recurrent("elman", 3).head("dense").output(1).build());
        assertTrue(notAHead.getMessage().startsWith("the head is 'dense', which is not a sequence head"),
                notAHead.getMessage());
        Network net = net("last_step", "elman", false, "mse", 2);
        Sequence x = Sequence.wrap(2, 2, 3, new double[12], new boolean[] {true, false, true, false});
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> net.loss(x, Sequence.wrap(1, 2, 2, new double[4]), null));
        assertEquals("sequence 1 of the batch has no real step (its mask is all false); the last_step head reads at"
                + " least one step of every sequence", empty.getMessage());
        IllegalArgumentException perStep = assertThrows(IllegalArgumentException.class,
                () -> net.loss(Sequence.wrap(2, 2, 3, new double[12]), Sequence.wrap(2, 2, 2, new double[8]), null));
        assertEquals("the target has shape 2 x 2 x 2 but the output has shape 1 x 2 x 2", perStep.getMessage());
    }

    @Test
    void theHeadIsPartOfTheArchitectureAndOfCopies() {
        Network net = net("max_pool", "lstm", true, "mse", 2);
        assertEquals("max_pool", net.architecture().head());
        Network copy = net.copy();
        Sequence x = padded(new SplittableRandom(3));
        assertArrayEquals(net.forward(x, null).data().clone(), copy.forward(x, null).data(), 0.0);
        for (Parameter p : net.parameters()) {
            assertTrue(p.size() > 0);
        }
    }
}
