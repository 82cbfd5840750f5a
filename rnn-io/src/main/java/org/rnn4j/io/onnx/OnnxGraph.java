package org.rnn4j.io.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model as plain values, before it becomes bytes ({@link OnnxEncoding}): what
 * {@link OnnxExport} builds and {@link OnnxValidation} checks.
 *
 * @param name the graph's name
 * @param opset the version of the default operator set ({@code ai.onnx}) the nodes use
 * @param inputs the graph's inputs, in order
 * @param outputs the graph's outputs, in order
 * @param initializers the constant tensors (weights, shapes)
 * @param nodes the nodes in topological order
 * @param metadata the model's {@code metadata_props}, in order
 */
public record OnnxGraph(String name, int opset, List<ValueInfo> inputs, List<ValueInfo> outputs,
        List<Tensor> initializers, List<Node> nodes, Map<String, String> metadata) {

    /** ONNX's {@code TensorProto.DataType.FLOAT}. */
    public static final int FLOAT = 1;
    /** ONNX's {@code TensorProto.DataType.INT32}. */
    public static final int INT32 = 6;
    /** ONNX's {@code TensorProto.DataType.INT64}. */
    public static final int INT64 = 7;
    /** ONNX's {@code TensorProto.DataType.DOUBLE}. */
    public static final int DOUBLE = 11;

    /** Copies the lists and the map. */
    public OnnxGraph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        initializers = List.copyOf(initializers);
        nodes = List.copyOf(nodes);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * One dimension of a value's shape: a fixed size or a named, dynamic one.
     *
     * @param value the size, or -1 for a named dimension
     * @param param the dimension's name ({@code "batch"}), or null for a fixed size
     */
    public record Dim(long value, String param) {

        /**
         * @param size a fixed size
         * @return the dimension
         */
        public static Dim of(long size) {
            return new Dim(size, null);
        }

        /**
         * @param name the name of a dynamic dimension
         * @return the dimension
         */
        public static Dim named(String name) {
            return new Dim(-1, name);
        }

        @Override
        public String toString() {
            return param != null ? param : Long.toString(value);
        }
    }

    /**
     * A graph input or output: a name, an element type and a shape.
     *
     * @param name the value's name
     * @param elemType its element type ({@link #FLOAT}, {@link #DOUBLE}, {@link #INT32}...)
     * @param shape its dimensions
     */
    public record ValueInfo(String name, int elemType, List<Dim> shape) {

        /** Copies the shape. */
        public ValueInfo {
            shape = List.copyOf(shape);
        }
    }

    /**
     * A constant tensor, its values little-endian as in ONNX's {@code raw_data}.
     *
     * @param name the tensor's name
     * @param dataType its element type
     * @param dims its shape
     * @param raw its values, little-endian
     */
    public record Tensor(String name, int dataType, long[] dims, byte[] raw) {
    }

    /**
     * An attribute of a node: one of an int, a float, a string, ints, floats or strings.
     *
     * @param name the attribute's name
     * @param value a {@code Long}, {@code Float}, {@code String}, {@code long[]},
     *     {@code float[]} or {@code List<String>}
     */
    public record Attribute(String name, Object value) {
    }

    /**
     * One operator application.
     *
     * @param opType the operator ({@code "LSTM"})
     * @param name the node's name, unique in the graph
     * @param inputs the names of its inputs ({@code ""} for an optional input left out)
     * @param outputs the names of its outputs
     * @param attributes its attributes
     */
    public record Node(String opType, String name, List<String> inputs, List<String> outputs,
            List<Attribute> attributes) {

        /** Copies the lists. */
        public Node {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            attributes = List.copyOf(attributes);
        }
    }
}
