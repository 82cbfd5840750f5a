package org.rnn4j.io.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rnn4j.api.Layer;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;
import org.rnn4j.io.model.AtomicFile;
import org.rnn4j.io.model.SavedModel;
import org.rnn4j.io.onnx.OnnxGraph.Dim;

/**
 * Exports an rnn4j model as an ONNX graph that serving runtimes run as it is: each recurrent
 * layer one ONNX {@code RNN}, {@code LSTM} or {@code GRU} node (gates reordered, see
 * {@link RecurrentWeights}; GRU with {@code linear_before_reset = 1}, as rnn4j's GRU applies
 * the reset gate to W_hn h + b_hn), its output [T, D, B, H] made [T, B, D*H] by a
 * {@code Transpose} and a {@code Reshape}; the dense output layer a {@code MatMul}, an
 * {@code Add} and its activation, and so each hidden dense layer k before it (nodes and weights
 * named {@code dense}k{@code _...}, output {@code D_k}); dropout nothing (inference).
 *
 * <p>The graph, time-major like rnn4j ({@code layout = 0}), with T and B dynamic:
 * <ul>
 *   <li>inputs {@code input} [T, B, I] (with an embedding: [T, B] int64 symbol indices, looked up
 *       by a {@code Gather}); {@code sequence_lens} [B] int32 (optional, see
 *       {@link OnnxOptions#sequenceLens()}); per recurrent layer k {@code initial_h_k}
 *       [D, B, H] and, for an LSTM, {@code initial_c_k} (optional,
 *       {@link OnnxOptions#states()});</li>
 *   <li>outputs {@code output} [T, B, O] (what {@link Network#forward} returns; steps past a
 *       sequence's length are not meaningful), for a model trained with softmax cross-entropy
 *       also {@code probabilities}, and per layer {@code final_h_k} (and {@code final_c_k}),
 *       each sequence's state after its last real step, to feed back as the next call's
 *       initial state when streaming. With a sequence head ({@link SequenceHeads}) the output is
 *       one row per sequence, [1, B, O].</li>
 * </ul>
 * The model's vocabulary, end symbol, loss, layer list, precision and, for a model trained on
 * data, its task, class labels and standardisation are {@code metadata_props} with keys starting
 * {@code rnn4j.} ({@link OnnxMetadata}).
 */
public final class OnnxExport {

    private static final Set<String> RECURRENT_KINDS = Set.of("elman", "lstm", "gru");
    private static final Set<String> SOFTMAX_LOSSES = Set.of("softmax_cross_entropy", "sparse_softmax_cross_entropy");

    private OnnxExport() {
    }

    /**
     * Writes the model's ONNX file atomically: the target is replaced only once the whole file
     * is written, and nothing is written if the model cannot be exported.
     *
     * @param model the model
     * @param target the .onnx file
     * @param options opset and precision
     * @throws IllegalArgumentException naming the layer ONNX cannot express, and why
     * @throws IOException if the file cannot be written (the target is then unchanged)
     */
    public static void write(SavedModel model, Path target, OnnxOptions options) throws IOException {
        byte[] bytes = toBytes(model, options);
        AtomicFile.write(target, out -> out.write(bytes));
    }

    /**
     * @param model the model
     * @param options opset and precision
     * @return the ONNX file's bytes
     * @throws IllegalArgumentException naming the layer ONNX cannot express, and why
     */
    public static byte[] toBytes(SavedModel model, OnnxOptions options) {
        OnnxGraph g = graph(model, options);
        List<String> problems = OnnxValidation.problems(g);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the exported ONNX graph is malformed (a bug in rnn4j): " + problems);
        }
        return OnnxEncoding.encode(g);
    }

    /**
     * The graph of a model, as values.
     *
     * @param model the model
     * @param options opset and precision
     * @return the graph
     * @throws IllegalArgumentException naming the layer ONNX cannot express, and why
     */
    public static OnnxGraph graph(SavedModel model, OnnxOptions options) {
        Network net = model.network();
        Architecture a = net.architecture();
        GraphBuilder g = new GraphBuilder(OnnxOptions.elemType(options.precision()));
        int t = g.elemType();
        Dim steps = Dim.named("steps");
        Dim batch = Dim.named("batch");
        String h = input(g, a, net, steps, batch);
        String lens = "";
        if (options.sequenceLens()) {
            lens = "sequence_lens";
            g.input(lens, OnnxGraph.INT32, batch);
        }
        List<Layer> layers = net.recurrentLayers();
        for (int k = 0; k < layers.size(); k++) {
            h = recurrent(g, k, a.recurrent().get(k), layers.get(k), h, lens, options.states(), batch, steps);
        }
        Dim rows = steps;
        if (a.head() != null) {
            h = SequenceHeads.head(g, a.head(), layers.size() - 1, h, lens, options.opset());
            rows = Dim.of(1);
        }
        for (int k = 0; k < a.dense().size(); k++) {
            h = dense(g, a.dense().get(k), net.denseLayers().get(k), h, "dense layer " + k, "dense" + k + "_", "D_" + k);
        }
        String out = dense(g, a.output(), net.outputLayer(), h, "the output layer", "dense_", "output");
        g.output("output", g.elemType(), rows, batch, Dim.of(net.outputSize()));
        if (SOFTMAX_LOSSES.contains(a.loss())) {
            g.node("Softmax", List.of(out), List.of("probabilities"), new OnnxGraph.Attribute("axis", -1L));
            g.output("probabilities", t, rows, batch, Dim.of(net.outputSize()));
        }
        OnnxMetadata.of(model, options).forEach(g::metadata);
        return g.build("rnn4j", options.opset());
    }

    /** The graph input, through the embedding's Gather if there is one. */
    private static String input(GraphBuilder g, Architecture a, Network net, Dim steps, Dim batch) {
        if (a.embedding() == null) {
            g.input("input", g.elemType(), steps, batch, Dim.of(net.inputSize()));
            return "input";
        }
        if (!a.embedding().kind().equals("embedding")) {
            throw new IllegalArgumentException("the input layer (" + a.embedding().kind() + ") cannot be exported: "
                    + "ONNX export knows the input kind embedding only");
        }
        Layer e = net.embedding();
        g.input("input", OnnxGraph.INT64, steps, batch);
        String table = g.weights("embedding_weight", e.parameters().get(0).values(), e.inputSize(), e.outputSize());
        return g.node("Gather", List.of(table, "input"), List.of("embedded"), new OnnxGraph.Attribute("axis", 0L));
    }

    private static String recurrent(GraphBuilder g, int k, LayerConfig config, Layer layer, String x, String lens,
            boolean states, Dim batch, Dim steps) {
        String kind = config.kind();
        String owner = "recurrent layer " + k + " (" + kind + ")";
        if (!RECURRENT_KINDS.contains(kind)) {
            throw new IllegalArgumentException(owner + " cannot be exported: ONNX has operators for the recurrent "
                    + "kinds elman, lstm and gru only");
        }
        RecurrentWeights w = RecurrentWeights.of(layer, kind);
        int d = w.directions();
        int hid = w.hidden();
        int gh = RecurrentWeights.order(kind).length * hid;
        String op = switch (kind) {
            case "lstm" -> "LSTM";
            case "gru" -> "GRU";
            default -> "RNN";
        };
        List<String> in = new ArrayList<>(List.of(x,
                g.weights("W_" + k, w.w(), d, gh, layer.inputSize()),
                g.weights("R_" + k, w.r(), d, gh, hid),
                g.weights("B_" + k, w.b(), d, 2L * gh),
                lens));
        String y = "Y_" + k;
        List<String> out = new ArrayList<>(List.of(y, "final_h_" + k));
        boolean lstm = kind.equals("lstm");
        if (states) {
            in.add("initial_h_" + k);
            g.input("initial_h_" + k, g.elemType(), Dim.of(d), batch, Dim.of(hid));
            if (lstm) {
                in.add("initial_c_" + k);
                g.input("initial_c_" + k, g.elemType(), Dim.of(d), batch, Dim.of(hid));
            }
        }
        g.stateOutput("final_h_" + k, g.elemType(), Dim.of(d), batch, Dim.of(hid));
        if (lstm) {
            out.add("final_c_" + k);
            g.stateOutput("final_c_" + k, g.elemType(), Dim.of(d), batch, Dim.of(hid));
        }
        List<OnnxGraph.Attribute> attrs = new ArrayList<>();
        attrs.add(new OnnxGraph.Attribute("hidden_size", (long) hid));
        attrs.add(new OnnxGraph.Attribute("direction", d == 2 ? "bidirectional" : "forward"));
        attrs.add(new OnnxGraph.Attribute("activations", activations(kind, config, owner, d)));
        if (kind.equals("gru")) {
            attrs.add(new OnnxGraph.Attribute("linear_before_reset", 1L));
        }
        g.node(new OnnxGraph.Node(op, op + "_" + k, in, out, attrs));
        String perm = g.node("Transpose", List.of(y), List.of("Y_" + k + "_tbdh"),
                new OnnxGraph.Attribute("perm", new long[] {0, 2, 1, 3}));
        return g.node("Reshape", List.of(perm, g.int64s("shape_" + k, 0, 0, -1)), List.of("H_" + k));
    }

    private static List<String> activations(String kind, LayerConfig config, String owner, int directions) {
        List<String> one;
        if (kind.equals("elman")) {
            // ElmanProvider's default, as PyTorch's nn.RNN
            one = List.of(OnnxActivations.recurrent(config.options().getOrDefault("activation", "tanh"), owner));
        } else {
            String gate = OnnxActivations.recurrent(config.options().getOrDefault("gate_activation", "sigmoid"), owner);
            String cell = OnnxActivations.recurrent(config.options().getOrDefault("cell_activation",
                    config.options().getOrDefault("activation", "tanh")), owner);
            // LSTM: f (gates), g (candidate), h (squashing of c), rnn4j's cell activation both;
            // GRU: f (gates), g (candidate)
            one = kind.equals("lstm") ? List.of(gate, cell, cell) : List.of(gate, cell);
        }
        List<String> all = new ArrayList<>(one);
        if (directions == 2) {
            all.addAll(one);
        }
        return all;
    }

    /**
     * A dense layer as MatMul, Add and its activation over [rows, B, in] (MatMul, not Gemm,
     * because Gemm takes 2-D inputs only).
     *
     * @param place the layer, for messages ({@code "dense layer 0"})
     * @param prefix of its nodes' and weights' names ({@code "dense_"} for the output layer)
     * @param result the name of its output
     */
    private static String dense(GraphBuilder g, LayerConfig config, Layer layer, String h, String place, String prefix,
            String result) {
        String owner = place + " (" + config.kind() + ")";
        if (!config.kind().equals("dense")) {
            throw new IllegalArgumentException(owner + " cannot be exported: ONNX export knows the layer kind dense "
                    + "only after the recurrent layers");
        }
        int in = layer.inputSize();
        int o = layer.outputSize();
        double[] weight = null;
        double[] bias = null;
        for (var p : layer.parameters()) {
            if (p.name().equals("weight")) {
                weight = p.values();
            } else if (p.name().equals("bias")) {
                bias = p.values();
            }
        }
        double[] wt = new double[in * o];
        for (int i = 0; i < o; i++) {
            for (int j = 0; j < in; j++) {
                wt[j * o + i] = weight[i * in + j];
            }
        }
        String activation = config.options().getOrDefault("activation", "identity");
        String y = g.node("MatMul", List.of(h, g.weights(prefix + "weight_t", wt, in, o)),
                List.of(bias == null && activation.equals("identity") ? result : prefix + "matmul"));
        if (bias != null) {
            y = g.node("Add", List.of(y, g.weights(prefix + "bias", bias, o)),
                    List.of(activation.equals("identity") ? result : prefix + "pre"));
        }
        OnnxGraph.Node act = OnnxActivations.standalone(activation, owner, y, result);
        if (act != null) {
            g.node(act);
        }
        return result;
    }
}
