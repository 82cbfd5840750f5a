package org.rnn4j.io.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the parts of an {@link OnnxGraph}: inputs, outputs, constant tensors in the chosen
 * precision, and nodes in the order they are added (which is topological when each node is
 * added after the nodes it reads).
 */
final class GraphBuilder {

    private final int elemType;
    private final List<OnnxGraph.ValueInfo> inputs = new ArrayList<>();
    private final List<OnnxGraph.ValueInfo> outputs = new ArrayList<>();
    private final List<OnnxGraph.ValueInfo> stateOutputs = new ArrayList<>();
    private final List<OnnxGraph.Tensor> initializers = new ArrayList<>();
    private final List<OnnxGraph.Node> nodes = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** @param elemType the element type of weights and of the values computed */
    GraphBuilder(int elemType) {
        this.elemType = elemType;
    }

    /** @return the element type of weights and values */
    int elemType() {
        return elemType;
    }

    void input(String name, int type, OnnxGraph.Dim... shape) {
        inputs.add(new OnnxGraph.ValueInfo(name, type, List.of(shape)));
    }

    void output(String name, int type, OnnxGraph.Dim... shape) {
        outputs.add(new OnnxGraph.ValueInfo(name, type, List.of(shape)));
    }

    /** A graph output listed after those of {@link #output}, whenever it is added. */
    void stateOutput(String name, int type, OnnxGraph.Dim... shape) {
        stateOutputs.add(new OnnxGraph.ValueInfo(name, type, List.of(shape)));
    }

    /**
     * A weight tensor in the graph's precision.
     *
     * @param name its name
     * @param values the values, row-major
     * @param dims its shape
     * @return the name
     */
    String weights(String name, double[] values, long... dims) {
        ByteBuffer buf;
        if (elemType == OnnxGraph.FLOAT) {
            buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) {
                buf.putFloat((float) v);
            }
        } else {
            buf = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) {
                buf.putDouble(v);
            }
        }
        initializers.add(new OnnxGraph.Tensor(name, elemType, dims, buf.array()));
        return name;
    }

    /**
     * An int64 tensor (shapes, permutations).
     *
     * @param name its name
     * @param values the values, a 1-D tensor
     * @return the name
     */
    String int64s(String name, long... values) {
        ByteBuffer buf = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buf.putLong(v);
        }
        initializers.add(new OnnxGraph.Tensor(name, OnnxGraph.INT64, new long[] {values.length}, buf.array()));
        return name;
    }

    /**
     * An int64 scalar (a tensor of no dimensions).
     *
     * @param name its name
     * @param value its value
     * @return the name
     */
    String int64Scalar(String name, long value) {
        byte[] raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        initializers.add(new OnnxGraph.Tensor(name, OnnxGraph.INT64, new long[0], raw));
        return name;
    }

    /**
     * Adds a node named after its first output.
     *
     * @param op the operator
     * @param in its inputs
     * @param out its outputs
     * @param attrs its attributes
     * @return the first output's name
     */
    String node(String op, List<String> in, List<String> out, OnnxGraph.Attribute... attrs) {
        nodes.add(new OnnxGraph.Node(op, out.get(0), in, out, List.of(attrs)));
        return out.get(0);
    }

    void node(OnnxGraph.Node node) {
        nodes.add(node);
    }

    void metadata(String key, String value) {
        metadata.put(key, value);
    }

    OnnxGraph build(String name, int opset) {
        List<OnnxGraph.ValueInfo> all = new ArrayList<>(outputs);
        all.addAll(stateOutputs);
        return new OnnxGraph(name, opset, inputs, all, initializers, nodes, metadata);
    }
}
