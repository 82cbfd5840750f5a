package org.rnn4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.io.model.Text;
import org.rnn4j.io.onnx.OnnxFile;
import org.rnn4j.io.onnx.OnnxGraph;
import org.rnn4j.io.onnx.OnnxValidation;

/**
 * {@code rnn4j inspect FILE.onnx}: an ONNX file's IR version, opset, producer, inputs, outputs,
 * nodes and metadata, after reading it completely and checking the graph's structure
 * ({@link OnnxValidation}); a file that does not read or breaks a rule is one line and exit code
 * 2. Strings from the file are printed {@linkplain Text#escape escaped}.
 */
final class OnnxInspect {

    private OnnxInspect() {
    }

    /**
     * @param file the .onnx file (already checked to be a readable regular file)
     * @param json whether to print one JSON object
     * @param out where to print
     * @throws IllegalArgumentException if the file cannot be read, is not ONNX or is malformed
     */
    static void print(Path file, boolean json, PrintWriter out) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw FileErrors.cannotRead("the ONNX file", file, e);
        }
        OnnxFile f;
        try {
            f = OnnxFile.read(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a readable ONNX model: " + e.getMessage());
        }
        OnnxGraph g = f.graph();
        List<String> problems = OnnxValidation.problems(g);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + " is not a valid ONNX graph: " + Text.escape(problems.get(0))
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        String sha = sha256(bytes);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file.toString());
            m.put("bytes", bytes.length);
            m.put("sha256", sha);
            m.put("format", "onnx");
            m.put("ir_version", f.irVersion());
            m.put("opset", g.opset());
            m.put("producer", f.producer());
            m.put("inputs", values(g.inputs()));
            m.put("outputs", values(g.outputs()));
            List<Object> nodes = new ArrayList<>();
            for (OnnxGraph.Node n : g.nodes()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", n.name());
                e.put("op", n.opType());
                e.put("inputs", n.inputs());
                e.put("outputs", n.outputs());
                nodes.add(e);
            }
            m.put("nodes", nodes);
            m.put("initializers", g.initializers().size());
            m.put("metadata", g.metadata());
            out.println(Json.of(m));
            return;
        }
        out.printf("%s: ONNX (IR %d, opset %d, producer %s), %d bytes, valid%n", file, f.irVersion(), g.opset(),
                Text.escape(f.producer()), bytes.length);
        out.printf("  sha256 %s (whole file)%n", sha);
        out.println();
        out.println("Inputs");
        g.inputs().forEach(v -> out.printf("  %-16s %s%n", Text.escape(v.name()), describe(v)));
        out.println("Outputs");
        g.outputs().forEach(v -> out.printf("  %-16s %s%n", Text.escape(v.name()), describe(v)));
        out.printf("Nodes (%d; %d initializers)%n", g.nodes().size(), g.initializers().size());
        for (OnnxGraph.Node n : g.nodes()) {
            out.printf("  %-10s %s(%s) -> %s%n", Text.escape(n.opType()), Text.escape(n.name()),
                    Text.escape(String.join(", ", n.inputs())), Text.escape(String.join(", ", n.outputs())));
        }
        out.println("Metadata");
        g.metadata().forEach((k, v) -> out.printf("  %-16s %s%n", Text.escape(k), Text.escape(Json.of(v))));
    }

    private static List<Object> values(List<OnnxGraph.ValueInfo> vs) {
        List<Object> l = new ArrayList<>();
        for (OnnxGraph.ValueInfo v : vs) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", v.name());
            e.put("type", type(v.elemType()));
            e.put("shape", v.shape().stream().map(OnnxGraph.Dim::toString).toList());
            l.add(e);
        }
        return l;
    }

    private static String describe(OnnxGraph.ValueInfo v) {
        return type(v.elemType()) + " " + Text.escape(v.shape().toString());
    }

    private static String type(int elemType) {
        return switch (elemType) {
            case OnnxGraph.FLOAT -> "float32";
            case OnnxGraph.DOUBLE -> "float64";
            case OnnxGraph.INT32 -> "int32";
            case OnnxGraph.INT64 -> "int64";
            default -> "type " + elemType;
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
