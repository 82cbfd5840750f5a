package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.layers.Bidirectional;

/**
 * Pins the exact bits a seeded recurrent layer of each kind computes: outputs, final states,
 * input, parameter and initial-state gradients over a full batch, a batch with padding holes
 * (after a change of shape) and a second padded batch of that shape (buffers reused). Every
 * value is folded into one 64-bit FNV-1a digest of its raw bits, so a change in any bit of any
 * value fails, however small; the digests were computed before the recurrent layers were
 * restructured around cells, which was to change no bit.
 *
 * <p>The sizes keep every product below the kernels' plain-Java threshold
 * ({@code BlasKernels.SMALL}, 1024 multiply-adds) and every step below the threshold for
 * threads, so the digests do not depend on the BLAS or the number of cores: Java's
 * floating-point arithmetic is the same on every machine.
 *
 * <p>{@link #everyBitIsAsBeforeWhenStepsAreCut} pins a batch large enough for each step to be
 * cut over the cores and the products to run in the BLAS; those bits depend on the BLAS, the
 * processor and the number of threads, so it runs only with the kernels the digests were
 * recorded with ({@link #RECORDED_KERNELS} on {@link #RECORDED_THREADS} threads, OpenBLAS's
 * kernels chosen by {@code OPENBLAS_CORETYPE} = {@value #RECORDED_CORETYPE}) and is skipped
 * elsewhere: another processor may get other kernels from the same library.
 */
class RecurrentBitsTest {

    private static final int IN = 3;
    private static final int H = 3;
    /** The kernels the digests of the cut batches were recorded with. */
    private static final String RECORDED_KERNELS = "native BLAS through netlib JNI"
            + " (/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so), plain Java below 1024"
            + " multiply-adds; 2 thread(s)";
    private static final int RECORDED_THREADS = 2;
    /** The OpenBLAS kernel family the digests of the cut batches were recorded with. */
    private static final String RECORDED_CORETYPE = "Haswell";

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("elman", Map.of(), false, 0xb9b22c13b3954cbdL),
                Arguments.of("elman", Map.of("activation", "relu", "bias", "false"), false, 0x2ee06a6e617378c2L),
                Arguments.of("lstm", Map.of(), false, 0x590cb10a448fa3a7L),
                Arguments.of("lstm", Map.of("bias", "false", "gate_activation", "hard_sigmoid",
                        "cell_activation", "softsign"), false, 0x337e4a3be585ad03L),
                Arguments.of("gru", Map.of(), false, 0xaa1cbb7fed54bf1fL),
                Arguments.of("gru", Map.of("bias", "false", "cell_activation", "elu"), false, 0xf1677c408ba09641L),
                Arguments.of("elman", Map.of(), true, 0xcdffd2cb7babcba5L),
                Arguments.of("lstm", Map.of(), true, 0x182d3ee6d021bbb8L),
                Arguments.of("gru", Map.of(), true, 0xc80a1cd67c5522b7L));
    }

    @ParameterizedTest(name = "{0} {1} bidirectional={2}")
    @MethodSource("stacks")
    void everyBitIsAsBefore(String kind, Map<String, String> options, boolean bidirectional, long expected) {
        Layer layer = bidirectional
                ? new Bidirectional(Layers.make(kind, IN, H, options), Layers.make(kind, IN, H, options))
                : Layers.make(kind, IN, H, options);
        SplittableRandom r = new SplittableRandom(kind.hashCode() * 31L + options.size() * 7L + (bidirectional ? 1 : 0));
        Layers.randomize(layer, r, 0.6);
        BitsDigest d = new BitsDigest();
        run(layer, r, d, Samples.randomSequence(r, 5, 3, IN), true, true);
        run(layer, r, d, Samples.randomSequence(r, 4, 2, IN).withMask(Cases.randomMask(r, 4, 2, true)), false, true);
        run(layer, r, d, Samples.randomSequence(r, 4, 2, IN).withMask(Cases.randomMask(r, 4, 2, false)), true,
                false);
        for (Parameter p : layer.parameters()) {
            d.add(p.grad());
        }
        assertEquals(expected, d.value, "digest 0x" + Long.toHexString(d.value));
    }

    static Stream<Arguments> largeStacks() {
        return Stream.of(
                Arguments.of("elman", false, 0x52cd1f260d7e0f0dL),
                Arguments.of("lstm", false, 0xfc0c397b00ed89d8L),
                Arguments.of("gru", false, 0xe73fea1aa4df36ceL),
                Arguments.of("gru", true, 0x641e491e203cb082L));
    }

    @ParameterizedTest(name = "{0} bidirectional={1}")
    @MethodSource("largeStacks")
    void everyBitIsAsBeforeWhenStepsAreCut(String kind, boolean bidirectional, long expected) {
        assumeTrue(Backend.description().equals(RECORDED_KERNELS) && Backend.threads() == RECORDED_THREADS
                && RECORDED_CORETYPE.equals(System.getenv("OPENBLAS_CORETYPE")), "digests recorded with "
                + RECORDED_KERNELS + " on " + RECORDED_THREADS + " threads, OPENBLAS_CORETYPE " + RECORDED_CORETYPE
                + ", not " + Backend.description() + " on " + Backend.threads() + ", OPENBLAS_CORETYPE "
                + System.getenv("OPENBLAS_CORETYPE"));
        int in = 24;
        int hidden = 96;
        Layer layer = bidirectional
                ? new Bidirectional(Layers.make(kind, in, hidden, Map.of()), Layers.make(kind, in, hidden, Map.of()))
                : Layers.make(kind, in, hidden, Map.of());
        SplittableRandom r = new SplittableRandom(kind.hashCode() + (bidirectional ? 5 : 3));
        Layers.randomize(layer, r, 0.2);
        BitsDigest d = new BitsDigest();
        // 128 x 96 x 96 multiply-adds per step and more: over the threshold for cutting (2^20).
        run(layer, r, d, Samples.randomSequence(r, 3, 128, in), true, true);
        run(layer, r, d, Samples.randomSequence(r, 3, 128, in).withMask(Cases.randomMask(r, 3, 128, true)), false,
                true);
        for (Parameter p : layer.parameters()) {
            d.add(p.grad());
        }
        assertEquals(expected, d.value, "digest 0x" + Long.toHexString(d.value));
    }

    private static void run(Layer layer, SplittableRandom r, BitsDigest d, Sequence x, boolean withInitial,
            boolean inputGradient) {
        State initial = null;
        if (withInitial) {
            int[] sizes = layer.stateSizes();
            double[][] parts = new double[sizes.length][];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = r.doubles((long) x.batch() * sizes[i], -0.9, 0.9).toArray();
            }
            initial = new State(parts);
        }
        d.add(layer.forward(x, initial).data());
        for (double[] part : layer.finalState().parts()) {
            d.add(part);
        }
        Sequence dy = Samples.randomSequence(r, x.steps(), x.batch(), layer.outputSize());
        if (inputGradient) {
            d.add(layer.backward(dy).data());
        } else {
            layer.backwardWithoutInputGradient(dy);
        }
        for (double[] part : layer.initialStateGradient().parts()) {
            d.add(part);
        }
    }
}
