package org.rnn4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.Precision;
import org.rnn4j.io.model.SavedModel;
import org.rnn4j.io.onnx.OnnxExport;
import org.rnn4j.io.onnx.OnnxGraph;
import org.rnn4j.io.onnx.OnnxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j export --model M.safetensors --onnx OUT.onnx}: the model as an ONNX graph for
 * serving outside the JVM ({@link OnnxExport}). A network ONNX cannot express is refused in one
 * line (exit code 2) before anything is written; the file is written atomically.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a model to ONNX, for ONNX Runtime and other serving stacks: one RNN/LSTM/GRU node per "
            + "recurrent layer, dynamic batch and steps, optional sequence_lens, initial states in and final states "
            + "out per layer; as metadata_props the vocabulary, or for a model trained with --data its task, class labels "
            + "and standardisation (JSON).",
            "A network ONNX cannot express (an activation its operators lack, a plug-in layer kind) is refused in "
                + "one line with exit code 2, and nothing is written."})
final class ExportCommand implements Runnable {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The .safetensors model to export.")
    private Path model;

    @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "The .onnx file to write "
            + "(replaced atomically if it exists).")
    private Path onnx;

    @Option(names = "--opset", paramLabel = "N", description = "ONNX opset, " + OnnxOptions.MIN_OPSET + " to "
            + OnnxOptions.MAX_OPSET + " (default: ${DEFAULT-VALUE}).", defaultValue = "" + OnnxOptions.DEFAULT_OPSET)
    private int opset;

    @Option(names = "--precision", paramLabel = "TYPE", defaultValue = "float32", description = "float32 "
            + "(default; weights cast) or float64 (ONNX Runtime's CPU kernels of RNN, LSTM and GRU do not run it).")
    private String precision;

    @Option(names = "--no-sequence-lens", description = "Leave out the sequence_lens input (every sequence of a "
            + "batch then has all its steps).")
    private boolean noSequenceLens;

    @Option(names = "--no-initial-states", description = "Leave out the initial_h_K/initial_c_K inputs (states "
            + "start at zero; the final states are still outputs).")
    private boolean noInitialStates;

    @Option(names = "--json", description = "Print one JSON object: onnx, bytes, opset, precision, inputs, outputs, "
            + "nodes [op types in order].")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        OnnxOptions options = new OnnxOptions(opset, Precision.parse(precision), !noSequenceLens,
                !noInitialStates);
        Path dir = onnx.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--onnx " + onnx + ": the directory " + dir + " does not exist");
        }
        SavedModel m = load(model);
        OnnxGraph g = OnnxExport.graph(m, options);
        try {
            OnnxExport.write(m, onnx, options);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write --onnx " + onnx + ": " + e.getMessage());
        }
        long bytes;
        try {
            bytes = Files.size(onnx);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read back --onnx " + onnx + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> inputs = g.inputs().stream().map(v -> v.name() + v.shape()).toList();
        List<String> outputs = g.outputs().stream().map(v -> v.name() + v.shape()).toList();
        List<String> nodes = g.nodes().stream().map(OnnxGraph.Node::opType).toList();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("onnx", onnx.toString());
            j.put("bytes", bytes);
            j.put("opset", opset);
            j.put("precision", precision);
            j.put("inputs", inputs);
            j.put("outputs", outputs);
            j.put("nodes", nodes);
            out.println(Json.of(j));
        } else {
            out.printf("wrote %s: %d bytes, ONNX opset %d, %s, %d nodes%n", onnx, bytes, opset, precision, nodes.size());
            out.printf("  inputs  %s%n", String.join(", ", inputs));
            out.printf("  outputs %s%n", String.join(", ", outputs));
        }
    }

    private static SavedModel load(Path file) {
        return ModelArgument.load(file, "a model file");
    }
}
