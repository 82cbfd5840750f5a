package org.rnn4j.core;

/**
 * 64-bit FNV-1a over the raw bits of every value added, in order: what the tests that pin a
 * computation's exact bits ({@link RecurrentBitsTest}, {@link Float32BitsTest}) fold their
 * outputs, states and gradients into. Any changed bit, a -0.0 for a 0.0 included, changes it.
 */
final class BitsDigest {

    /** The digest so far. */
    long value = 0xcbf29ce484222325L;

    /** @param values folded in, each as its 8 bytes, lowest first */
    void add(double[] values) {
        for (double v : values) {
            long bits = Double.doubleToRawLongBits(v);
            for (int i = 0; i < 8; i++) {
                value ^= (bits >>> (8 * i)) & 0xff;
                value *= 0x100000001b3L;
            }
        }
    }
}
