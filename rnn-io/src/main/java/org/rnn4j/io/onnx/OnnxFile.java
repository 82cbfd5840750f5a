package org.rnn4j.io.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX file read back: the model's header and its graph as {@link OnnxGraph} values. It reads
 * the fields rnn4j writes (field numbers of onnx.proto3, as {@link OnnxEncoding}) and skips the
 * rest; attributes of other types (tensors, graphs) are kept as their type's name. A file that is
 * not well-formed protobuf is an {@link IllegalArgumentException} saying where.
 *
 * @param irVersion the model's IR version
 * @param producer the producer's name and version ({@code "rnn4j 0.1.0"})
 * @param graph the graph, with {@link OnnxGraph#opset()} the default domain's opset (0 if
 *     none is declared)
 */
public record OnnxFile(long irVersion, String producer, OnnxGraph graph) {

    /**
     * @param bytes an ONNX file's content
     * @return the file read
     * @throws IllegalArgumentException if the bytes are not a well-formed ONNX model
     */
    public static OnnxFile read(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes, 0, bytes.length);
        long ir = 0;
        String name = "";
        String version = "";
        int opset = 0;
        Map<String, String> metadata = new LinkedHashMap<>();
        OnnxGraph g = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> ir = r.int64();
                case 2 -> name = r.string();
                case 3 -> version = r.string();
                case 7 -> g = graph(r.message());
                case 8 -> {
                    ProtoReader o = r.message();
                    String domain = "";
                    long v = 0;
                    while (o.next()) {
                        switch (o.field()) {
                            case 1 -> domain = o.string();
                            case 2 -> v = o.int64();
                            default -> o.skip();
                        }
                    }
                    if (domain.isEmpty() || domain.equals("ai.onnx")) {
                        opset = (int) v;
                    }
                }
                case 14 -> {
                    String[] kv = pair(r.message());
                    metadata.put(kv[0], kv[1]);
                }
                default -> r.skip();
            }
        }
        if (g == null) {
            throw new IllegalArgumentException("not an ONNX model: no graph");
        }
        OnnxGraph full = new OnnxGraph(g.name(), opset, g.inputs(), g.outputs(), g.initializers(), g.nodes(), metadata);
        return new OnnxFile(ir, (name + " " + version).strip(), full);
    }

    private static String[] pair(ProtoReader r) {
        String[] kv = {"", ""};
        while (r.next()) {
            if (r.field() == 1 || r.field() == 2) {
                kv[r.field() - 1] = r.string();
            } else {
                r.skip();
            }
        }
        return kv;
    }

    private static OnnxGraph graph(ProtoReader r) {
        String name = "";
        List<OnnxGraph.Node> nodes = new ArrayList<>();
        List<OnnxGraph.Tensor> init = new ArrayList<>();
        List<OnnxGraph.ValueInfo> in = new ArrayList<>();
        List<OnnxGraph.ValueInfo> out = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> nodes.add(node(r.message()));
                case 2 -> name = r.string();
                case 5 -> init.add(tensor(r.message()));
                case 11 -> in.add(valueInfo(r.message()));
                case 12 -> out.add(valueInfo(r.message()));
                default -> r.skip();
            }
        }
        return new OnnxGraph(name, 0, in, out, init, nodes, Map.of());
    }

    private static OnnxGraph.Node node(ProtoReader r) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        List<OnnxGraph.Attribute> attrs = new ArrayList<>();
        String name = "";
        String op = "";
        while (r.next()) {
            switch (r.field()) {
                case 1 -> in.add(r.string());
                case 2 -> out.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 5 -> attrs.add(attribute(r.message()));
                default -> r.skip();
            }
        }
        return new OnnxGraph.Node(op, name, in, out, attrs);
    }

    private static OnnxGraph.Attribute attribute(ProtoReader r) {
        String name = "";
        long type = 0;
        Object f = null;
        Object i = null;
        Object s = null;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 2 -> f = r.float32();
                case 3 -> i = r.int64();
                case 4 -> s = r.string();
                case 7 -> {
                    if (r.wireType() == 2) {
                        ProtoReader p = r.message();
                        while (!p.atEnd()) {
                            floats.add(p.packedFloat());
                        }
                    } else {
                        floats.add(r.float32());
                    }
                }
                case 8 -> {
                    if (r.wireType() == 2) {
                        ProtoReader p = r.message();
                        while (!p.atEnd()) {
                            ints.add(p.packedVarint());
                        }
                    } else {
                        ints.add(r.int64());
                    }
                }
                case 9 -> strings.add(r.string());
                case 20 -> type = r.int64();
                default -> r.skip();
            }
        }
        Object value = switch ((int) type) {
            case 1 -> f;
            case 2 -> i;
            case 3 -> s;
            case 6 -> {
                float[] a = new float[floats.size()];
                for (int k = 0; k < a.length; k++) {
                    a[k] = floats.get(k);
                }
                yield a;
            }
            case 7 -> ints.stream().mapToLong(Long::longValue).toArray();
            case 8 -> List.copyOf(strings);
            default -> "(attribute type " + type + ")";
        };
        return new OnnxGraph.Attribute(name, value == null ? "(no value)" : value);
    }

    private static OnnxGraph.Tensor tensor(ProtoReader r) {
        List<Long> dims = new ArrayList<>();
        String name = "";
        int type = 0;
        byte[] raw = new byte[0];
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    if (r.wireType() == 2) {
                        ProtoReader p = r.message();
                        while (!p.atEnd()) {
                            dims.add(p.packedVarint());
                        }
                    } else {
                        dims.add(r.int64());
                    }
                }
                case 2 -> type = (int) r.int64();
                case 8 -> name = r.string();
                case 9 -> raw = r.bytes();
                default -> r.skip();
            }
        }
        return new OnnxGraph.Tensor(name, type, dims.stream().mapToLong(Long::longValue).toArray(), raw);
    }

    private static OnnxGraph.ValueInfo valueInfo(ProtoReader r) {
        String name = "";
        int elem = 0;
        List<OnnxGraph.Dim> shape = new ArrayList<>();
        while (r.next()) {
            if (r.field() == 1) {
                name = r.string();
            } else if (r.field() == 2) {
                ProtoReader type = r.message();
                while (type.next()) {
                    if (type.field() != 1) {
                        type.skip();
                        continue;
                    }
                    ProtoReader tensor = type.message();
                    while (tensor.next()) {
                        if (tensor.field() == 1) {
                            elem = (int) tensor.int64();
                        } else if (tensor.field() == 2) {
                            ProtoReader sh = tensor.message();
                            while (sh.next()) {
                                if (sh.field() == 1) {
                                    shape.add(dim(sh.message()));
                                } else {
                                    sh.skip();
                                }
                            }
                        } else {
                            tensor.skip();
                        }
                    }
                }
            } else {
                r.skip();
            }
        }
        return new OnnxGraph.ValueInfo(name, elem, shape);
    }

    private static OnnxGraph.Dim dim(ProtoReader r) {
        OnnxGraph.Dim d = OnnxGraph.Dim.named("?");
        while (r.next()) {
            if (r.field() == 1) {
                d = OnnxGraph.Dim.of(r.int64());
            } else if (r.field() == 2) {
                d = OnnxGraph.Dim.named(r.string());
            } else {
                r.skip();
            }
        }
        return d;
    }
}
