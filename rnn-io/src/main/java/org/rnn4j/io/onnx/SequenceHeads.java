package org.rnn4j.io.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * rnn4j's sequence heads as ONNX nodes: one row per sequence, [1, B, F], from each sequence's
 * real steps only.
 * <ul>
 *   <li>{@code last_step}: the last recurrent layer's {@code final_h} (ONNX's Y_h, the state
 *       after each sequence's last real step; over a bidirectional layer the backward
 *       direction's after step 0, forward first, as rnn4j and PyTorch read them) made
 *       [1, B, D*H]; with no recurrent layer (a head straight over the input or the
 *       embedding) the row of each sequence's last real step, picked by a one-hot mask
 *       (step t = length - 1) and a sum over the steps, or without {@code sequence_lens} the
 *       last step ({@code Gather} of index -1);</li>
 *   <li>{@code mean_pool}, {@code max_pool}: a ReduceMean/ReduceMax over the steps, and with
 *       {@code sequence_lens} a mask (step t &lt; length) built in the graph: the mean is the
 *       masked sum over the real count, the maximum is taken with padded steps set to -inf.</li>
 * </ul>
 */
final class SequenceHeads {

    private SequenceHeads() {
    }

    /**
     * @param g the graph being built
     * @param head the head's kind
     * @param last the index of the last recurrent layer, -1 if there is none
     * @param h its output (with none, the input or the embedding's), [T, B, F]
     * @param lens {@code sequence_lens}, or "" when the graph has none
     * @param opset the opset (ReduceMean and ReduceMax take their axes as an input from 18)
     * @return the head's output, [1, B, F]
     */
    static String head(GraphBuilder g, String head, int last, String h, String lens, int opset) {
        return switch (head) {
            case "last_step" -> last >= 0 ? lastStep(g, last) : lastRow(g, h, lens, opset);
            case "mean_pool" -> lens.isEmpty() ? reduce(g, "ReduceMean", h, "mean_pool", opset)
                    : maskedMean(g, h, mask(g, h, lens), opset);
            case "max_pool" -> {
                String x = h;
                if (!lens.isEmpty()) {
                    x = g.node("Where", List.of(mask(g, h, lens), h, g.weights("pool_low",
                            new double[] {Double.NEGATIVE_INFINITY})), List.of("pool_masked"));
                }
                yield reduce(g, "ReduceMax", x, "max_pool", opset);
            }
            default -> throw new IllegalArgumentException("the sequence head " + head + " cannot be exported: ONNX "
                    + "export knows the heads last_step, mean_pool and max_pool");
        };
    }

    private static String lastStep(GraphBuilder g, int last) {
        String bdh = g.node("Transpose", List.of("final_h_" + last), List.of("last_step_bdh"),
                new OnnxGraph.Attribute("perm", new long[] {1, 0, 2}));
        String flat = g.node("Reshape", List.of(bdh, g.int64s("last_step_shape", 0, -1)), List.of("last_step_flat"));
        return g.node("Unsqueeze", List.of(flat, g.int64s("last_step_axes", 0)), List.of("last_step"));
    }

    /**
     * Each sequence's row at its last real step, [1, B, F], from [T, B, F] that no recurrent
     * layer has read (so there is no final state to take).
     */
    private static String lastRow(GraphBuilder g, String h, String lens, int opset) {
        if (lens.isEmpty()) {
            return g.node("Gather", List.of(h, g.int64s("last_step_index", -1)), List.of("last_step"),
                    new OnnxGraph.Attribute("axis", 0L));
        }
        String column = stepColumn(g, h, "last");
        String lengths = g.node("Cast", List.of(lens), List.of("last_lengths"),
                new OnnxGraph.Attribute("to", (long) OnnxGraph.INT64));
        String lastIndex = g.node("Sub", List.of(lengths, "last_one"), List.of("last_index"));
        String at = g.node("Equal", List.of(column, lastIndex), List.of("last_at"));
        String oneHot = g.node("Unsqueeze", List.of(at, g.int64s("last_axis_2", 2)), List.of("last_at_3d"));
        String weights = g.node("Cast", List.of(oneHot), List.of("last_weights"),
                new OnnxGraph.Attribute("to", (long) g.elemType()));
        String picked = g.node("Mul", List.of(h, weights), List.of("last_picked"));
        return reduce(g, "ReduceSum", picked, "last_step", opset);
    }

    /** [T, 1] int64: the step indices 0 to T - 1 of [T, B, F], as a column. */
    private static String stepColumn(GraphBuilder g, String h, String prefix) {
        String shape = g.node("Shape", List.of(h), List.of(prefix + "_shape"));
        String zero = g.int64Scalar(prefix + "_zero", 0);
        String steps = g.node("Gather", List.of(shape, zero), List.of(prefix + "_steps"),
                new OnnxGraph.Attribute("axis", 0L));
        String range = g.node("Range", List.of(zero, steps, g.int64Scalar(prefix + "_one", 1)),
                List.of(prefix + "_t"));
        return g.node("Unsqueeze", List.of(range, g.int64s(prefix + "_axis_1", 1)), List.of(prefix + "_t_column"));
    }

    /** [T, B, 1] booleans: step t of sequence b is real (t &lt; its length). */
    private static String mask(GraphBuilder g, String h, String lens) {
        String column = stepColumn(g, h, "pool");
        String lengths = g.node("Cast", List.of(lens), List.of("pool_lengths"),
                new OnnxGraph.Attribute("to", (long) OnnxGraph.INT64));
        String real = g.node("Less", List.of(column, lengths), List.of("pool_real"));
        return g.node("Unsqueeze", List.of(real, g.int64s("pool_axis_2", 2)), List.of("pool_mask"));
    }

    private static String maskedMean(GraphBuilder g, String h, String mask, int opset) {
        String weights = g.node("Cast", List.of(mask), List.of("pool_weights"),
                new OnnxGraph.Attribute("to", (long) g.elemType()));
        String masked = g.node("Mul", List.of(h, weights), List.of("pool_product"));
        String sum = reduce(g, "ReduceSum", masked, "pool_sum", opset);
        String count = reduce(g, "ReduceSum", weights, "pool_count", opset);
        return g.node("Div", List.of(sum, count), List.of("mean_pool"));
    }

    /** A reduction over axis 0 keeping it: [T, B, F] to [1, B, F]. */
    private static String reduce(GraphBuilder g, String op, String x, String out, int opset) {
        List<String> in = new ArrayList<>(List.of(x));
        if (op.equals("ReduceSum") || opset >= 18) {
            in.add(g.int64s(out + "_axes", 0));
            return g.node(op, in, List.of(out));
        }
        return g.node(op, in, List.of(out), new OnnxGraph.Attribute("axes", new long[] {0}));
    }
}
