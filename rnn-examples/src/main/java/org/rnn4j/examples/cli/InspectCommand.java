package org.rnn4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.limits.Heap;
import org.rnn4j.examples.limits.InputFile;
import org.rnn4j.examples.limits.RunMemory;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.ModelSummary;
import org.rnn4j.io.model.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j inspect FILE}: a model or checkpoint file's architecture, tensors, shapes and
 * checksums (SHA-256 of the whole file, CRC-32 of each tensor's stored bytes), after loading it
 * completely; a bad file is one line on stderr and exit code 2. Every string from the file is
 * printed {@linkplain Text#escape escaped}: a crafted file cannot send a terminal escape codes.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Load a model or checkpoint file completely and show its architecture, precision (float32 or "
            + "float64; a file that records none is float64), metadata, tensors (name, dtype F32 or F64, shape, bytes, "
            + "CRC-32 of the stored bytes) and the SHA-256 of the file.",
            "A file that does not load is reported in one line on stderr, with exit code 2."})
final class InspectCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "FILE", description = "A .safetensors model or checkpoint written by rnn4j "
            + "(or a PyTorch state_dict with rnn4j's metadata), or a .onnx file (inputs, outputs, nodes, opset).")
    private Path file;

    @Option(names = "--json", description = "Print one JSON object: file, bytes, sha256, format, architecture, "
            + "metadata, tensors [{name, dtype, shape, data_offsets, crc32}], precision (the network's: float32 or "
            + "float64).")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".onnx")) {
            long size = InputFile.requireRegular("", file, "", "an ONNX file");
            Heap.require("reading " + file, 4 * size, "");
            OnnxInspect.print(file, json, spec.commandLine().getOut());
            return;
        }
        long bytes = InputFile.requireRegular("", file, "", "a model or checkpoint file");
        ModelSummary s;
        try {
            Heap.require("loading " + file, RunMemory.loadingBytes(bytes, ModelFile.valueCount(file)), "");
            s = ModelSummary.of(file, Registry.installed());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.of(asJson(s)));
        } else {
            printText(s, out);
        }
    }

    private static Map<String, Object> asJson(ModelSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", s.file().toString());
        m.put("bytes", s.bytes());
        m.put("sha256", s.sha256());
        m.put("format", s.format());
        m.put("architecture", architecture(s.model().network()));
        m.put("metadata", s.metadata());
        List<Object> tensors = new ArrayList<>();
        for (ModelSummary.TensorSummary t : s.tensors()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", t.name());
            e.put("dtype", t.dtype());
            e.put("shape", Arrays.stream(t.shape()).boxed().toList());
            e.put("data_offsets", List.of(t.begin(), t.end()));
            e.put("crc32", t.crc32());
            tensors.add(e);
        }
        m.put("tensors", tensors);
        m.put("precision", s.model().network().precision().label());
        return m;
    }

    private static Map<String, Object> architecture(Network net) {
        Architecture a = net.architecture();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input_size", a.inputSize());
        List<Object> layers = new ArrayList<>();
        for (int l = 0; l < a.recurrent().size(); l++) {
            layers.add(layer(a.recurrent().get(l), net.recurrentLayers().get(l)));
        }
        m.put("recurrent", layers);
        if (!a.dense().isEmpty()) {
            List<Object> dense = new ArrayList<>();
            for (int l = 0; l < a.dense().size(); l++) {
                dense.add(layer(a.dense().get(l), net.denseLayers().get(l)));
            }
            m.put("dense", dense);
        }
        m.put("output", layer(a.output(), net.outputLayer()));
        m.put("loss", a.loss());
        m.put("reduction", a.reduction().name().toLowerCase(Locale.ROOT));
        m.put("parameters", net.parameters().stream().mapToLong(Parameter::size).sum());
        return m;
    }

    private static Map<String, Object> layer(LayerConfig c, Layer layer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.kind());
        m.put("input", layer.inputSize());
        m.put("size", c.size());
        m.put("options", c.options());
        return m;
    }

    private static void printText(ModelSummary s, PrintWriter out) {
        Network net = s.model().network();
        out.printf("%s: %s, %d bytes, valid%n", s.file(), Text.escape(s.format()), s.bytes());
        out.printf("  sha256 %s (whole file)%n", s.sha256());
        out.println();
        out.println("Network");
        for (int l = 0; l < net.recurrentLayers().size(); l++) {
            out.printf("  recurrent layer %d  %s%n", l, describe(net.architecture().recurrent().get(l),
                    net.recurrentLayers().get(l)));
        }
        for (int l = 0; l < net.denseLayers().size(); l++) {
            out.printf("  dense layer %d      %s%n", l, describe(net.architecture().dense().get(l),
                    net.denseLayers().get(l)));
        }
        out.printf("  output layer       %s%n", describe(net.architecture().output(), net.outputLayer()));
        out.printf("  loss               %s, reduction %s%n", Text.escape(net.architecture().loss()),
                net.architecture().reduction().name().toLowerCase(Locale.ROOT));
        out.printf("  parameters         %d%n", net.parameters().stream().mapToLong(Parameter::size).sum());
        out.printf("  precision          %s%s%n", net.precision().label(), s.metadata().containsKey("precision") ? ""
                : " (the file records none: written before float32 existed)");
        out.println();
        out.println("Metadata");
        s.metadata().forEach((k, v) -> out.printf("  %-16s %s%n", Text.escape(k), Text.escape(Json.of(v))));
        out.println();
        out.println("Tensors (F32 = float32, F64 = float64, little-endian; crc32 of the stored bytes)");
        int width = s.tensors().stream().mapToInt(t -> Text.escape(t.name()).length()).max().orElse(4);
        for (ModelSummary.TensorSummary t : s.tensors()) {
            out.printf("  %-" + width + "s  %-4s %-12s %8d bytes  crc32 %s%n", Text.escape(t.name()), t.dtype(),
                    Arrays.toString(t.shape()), t.end() - t.begin(), t.crc32());
        }
    }

    /** The layer in one line, its kind and options (strings from the file) escaped. */
    private static String describe(LayerConfig c, Layer layer) {
        return Text.escape(c.kind() + " " + layer.inputSize() + " -> " + layer.outputSize() + (c.options().isEmpty() ? ""
                : " " + c.options()));
    }
}
