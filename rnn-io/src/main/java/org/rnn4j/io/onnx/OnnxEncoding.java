package org.rnn4j.io.onnx;

import java.util.List;
import java.util.Map;
import org.rnn4j.core.Version;

/**
 * Writes an {@link OnnxGraph} as ONNX's {@code ModelProto} bytes. The field numbers are those
 * of onnx.proto3 in the ONNX repository (onnx/onnx.proto3; ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto,
 * OperatorSetIdProto, StringStringEntryProto), which keeps them stable across IR versions.
 */
final class OnnxEncoding {

    private OnnxEncoding() {
    }

    /**
     * The IR version a model of an opset declares: the IR version that opset was released with
     * (ONNX's docs/Versioning.md table).
     *
     * @param opset the default domain's opset, 14 to 21
     * @return the IR version
     */
    static long irVersion(int opset) {
        if (opset <= 14) {
            return 7;
        }
        if (opset <= 18) {
            return 8;
        }
        if (opset <= 20) {
            return 9;
        }
        return 10;
    }

    /**
     * @param g the graph
     * @return the model's bytes
     */
    static byte[] encode(OnnxGraph g) {
        ProtoWriter model = new ProtoWriter();
        model.int64(1, irVersion(g.opset()));                 // ir_version
        model.string(2, "rnn4j");                             // producer_name
        model.string(3, Version.current());                       // producer_version
        model.message(7, graph(g));                           // graph
        model.message(8, new ProtoWriter().string(1, "").int64(2, g.opset())); // opset_import
        for (Map.Entry<String, String> e : g.metadata().entrySet()) {
            model.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue())); // metadata_props
        }
        return model.toByteArray();
    }

    private static ProtoWriter graph(OnnxGraph g) {
        ProtoWriter w = new ProtoWriter();
        for (OnnxGraph.Node n : g.nodes()) {
            w.message(1, node(n));
        }
        w.string(2, g.name());
        for (OnnxGraph.Tensor t : g.initializers()) {
            w.message(5, tensor(t));
        }
        for (OnnxGraph.ValueInfo v : g.inputs()) {
            w.message(11, valueInfo(v));
        }
        for (OnnxGraph.ValueInfo v : g.outputs()) {
            w.message(12, valueInfo(v));
        }
        return w;
    }

    private static ProtoWriter node(OnnxGraph.Node n) {
        ProtoWriter w = new ProtoWriter();
        for (String in : n.inputs()) {
            w.string(1, in);
        }
        for (String out : n.outputs()) {
            w.string(2, out);
        }
        w.string(3, n.name());
        w.string(4, n.opType());
        for (OnnxGraph.Attribute a : n.attributes()) {
            w.message(5, attribute(a));
        }
        return w;
    }

    private static ProtoWriter attribute(OnnxGraph.Attribute a) {
        ProtoWriter w = new ProtoWriter().string(1, a.name());
        Object v = a.value();
        if (v instanceof Float f) {
            w.float32(2, f).int64(20, 1);                      // f, type FLOAT
        } else if (v instanceof Long i) {
            w.int64(3, i).int64(20, 2);                        // i, type INT
        } else if (v instanceof String s) {
            w.string(4, s).int64(20, 3);                       // s, type STRING
        } else if (v instanceof float[] fs) {
            w.packedFloat(7, fs).int64(20, 6);                 // floats, type FLOATS
        } else if (v instanceof long[] is) {
            w.packedInt64(8, is).int64(20, 7);                 // ints, type INTS
        } else if (v instanceof List<?> ss) {
            for (Object s : ss) {
                w.string(9, (String) s);                       // strings
            }
            w.int64(20, 8);                                    // type STRINGS
        } else {
            throw new IllegalArgumentException("attribute " + a.name() + ": unsupported value " + v);
        }
        return w;
    }

    private static ProtoWriter tensor(OnnxGraph.Tensor t) {
        return new ProtoWriter()
                .packedInt64(1, t.dims())                      // dims
                .int64(2, t.dataType())                        // data_type
                .string(8, t.name())                           // name
                .bytes(9, t.raw());                            // raw_data
    }

    private static ProtoWriter valueInfo(OnnxGraph.ValueInfo v) {
        ProtoWriter shape = new ProtoWriter();
        for (OnnxGraph.Dim d : v.shape()) {
            ProtoWriter dim = new ProtoWriter();
            if (d.param() != null) {
                dim.string(2, d.param());                      // dim_param
            } else {
                dim.int64(1, d.value());                       // dim_value
            }
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().int64(1, v.elemType()).message(2, shape);
        ProtoWriter type = new ProtoWriter().message(1, tensorType); // TypeProto.tensor_type
        return new ProtoWriter().string(1, v.name()).message(2, type);
    }
}
