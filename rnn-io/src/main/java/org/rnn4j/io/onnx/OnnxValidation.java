package org.rnn4j.io.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The structural rules of ONNX's checker (onnx/checker.cc) that an exported graph can break:
 * the opset is declared, every value has one producer (a graph input, an initializer or one
 * node output) and names are unique, every node input is produced before the node (the nodes
 * are topologically sorted), every graph output is produced, node names are unique and not
 * empty, and every initializer holds as many bytes as its shape and type say.
 */
public final class OnnxValidation {

    private OnnxValidation() {
    }

    /**
     * @param g a graph
     * @return every rule broken, one line each; empty when the graph is well formed
     */
    public static List<String> problems(OnnxGraph g) {
        List<String> problems = new ArrayList<>();
        if (g.opset() < 1) {
            problems.add("no opset declared");
        }
        Set<String> available = new HashSet<>();
        for (OnnxGraph.ValueInfo v : g.inputs()) {
            define(v.name(), "graph input", available, problems);
        }
        for (OnnxGraph.Tensor t : g.initializers()) {
            define(t.name(), "initializer", available, problems);
            long n = 1;
            for (long d : t.dims()) {
                n *= d;
            }
            long expected = n * bytesPerElement(t.dataType());
            if (expected != t.raw().length) {
                problems.add("initializer " + t.name() + " holds " + t.raw().length + " bytes, its shape needs "
                        + expected);
            }
        }
        Set<String> nodeNames = new HashSet<>();
        for (OnnxGraph.Node n : g.nodes()) {
            if (n.name().isEmpty() || !nodeNames.add(n.name())) {
                problems.add("node name '" + n.name() + "' is empty or not unique");
            }
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !available.contains(in)) {
                    problems.add("node " + n.name() + " reads '" + in + "', which no graph input, initializer or "
                            + "earlier node produces");
                }
            }
            for (String out : n.outputs()) {
                define(out, "output of node " + n.name(), available, problems);
            }
        }
        Set<String> outputs = new HashSet<>();
        for (OnnxGraph.ValueInfo v : g.outputs()) {
            if (!available.contains(v.name())) {
                problems.add("graph output '" + v.name() + "' is produced by nothing");
            }
            if (!outputs.add(v.name())) {
                problems.add("graph output '" + v.name() + "' is listed twice");
            }
        }
        return problems;
    }

    private static void define(String name, String what, Set<String> available, List<String> problems) {
        if (name.isEmpty()) {
            problems.add("a " + what + " has no name");
        } else if (!available.add(name)) {
            problems.add("'" + name + "' (" + what + ") is defined twice");
        }
    }

    private static int bytesPerElement(int dataType) {
        return switch (dataType) {
            case OnnxGraph.FLOAT, OnnxGraph.INT32 -> 4;
            case OnnxGraph.DOUBLE, OnnxGraph.INT64 -> 8;
            default -> throw new IllegalArgumentException("unexpected ONNX data type " + dataType);
        };
    }
}
