package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * Pins the exact bits float32 networks compute end to end (every cell kind, bidirectional
 * layers, dropout, an embedding, the three heads, a hidden dense layer, two losses, padded
 * batches, a training update in between): losses, outputs, final states, input, parameter and
 * initial-state gradients, folded into one FNV-1a digest of their raw bits. The digests were
 * recorded when a float32 network's layers still exchanged float64 sequences (each float32
 * layer widened its output and its input gradient into double arrays and the next one rounded
 * them back); since then they exchange float-backed sequences, which was to change no bit: the
 * values are the same floats, only where they live changed. A rounding that differs anywhere on
 * the way (a dropout or bidirectional sum rounded from float operands instead of once from
 * float64, a value read as the wrong element) changes the digest.
 *
 * <p>The sizes keep every product below the kernels' plain-Java threshold, so the digests do not
 * depend on the BLAS or the number of cores (as {@link RecurrentBitsTest}'s first digests). Every
 * product multiplies at most the T B rows of a batch by one weight matrix, so T B |W| below
 * {@code BlasKernels.SMALL} for every parameter keeps them all in Java; each case checks that
 * first. The first two cases once had a recurrent layer over a bidirectional one's 6 features with
 * T B |W_ih| = 1080 (a 4-unit gru) and 1440 (a 4-unit lstm), so their input products over all
 * T B rows and their gradients ran in OpenBLAS's {@code sgemm}, whose Haswell kernels fuse each
 * multiply-add (one rounding per term where Java's float loop rounds the product and then the
 * sum): their digests were this machine's OpenBLAS's. When the input product went step by step
 * (B rows, in Java, for streaming) their forward bits changed, rightly, while the gradients stayed
 * in the BLAS; the two networks were then made small enough for plain Java throughout (a 3-unit
 * gru; a bidirectional gru of 2) and their digests recorded again: the same bits come from the
 * code before float32 layers exchanged floats and from the code after, with the input product
 * over all T B rows or per step.
 *
 * <p>The second case's digest changed once more when a float32 network's parameters moved to
 * float storage: its embedding's backward adds each row's dy into the table's gradient, and that
 * gradient is now a float array summed in float, where it was a float64 array before (the other
 * layers sum a batch's weight gradient in float, in one product, and add it once to a zeroed
 * gradient, which gives the same floats either way). Comparing the digest's parts before and
 * after that change, only the embedding's weight gradient and what the update computes from it
 * differed.
 */
class Float32BitsTest {

    private static final int T = 5;
    private static final int B = 3;
    /** {@code BlasKernels.SMALL}: products of fewer multiply-adds run in plain Java. */
    private static final long PLAIN_JAVA_BELOW = 1024;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("elman, bidirectional lstm, gru, dropout, mse",
                        (UnaryOperator<NetworkBuilder>) b -> b.input(3).loss("mse").dropout(0.3)
                                .recurrent("elman", 4, Map.of("activation", "sigmoid"))
                                .recurrent("lstm", 3, Map.of("bidirectional", "true"))
                                .recurrent("gru", 3).output(3), false, 0xb16fa137f9674b2eL),
                Arguments.of("embedding, bidirectional gru, lstm, last step, dense, cross-entropy",
                        (UnaryOperator<NetworkBuilder>) b -> b.input(6).embedding(3).dropout(0.2)
                                .recurrent("gru", 2, Map.of("bidirectional", "true"))
                                .recurrent("lstm", 4).lastStep().dense(4, "tanh").output(5)
                                .loss("sparse_softmax_cross_entropy"), true, 0x20b2c32003f048faL),
                Arguments.of("bidirectional elman, max pool, mse",
                        (UnaryOperator<NetworkBuilder>) b -> b.input(2).loss("mse")
                                .recurrent("elman", 3, Map.of("bidirectional", "true")).pool("max").output(2),
                        false, 0xf5c9a62b8117a93aL),
                Arguments.of("lstm, gru, mean pool, cross-entropy",
                        (UnaryOperator<NetworkBuilder>) b -> b.input(3).recurrent("lstm", 3).recurrent("gru", 4)
                                .pool("mean").output(4), false, 0x5f6ce4792669f8c1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void everyFloat32BitIsAsBefore(String name, UnaryOperator<NetworkBuilder> layers, boolean indices, long expected) {
        Network net = layers.apply(Network.builder(Layers.REGISTRY).seed(name.length()).precision(Precision.FLOAT32))
                .build();
        for (Parameter p : net.parameters()) {
            assertTrue((long) T * B * p.size() < PLAIN_JAVA_BELOW, p.name() + " (" + p.size() + " values) over " + T * B
                    + " rows reaches the BLAS, whose bits depend on the machine");
        }
        SplittableRandom r = new SplittableRandom(name.hashCode());
        BitsDigest d = new BitsDigest();
        net.setTraining(true);
        run(net, r, d, indices, null, true);
        for (Parameter p : net.parameters()) {
            double[] v = p.value();
            double[] g = p.grad();
            for (int i = 0; i < v.length; i++) {
                v[i] -= 0.5 * g[i];
            }
        }
        net.roundParameters();
        run(net, r, d, indices, Cases.prefixMask(T, 5, 2, 4), !indices);
        net.setTraining(false);
        d.add(net.forward(input(r, net, indices, null), null).data());
        assertEquals(expected, d.value, "digest 0x" + Long.toHexString(d.value));
    }

    private static void run(Network net, SplittableRandom r, BitsDigest d, boolean indices, boolean[] mask,
            boolean withInitial) {
        Sequence x = input(r, net, indices, mask);
        boolean head = net.head() != null;
        int steps = head ? 1 : T;
        Sequence target;
        // the targets a head's single row takes have no mask; per-step ones take the input's
        if (net.loss().target() == Loss.Target.DISTRIBUTION) {
            target = Samples.randomDistributions(r, steps, B, net.outputSize());
        } else if (net.loss().target() == Loss.Target.CLASS_INDEX) {
            double[] classes = new double[steps * B];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = r.nextInt(net.outputSize());
            }
            target = Sequence.wrap(steps, B, 1, classes);
        } else {
            target = Samples.randomSequence(r, steps, B, net.outputSize());
        }
        target = target.withMask(head ? null : mask);
        List<State> initial = withInitial ? Cases.randomInitial(r, net, B) : null;
        net.zeroGradients();
        d.add(new double[] {indices ? net.parameterGradients(x, target, initial) : net.gradients(x, target, initial)});
        d.add(net.forward(x, initial).data());
        for (State s : net.finalStates()) {
            for (double[] part : s.parts()) {
                d.add(part);
            }
        }
        if (!indices) {
            d.add(net.inputGradient().data());
        }
        for (Parameter p : net.parameters()) {
            d.add(p.grad());
        }
        for (State s : net.initialStateGradients()) {
            for (double[] part : s.parts()) {
                d.add(part);
            }
        }
    }

    private static Sequence input(SplittableRandom r, Network net, boolean indices, boolean[] mask) {
        if (indices) {
            double[] symbols = new double[T * B];
            for (int i = 0; i < symbols.length; i++) {
                symbols[i] = r.nextInt(net.inputSize());
            }
            return Sequence.wrap(T, B, 1, symbols, mask);
        }
        Sequence x = Samples.randomSequence(r, T, B, net.inputSize()).withMask(mask);
        Precision.FLOAT32.round(x.data());
        return x;
    }
}
