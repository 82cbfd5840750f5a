package org.rnn4j.io.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;

/**
 * A recurrent layer's weights in ONNX's layout. rnn4j keeps PyTorch's: gates packed in
 * {@code weight_ih} (G*H x I) and {@code weight_hh} (G*H x H) in the order LSTM i, f, g, o and
 * GRU r, z, n, biases {@code bias_ih} and {@code bias_hh} (Elman: one fused {@code bias}), the
 * backward direction's with the suffix {@code _reverse}. ONNX's RNN, LSTM and GRU take
 * W [D, G*H, I], R [D, G*H, H] and B [D, 2*G*H] = [Wb, Rb] per direction, gates in the order
 * LSTM i, o, f, c and GRU z, r, h.
 *
 * @param directions 1, or 2 for a bidirectional layer
 * @param hidden H
 * @param w W, direction-major
 * @param r R
 * @param b B
 */
record RecurrentWeights(int directions, int hidden, double[] w, double[] r, double[] b) {

    /** ONNX's LSTM gate k is rnn4j's gate LSTM_ORDER[k]: i, o, f, c from i, f, g, o. */
    static final int[] LSTM_ORDER = {0, 3, 1, 2};
    /** ONNX's GRU gate k is rnn4j's gate GRU_ORDER[k]: z, r, h from r, z, n. */
    static final int[] GRU_ORDER = {1, 0, 2};
    private static final int[] ONE = {0};

    /**
     * @param kind {@code elman}, {@code lstm} or {@code gru}
     * @return the gate order for that kind
     */
    static int[] order(String kind) {
        return switch (kind) {
            case "lstm" -> LSTM_ORDER;
            case "gru" -> GRU_ORDER;
            default -> ONE;
        };
    }

    /**
     * @param layer a recurrent layer of a built-in kind, possibly bidirectional
     * @param kind its kind
     * @return its weights in ONNX's layout
     */
    static RecurrentWeights of(Layer layer, String kind) {
        Map<String, double[]> p = new HashMap<>();
        for (Parameter q : layer.parameters()) {
            p.put(q.name(), q.values()); // a copy, exact in either precision
        }
        int[] order = order(kind);
        int gates = order.length;
        int directions = p.containsKey("weight_ih_reverse") ? 2 : 1;
        int in = layer.inputSize();
        int hidden = layer.outputSize() / directions;
        int gh = gates * hidden;
        double[] w = new double[directions * gh * in];
        double[] r = new double[directions * gh * hidden];
        double[] b = new double[directions * 2 * gh];
        for (int d = 0; d < directions; d++) {
            String suffix = d == 0 ? "" : "_reverse";
            reorder(p.get("weight_ih" + suffix), order, hidden * in, w, d * gh * in);
            reorder(p.get("weight_hh" + suffix), order, hidden * hidden, r, d * gh * hidden);
            double[] fused = p.get("bias" + suffix);
            if (fused != null) {
                reorder(fused, order, hidden, b, d * 2 * gh);
            }
            for (String name : List.of("bias_ih", "bias_hh")) {
                double[] bias = p.get(name + suffix);
                if (bias != null) {
                    reorder(bias, order, hidden, b, d * 2 * gh + (name.equals("bias_ih") ? 0 : gh));
                }
            }
        }
        return new RecurrentWeights(directions, hidden, w, r, b);
    }

    /** Copies block order[k] of src to block k of dst (from dstOff), each block n values. */
    private static void reorder(double[] src, int[] order, int n, double[] dst, int dstOff) {
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(src, order[k] * n, dst, dstOff + k * n, n);
        }
    }
}
