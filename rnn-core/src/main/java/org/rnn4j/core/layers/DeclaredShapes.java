package org.rnn4j.core.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameter shapes the built-in providers declare ({@link org.rnn4j.api.LayerProvider#parameterShapes}),
 * in each layer's parameter order, as longs (a gate count times a size may pass {@code int}).
 */
final class DeclaredShapes {

    private DeclaredShapes() {
    }

    /**
     * A recurrent cell packing {@code gates} blocks: {@code weight_ih} [G H, I], {@code weight_hh}
     * [G H, H], then the biases.
     *
     * @param in I
     * @param hidden H
     * @param gates G
     * @param bias whether the layer has biases
     * @param fused one bias {@code bias} [H] (elman) instead of {@code bias_ih} and {@code bias_hh} [G H]
     * @return the shapes
     */
    static Optional<Map<String, long[]>> recurrent(int in, int hidden, int gates, boolean bias, boolean fused) {
        long width = (long) gates * hidden;
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("weight_ih", new long[] {width, in});
        m.put("weight_hh", new long[] {width, hidden});
        if (bias && fused) {
            m.put("bias", new long[] {hidden});
        } else if (bias) {
            m.put("bias_ih", new long[] {width});
            m.put("bias_hh", new long[] {width});
        }
        return Optional.of(m);
    }

    /**
     * A dense layer: {@code weight} [O, I], then {@code bias} [O].
     *
     * @param in I
     * @param out O
     * @param bias whether it has a bias
     * @return the shapes
     */
    static Optional<Map<String, long[]>> dense(int in, int out, boolean bias) {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("weight", new long[] {out, in});
        if (bias) {
            m.put("bias", new long[] {out});
        }
        return Optional.of(m);
    }
}
