package org.rnn4j.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.SavedModel;

/** The checker's structural rules: an exported graph keeps them, and each broken rule is found. */
class OnnxValidationTest {

    private static OnnxGraph exported() {
        Network net = Network.builder(Registry.installed()).input(3).seed(1)
                .recurrent("elman", 4, Map.of("bidirectional", "true")).recurrent("lstm", 3).recurrent("gru", 2)
                .output(2).loss("mse").build();
        return OnnxExport.graph(SavedModel.of(net), OnnxOptions.defaults());
    }

    private static OnnxGraph withNodes(OnnxGraph g, List<OnnxGraph.Node> nodes) {
        return new OnnxGraph(g.name(), g.opset(), g.inputs(), g.outputs(), g.initializers(), nodes, g.metadata());
    }

    @Test
    void anExportedGraphHasNoProblems() {
        assertEquals(List.of(), OnnxValidation.problems(exported()));
    }

    @Test
    void aNodeBeforeItsInputsIsFound() {
        OnnxGraph g = exported();
        List<OnnxGraph.Node> nodes = new ArrayList<>(g.nodes());
        nodes.add(nodes.remove(0));
        assertEquals("node Y_0_tbdh reads 'Y_0', which no graph input, initializer or earlier node produces",
                OnnxValidation.problems(withNodes(g, nodes)).get(0));
    }

    @Test
    void aValueDefinedTwiceIsFound() {
        OnnxGraph g = exported();
        List<OnnxGraph.Node> nodes = new ArrayList<>(g.nodes());
        nodes.add(new OnnxGraph.Node("Identity", "again", List.of("input"), List.of("H_0"), List.of()));
        assertEquals(List.of("'H_0' (output of node again) is defined twice"),
                OnnxValidation.problems(withNodes(g, nodes)));
    }

    @Test
    void aDuplicateNodeNameAndAMissingOutputAreFound() {
        OnnxGraph g = exported();
        List<OnnxGraph.Node> nodes = new ArrayList<>(g.nodes());
        OnnxGraph.Node last = nodes.remove(nodes.size() - 1);
        nodes.add(new OnnxGraph.Node(last.opType(), "RNN_0", last.inputs(), List.of("elsewhere"), last.attributes()));
        assertEquals(List.of("node name 'RNN_0' is empty or not unique", "graph output 'output' is produced by nothing"),
                OnnxValidation.problems(withNodes(g, nodes)));
    }

    @Test
    void anInitializerOfTheWrongSizeIsFound() {
        OnnxGraph g = exported();
        List<OnnxGraph.Tensor> init = new ArrayList<>(g.initializers());
        OnnxGraph.Tensor w = init.remove(0);
        init.add(0, new OnnxGraph.Tensor(w.name(), w.dataType(), w.dims(), new byte[4]));
        OnnxGraph broken = new OnnxGraph(g.name(), g.opset(), g.inputs(), g.outputs(), init, g.nodes(), g.metadata());
        assertEquals(List.of("initializer W_0 holds 4 bytes, its shape needs " + 2 * 4 * 3 * 4),
                OnnxValidation.problems(broken));
    }
}
