package org.rnn4j.io.onnx;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which rnn4j activations ONNX can express, inside a recurrent operator (its
 * {@code activations} attribute) and as a node of its own (after the dense layer). Inside RNN,
 * LSTM and GRU only the functions whose ONNX defaults equal rnn4j's definition are mapped
 * (ONNX's activation_alpha/beta lists are not consumed alike by every runtime): Elu's alpha
 * 1 and LeakyRelu's 0.01 are ONNX's defaults, rnn4j's hard_sigmoid (x/6 + 1/2) is not. A
 * float attribute cannot hold 1/6 exactly, so hard_sigmoid is refused after the dense layer too.
 */
final class OnnxActivations {

    private static final Map<String, String> RECURRENT = new TreeMap<>(Map.of(
            "tanh", "Tanh",
            "sigmoid", "Sigmoid",
            "relu", "Relu",
            "softsign", "Softsign",
            "softplus", "Softplus",
            "elu", "Elu",
            "leaky_relu", "LeakyRelu"));

    private OnnxActivations() {
    }

    /**
     * @param activation an rnn4j activation's name
     * @param owner the layer, for the message ({@code "recurrent layer 1 (elman)"})
     * @return ONNX's name for it in a recurrent operator's activations list
     * @throws IllegalArgumentException naming the layer, the activation and the ones that map
     */
    static String recurrent(String activation, String owner) {
        String onnx = RECURRENT.get(activation);
        if (onnx == null) {
            throw new IllegalArgumentException(owner + " uses activation '" + activation
                    + "', which ONNX's recurrent operators cannot express; these map: "
                    + String.join(", ", RECURRENT.keySet()));
        }
        return onnx;
    }

    /**
     * An activation as its own node after the dense layer.
     *
     * @param activation an rnn4j activation's name
     * @param owner the layer, for the message
     * @param in the node's input
     * @param out the node's output, also its name
     * @return the node, or null for identity (no node)
     * @throws IllegalArgumentException if the activation has no ONNX operator
     */
    static OnnxGraph.Node standalone(String activation, String owner, String in, String out) {
        List<OnnxGraph.Attribute> attrs = List.of();
        String op;
        switch (activation) {
            case "identity" -> {
                return null;
            }
            case "leaky_relu" -> {
                op = "LeakyRelu";
                attrs = List.of(new OnnxGraph.Attribute("alpha", 0.01f));
            }
            case "elu" -> {
                op = "Elu";
                attrs = List.of(new OnnxGraph.Attribute("alpha", 1.0f));
            }
            default -> {
                op = RECURRENT.get(activation);
                if (op == null) {
                    throw new IllegalArgumentException(owner + " uses activation '" + activation
                            + "', which has no ONNX operator; these map: identity, "
                            + String.join(", ", RECURRENT.keySet()));
                }
            }
        }
        return new OnnxGraph.Node(op, out, List.of(in), List.of(out), attrs);
    }
}
