package org.rnn4j.io.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.core.Network;

/**
 * Crafted files whose header declares a large network but holds few values: one tensor of the
 * architecture is declared with a zero dimension ({@code [0, H]}), so it takes no bytes, and every
 * other tensor is present. Before the loader checked each declared shape against the architecture,
 * such a file was built into a network of H x H matrices the file does not back (issue 17: a
 * 1.28 MB file with an elman layer of 40,000 ran out of memory). The metadata is a real network's,
 * its sizes rewritten, so that nothing else about the file is wrong.
 */
final class HollowFiles {

    private HollowFiles() {
    }

    /**
     * @param cell elman, lstm or gru
     * @param bidirectional whether the layer is bidirectional
     * @param input the input size (and output size)
     * @param hidden the declared hidden size
     * @param hollow the tensor to declare with a zero first dimension
     * @param padded whether to make up the missing values with a tensor {@code optimizer.pad} (as
     *     a checkpoint may have), so that the file holds as many values as the network needs
     * @return the file
     */
    static byte[] oneLayer(String cell, boolean bidirectional, int input, int hidden, String hollow, boolean padded) {
        return oneLayer(cell, bidirectional, input, hidden, hollow, padded, "F64");
    }

    /**
     * As {@link #oneLayer(String, boolean, int, int, String, boolean)}, every tensor of the given
     * dtype (F32: 4 bytes a value).
     *
     * @param cell elman, lstm or gru
     * @param bidirectional whether the layer is bidirectional
     * @param input the input size (and output size)
     * @param hidden the declared hidden size
     * @param hollow the tensor to declare with a zero first dimension
     * @param padded whether to make up the missing values with a tensor {@code optimizer.pad}
     * @param dtype F32 or F64
     * @return the file
     */
    static byte[] oneLayer(String cell, boolean bidirectional, int input, int hidden, String hollow, boolean padded,
            String dtype) {
        Network small = Network.builder(Nets.REGISTRY).input(input)
                .recurrent(cell, 2, bidirectional ? Map.of("bidirectional", "true") : Map.of())
                .output(input).build();
        RawFile r = RawFile.parse(ModelFile.toBytes(SavedModel.of(small)));
        Map<String, Object> md = r.metadata();
        md.put("layers", ((String) md.get("layers")).replace("\"size\":2", "\"size\":" + hidden));
        md.put("hidden_size", Integer.toString(hidden));
        int gates = switch (cell) {
            case "lstm" -> 4;
            case "gru" -> 3;
            default -> 1;
        };
        int width = bidirectional ? 2 * hidden : hidden;
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        for (String suffix : bidirectional ? List.of("", "_reverse") : List.of("")) {
            shapes.put("rnn.weight_ih_l0" + suffix, List.of((long) gates * hidden, (long) input));
            shapes.put("rnn.weight_hh_l0" + suffix, List.of((long) gates * hidden, (long) hidden));
            shapes.put("rnn.bias_ih_l0" + suffix, List.of((long) gates * hidden));
            shapes.put("rnn.bias_hh_l0" + suffix, List.of((long) gates * hidden));
        }
        shapes.put("decoder.weight", List.of((long) input, (long) width));
        shapes.put("decoder.bias", List.of((long) input));
        if (!shapes.containsKey(hollow)) {
            throw new IllegalArgumentException("no tensor " + hollow + " in " + shapes.keySet());
        }
        List<Long> dims = new ArrayList<>(shapes.get(hollow));
        long missing = dims.stream().reduce(1L, (a, b) -> a * b);
        dims.set(0, 0L);
        shapes.put(hollow, dims);
        if (padded) {
            shapes.put("optimizer.pad", List.of(missing));
        }
        r.header.keySet().removeIf(k -> !k.equals("__metadata__"));
        long at = 0;
        for (Map.Entry<String, List<Long>> e : shapes.entrySet()) {
            long bytes = dtype.equals("F32") ? 4 : 8;
            for (long d : e.getValue()) {
                bytes *= d;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype);
            entry.put("shape", e.getValue());
            entry.put("data_offsets", List.of(at, at + bytes));
            r.header.put(e.getKey(), entry);
            at += bytes;
        }
        r.data = new byte[Math.toIntExact(at)];
        return r.bytes();
    }

    /** @return the tensor names of a one-layer file of this kind, each a candidate to hollow */
    static List<String> tensors(boolean bidirectional) {
        List<String> names = new ArrayList<>();
        for (String suffix : bidirectional ? List.of("", "_reverse") : List.of("")) {
            for (String p : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) {
                names.add("rnn." + p + "_l0" + suffix);
            }
        }
        names.add("decoder.weight");
        names.add("decoder.bias");
        return names;
    }
}
