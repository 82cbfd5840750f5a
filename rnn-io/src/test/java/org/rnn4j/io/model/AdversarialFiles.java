package org.rnn4j.io.model;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structure-aware fuzz input: a well-formed safetensors file (valid JSON header, tensors back to
 * back, data exactly as long as the declared shapes say) with an adversarial architecture and
 * adversarial shapes: sizes up to {@link Integer#MAX_VALUE}, zero dimensions, tensors dropped,
 * resized, swapped or added, layer counts and derived metadata that disagree, bidirectional and
 * bias settings, unknown kinds. Built here independently of the code under test. The data section
 * is kept under {@link #MAX_VALUES} values; a draw that would need more is skipped (null).
 */
final class AdversarialFiles {

    /**
     * The most F64 values a generated file holds (2 MB of data): enough for the 1.28 MB file of
     * issue 17, small enough for a few hundred executions a second.
     */
    static final long MAX_VALUES = 1L << 18;

    private static final int[] BIG = {100, 1000, 16_000, 40_000, 65_536, 1 << 20, 1 << 30, Integer.MAX_VALUE};
    private static final String[] ROLES = {"weight_ih", "weight_hh", "bias_ih", "bias_hh", "decoder.weight",
        "decoder.bias", ""};
    private static final String[] KINDS = {"elman", "lstm", "gru", "elman", "lstm", "gru", "dense", "indrnn"};
    private static final String[] ACTIVATIONS = {"tanh", "relu", "sigmoid", "swish"};

    private AdversarialFiles() {
    }

    /** One recurrent or output layer as the metadata describes it. */
    private record Layer(String kind, int size, Map<String, String> options) {
    }

    /**
     * @param d the fuzzer's data
     * @return a file, or null when the draw needs more than {@link #MAX_VALUES} values of data
     */
    static byte[] generate(FuzzedDataProvider d) {
        int input = size(d);
        int count = d.consumeInt(1, 4) % 4;
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            if (l > 0 && d.consumeBoolean()) {
                layers.add(layers.get(l - 1));
                continue;
            }
            Map<String, String> o = new LinkedHashMap<>();
            if (d.consumeInt(0, 3) == 0) {
                o.put("bidirectional", "true");
            }
            if (d.consumeInt(0, 3) == 0) {
                o.put("bias", "false");
            }
            if (d.consumeInt(0, 3) == 0) {
                o.put("activation", d.pickValue(ACTIVATIONS));
            }
            layers.add(new Layer(d.pickValue(KINDS), size(d), o));
        }
        Layer output = new Layer(d.consumeInt(0, 7) == 0 ? "elman" : "dense", size(d),
                d.consumeInt(0, 3) == 0 ? Map.of("bias", "false") : Map.of());
        boolean uniform = layers.stream().allMatch(c -> c.equals(layers.get(0)));

        Map<String, long[]> tensors = new LinkedHashMap<>();
        long in = input;
        for (int l = 0; l < layers.size(); l++) {
            Layer c = layers.get(l);
            long gates = c.kind().equals("lstm") ? 4 : c.kind().equals("gru") ? 3 : 1;
            boolean bidirectional = "true".equals(c.options().get("bidirectional"));
            for (String suffix : bidirectional ? List.of("", "_reverse") : List.of("")) {
                String at = uniform ? "rnn.%s_l" + l + suffix : "layers." + l + ".%s_l0" + suffix;
                tensors.put(String.format(at, "weight_ih"), new long[] {gates * c.size(), in});
                tensors.put(String.format(at, "weight_hh"), new long[] {gates * c.size(), c.size()});
                if (!"false".equals(c.options().get("bias"))) {
                    tensors.put(String.format(at, "bias_ih"), new long[] {gates * c.size()});
                    tensors.put(String.format(at, "bias_hh"), new long[] {gates * c.size()});
                }
            }
            in = (long) c.size() * (bidirectional ? 2 : 1);
        }
        tensors.put("decoder.weight", new long[] {output.size(), in});
        if (!output.options().containsKey("bias")) {
            tensors.put("decoder.bias", new long[] {output.size()});
        }
        damage(d, tensors);

        long values = 0;
        for (long[] shape : tensors.values()) {
            long n = product(shape);
            if (n > MAX_VALUES - values) {
                return null;
            }
            values += n;
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", metadata(d, input, layers, output, uniform));
        long offset = 0;
        for (Map.Entry<String, long[]> e : tensors.entrySet()) {
            long bytes = 8 * product(e.getValue());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F64");
            List<Long> shape = new ArrayList<>();
            for (long dim : e.getValue()) {
                shape.add(dim);
            }
            entry.put("shape", shape);
            entry.put("data_offsets", List.of(offset, offset + bytes));
            header.put(e.getKey(), entry);
            offset += bytes;
        }
        byte[] json;
        try {
            json = JSON.std.asString(header).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer file = ByteBuffer.allocate(Math.toIntExact(8 + json.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(json.length).put(json);
        double value = d.consumeRegularDouble(-1, 1);
        while (file.hasRemaining()) {
            file.putDouble(value);
        }
        return file.array();
    }

    /** A size: small or one of the sizes that broke loaders, one byte deciding which. */
    private static int size(FuzzedDataProvider d) {
        return d.consumeBoolean() ? d.pickValue(BIG) : d.consumeInt(1, 6);
    }

    /**
     * Zeroes, resizes, swaps, drops or adds tensors, as many times as the data says; the tensor is
     * chosen by its role (weight_hh, decoder.weight, ...) and then among the layers.
     */
    private static void damage(FuzzedDataProvider d, Map<String, long[]> tensors) {
        int times = d.consumeInt(0, 3);
        for (int i = 0; i < times && !tensors.isEmpty(); i++) {
            String role = d.pickValue(ROLES);
            List<String> names = tensors.keySet().stream().filter(n -> n.contains(role)).toList();
            if (names.isEmpty()) {
                continue;
            }
            String name = d.pickValue(names);
            long[] shape = tensors.get(name).clone();
            switch (d.consumeInt(0, 5)) {
                case 0 -> shape[d.consumeInt(0, shape.length - 1)] = 0;
                case 1 -> shape[d.consumeInt(0, shape.length - 1)] = d.consumeInt(0, 70_000);
                case 2 -> {
                    long first = shape[0];
                    shape[0] = shape[shape.length - 1];
                    shape[shape.length - 1] = first;
                }
                case 3 -> shape = null;
                case 4 -> tensors.put(d.pickValue(new String[] {"optimizer.pad", "rnn.extra", name + "_reverse"}),
                        new long[] {d.consumeInt(0, 70_000)});
                default -> shape = new long[] {shape[0], 0};
            }
            if (shape == null) {
                tensors.remove(name);
            } else {
                tensors.put(name, shape);
            }
        }
    }

    /** The metadata rnn4j writes, mostly agreeing with the layers, sometimes not. */
    private static Map<String, String> metadata(FuzzedDataProvider d, int input, List<Layer> layers, Layer output,
            boolean uniform) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", d.consumeInt(0, 3) == 0 ? "rnn4j-checkpoint" : "rnn4j-model");
        m.put("format_version", "1");
        m.put("rnn4j_version", "fuzz");
        m.put("cell", layers.isEmpty() ? "none" : uniform ? layers.get(0).kind() : "mixed");
        int claimed = d.consumeInt(0, 7) == 0 ? d.consumeInt(0, 5) : layers.size();
        m.put("num_layers", Integer.toString(claimed));
        if (!layers.isEmpty() && layers.stream().allMatch(c -> c.size() == layers.get(0).size())) {
            m.put("hidden_size", Integer.toString(d.consumeInt(0, 7) == 0 ? size(d) : layers.get(0).size()));
        }
        if (!layers.isEmpty() && uniform && layers.get(0).kind().equals("elman")) {
            m.put("nonlinearity", layers.get(0).options().getOrDefault("activation", "tanh"));
        }
        if (!layers.isEmpty() && uniform) {
            m.put("bias", Boolean.toString(!"false".equals(layers.get(0).options().get("bias"))));
            m.put("bidirectional", Boolean.toString("true".equals(layers.get(0).options().get("bidirectional"))));
        }
        m.put("input_size", Integer.toString(input));
        List<Object> list = new ArrayList<>();
        layers.forEach(c -> list.add(layer(c)));
        try {
            m.put("layers", JSON.std.asString(list));
            m.put("output", JSON.std.asString(layer(output)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        m.put("loss", "softmax_cross_entropy");
        m.put("reduction", "mean");
        m.put("dropout", layers.size() > 1 && d.consumeBoolean() ? "0.25" : "0.0");
        m.put("seed", Long.toString(d.consumeLong()));
        if (m.get("format").equals("rnn4j-checkpoint")) {
            m.put("optimizer", "sgd");
            m.put("optimizer_settings", "{\"lr\":\"0.1\"}");
            m.put("position", "{}");
            m.put("dropout_draws", "[]");
        }
        return m;
    }

    /** The product of the dimensions, {@link Long#MAX_VALUE} when it overflows. */
    private static long product(long[] shape) {
        long p = 1;
        for (long dim : shape) {
            if (dim == 0) {
                return 0;
            }
            p = p > Long.MAX_VALUE / dim ? Long.MAX_VALUE : p * dim;
        }
        return p;
    }

    private static Map<String, Object> layer(Layer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.kind());
        m.put("size", c.size());
        m.put("options", c.options());
        return m;
    }
}
