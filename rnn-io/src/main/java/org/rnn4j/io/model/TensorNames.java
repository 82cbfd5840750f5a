package org.rnn4j.io.model;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;

/**
 * Where each parameter of a network lives in a file: PyTorch's state_dict names, made from the
 * layer's position and the parameter's own name only, so that any layer kind whose parameters
 * carry PyTorch's names ({@code weight_ih}, {@code weight_hh}, {@code bias_ih},
 * {@code bias_hh}, with {@code _reverse} for the backward direction) gets PyTorch's file layout
 * without being listed here.
 *
 * <ul>
 *   <li>uniform stack, layer k, parameter {@code p} or {@code p_reverse}: {@code rnn.p_lk},
 *       {@code rnn.p_lk_reverse} ({@code torch.nn.RNN/LSTM/GRU} named {@code rnn});</li>
 *   <li>mixed stack: {@code layers.k.p_l0}, {@code layers.k.p_l0_reverse} (a
 *       {@code torch.nn.ModuleList} of one-layer modules named {@code layers});</li>
 *   <li>output layer, parameter {@code p}: {@code decoder.p} ({@code torch.nn.Linear} named
 *       {@code decoder});</li>
 *   <li>hidden dense layer k, parameter {@code p}: {@code dense.k.p} (a {@code torch.nn.ModuleList}
 *       of {@code torch.nn.Linear} named {@code dense});</li>
 *   <li>embedding, parameter {@code p}: {@code embedding.p} ({@code torch.nn.Embedding} named
 *       {@code embedding}: {@code embedding.weight});</li>
 *   <li>a recurrent layer's fused bias {@code bias} (or {@code bias_reverse}), b = b_ih + b_hh:
 *       two tensors, {@code bias_ih...} holding b and {@code bias_hh...} holding zeros; read
 *       back as their sum.</li>
 * </ul>
 */
final class TensorNames {

    /** The suffix of a bidirectional layer's backward parameters. */
    static final String REVERSE = "_reverse";
    private static final String FUSED_BIAS = "bias";

    private TensorNames() {
    }

    /**
     * A parameter and the tensor(s) that hold it.
     *
     * @param parameter the network's parameter
     * @param tensor the tensor holding its values (for a fused bias: b_ih)
     * @param zeroTwin for a fused bias the tensor b_hh, written as zeros and added on reading;
     *     otherwise null
     * @param owner the layer, for messages ({@code "recurrent layer 0 (elman, 5 -> 8)"})
     */
    record Binding(Parameter parameter, String tensor, String zeroTwin, String owner) {
    }

    /**
     * @param a an architecture
     * @return whether every recurrent layer has the same kind, size and settings, so the stack
     *     maps onto one PyTorch module
     */
    static boolean uniform(Architecture a) {
        List<LayerConfig> r = a.recurrent();
        for (LayerConfig c : r) {
            if (!c.equals(r.get(0))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The tensor name of a recurrent layer's parameter.
     *
     * @param uniform whether the stack is uniform
     * @param layer the layer's index from the input side
     * @param parameter the parameter's name within its layer
     * @return the name in the file
     */
    static String recurrent(boolean uniform, int layer, String parameter) {
        boolean reverse = parameter.endsWith(REVERSE);
        String base = reverse ? parameter.substring(0, parameter.length() - REVERSE.length()) : parameter;
        String suffix = reverse ? REVERSE : "";
        return uniform ? "rnn." + base + "_l" + layer + suffix : "layers." + layer + "." + base + "_l0" + suffix;
    }

    /**
     * The tensor(s) holding a recurrent layer's parameter: one, or for a fused bias b_ih and its
     * zero twin b_hh.
     *
     * @param uniform whether the stack is uniform
     * @param layer the layer's index from the input side
     * @param parameter the parameter's name within its layer
     * @return {tensor, twin}, the twin null unless the parameter is a fused bias
     */
    static String[] recurrentTensors(boolean uniform, int layer, String parameter) {
        boolean reverse = parameter.endsWith(REVERSE);
        String base = reverse ? parameter.substring(0, parameter.length() - REVERSE.length()) : parameter;
        String suffix = reverse ? REVERSE : "";
        if (base.equals(FUSED_BIAS)) {
            return new String[] {recurrent(uniform, layer, "bias_ih" + suffix), recurrent(uniform, layer, "bias_hh" + suffix)};
        }
        return new String[] {recurrent(uniform, layer, parameter), null};
    }

    /**
     * @param parameter the output layer's parameter name
     * @return the name in the file
     */
    static String output(String parameter) {
        return "decoder." + parameter;
    }

    /**
     * @param layer the hidden dense layer's index from the input side
     * @param parameter its parameter name
     * @return the name in the file
     */
    static String dense(int layer, String parameter) {
        return "dense." + layer + "." + parameter;
    }

    /**
     * Every parameter of the network with its tensor names, in the network's order.
     *
     * @param net the network
     * @return the bindings
     */
    static List<Binding> bind(Network net) {
        boolean uniform = uniform(net.architecture());
        List<Binding> out = new ArrayList<>();
        if (net.embedding() != null) {
            String owner = "embedding (" + describe(net.embedding()) + ")";
            for (Parameter p : net.embedding().parameters()) {
                out.add(new Binding(p, "embedding." + p.name(), null, owner));
            }
        }
        List<Layer> layers = net.recurrentLayers();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            String owner = "recurrent layer " + l + " (" + describe(layer) + ")";
            for (Parameter p : layer.parameters()) {
                String[] t = recurrentTensors(uniform, l, p.name());
                out.add(new Binding(p, t[0], t[1], owner));
            }
        }
        List<Layer> dense = net.denseLayers();
        for (int l = 0; l < dense.size(); l++) {
            String owner = "dense layer " + l + " (" + describe(dense.get(l)) + ")";
            for (Parameter p : dense.get(l).parameters()) {
                out.add(new Binding(p, dense(l, p.name()), null, owner));
            }
        }
        String owner = "output layer (" + describe(net.outputLayer()) + ")";
        for (Parameter p : net.outputLayer().parameters()) {
            out.add(new Binding(p, output(p.name()), null, owner));
        }
        return out;
    }

    private static String describe(Layer layer) {
        return layer.kind() + ", " + layer.inputSize() + " -> " + layer.outputSize();
    }
}
