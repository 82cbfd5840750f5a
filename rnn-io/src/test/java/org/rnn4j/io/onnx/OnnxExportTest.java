package org.rnn4j.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.SavedModel;
import org.rnn4j.io.model.SequenceEnd;

/** What the export refuses, what it writes besides the weights, and that it writes atomically. */
class OnnxExportTest {

    private static final Registry REGISTRY = Registry.installed();

    @TempDir
    Path dir;

    private static Network elman(String activation) {
        return Network.builder(REGISTRY).input(3).seed(1).recurrent("lstm", 4)
                .recurrent("elman", 4, Map.of("activation", activation)).output(2).loss("mse").build();
    }

    @Test
    void anActivationOnnxLacksIsRefusedNamingTheLayerAndWhatMaps() throws IOException {
        Path target = dir.resolve("m.onnx");
        Files.writeString(target, "the user's earlier file");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.write(SavedModel.of(elman("hard_sigmoid")), target, OnnxOptions.defaults()));
        assertEquals("recurrent layer 1 (elman) uses activation 'hard_sigmoid', which ONNX's recurrent operators "
                + "cannot express; these map: elu, leaky_relu, relu, sigmoid, softplus, softsign, tanh", e.getMessage());
        assertEquals("the user's earlier file", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aDenseActivationWithoutAnOperatorIsRefused() {
        Network net = Network.builder(REGISTRY).input(3).seed(1).recurrent("gru", 4)
                .output("dense", 2, Map.of("activation", "hard_sigmoid")).loss("mse").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.toBytes(SavedModel.of(net), OnnxOptions.defaults()));
        assertTrue(e.getMessage().startsWith("the output layer (dense) uses activation 'hard_sigmoid'"), e.getMessage());
    }

    @Test
    void aPluginLayerKindIsRefused() {
        LayerProvider elman = REGISTRY.layer("elman");
        LayerProvider mine = new LayerProvider() {
            @Override
            public String name() {
                return "my_rnn";
            }

            @Override
            public boolean recurrent() {
                return true;
            }

            @Override
            public Layer create(LayerSpec spec) {
                return elman.create(spec);
            }
        };
        Registry registry = REGISTRY.toBuilder().add(mine).build();
        Network net = Network.builder(registry).input(3).seed(1).recurrent("my_rnn", 4).output(2).loss("mse").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.toBytes(SavedModel.of(net), OnnxOptions.defaults()));
        assertEquals("recurrent layer 0 (my_rnn) cannot be exported: ONNX has operators for the recurrent kinds "
                + "elman, lstm and gru only", e.getMessage());
    }

    @Test
    void aPluginSequenceHeadIsRefusedNamingIt() throws IOException {
        LayerProvider lastStep = REGISTRY.layer("last_step");
        LayerProvider mine = new LayerProvider() {
            @Override
            public String name() {
                return "my_head";
            }

            @Override
            public boolean recurrent() {
                return false;
            }

            @Override
            public boolean sequenceHead() {
                return true;
            }

            @Override
            public Layer create(LayerSpec spec) {
                return lastStep.create(spec);
            }
        };
        Registry registry = REGISTRY.toBuilder().add(mine).build();
        Network net = Network.builder(registry).input(5).seed(1).embedding(3).recurrent("gru", 4).head("my_head")
                .output(2).loss("sparse_softmax_cross_entropy").build();
        Path target = dir.resolve("m.onnx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.write(SavedModel.of(net), target, OnnxOptions.defaults()));
        assertEquals("the sequence head my_head cannot be exported: ONNX export knows the heads last_step, mean_pool "
                + "and max_pool", e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void aBadOpsetOrPrecisionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OnnxOptions(13,
                Precision.FLOAT32, true, true));
        assertEquals("the ONNX opset must be 14 to 21, got 13", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("float16"));
        assertEquals("unknown precision 'float16'; the precisions are float32 and float64", e.getMessage());
    }

    @Test
    void theRuntimeSeesDynamicAxesStatesAndTheMetadata() throws IOException, OrtException {
        String vocabulary = "ab\nc";
        Network net = Network.builder(REGISTRY).input(4).seed(2).recurrent("lstm", 5, Map.of("bidirectional", "true"))
                .recurrent("gru", 3).output(4).loss("softmax_cross_entropy").build();
        Path target = dir.resolve("lm.onnx");
        OnnxExport.write(new SavedModel(net, vocabulary, new SequenceEnd("\n", 1)), target,
                OnnxOptions.defaults().withOpset(17));
        try (OrtSession s = OrtEnvironment.getEnvironment().createSession(target.toString(),
                new OrtSession.SessionOptions())) {
            Map<String, NodeInfo> in = s.getInputInfo();
            assertEquals(List.of("input", "sequence_lens", "initial_h_0", "initial_c_0", "initial_h_1"),
                    List.copyOf(in.keySet()));
            assertArrayEquals(new long[] {-1, -1, 4}, ((TensorInfo) in.get("input").getInfo()).getShape());
            assertArrayEquals(new long[] {2, -1, 5}, ((TensorInfo) in.get("initial_c_0").getInfo()).getShape());
            assertEquals(List.of("output", "probabilities", "final_h_0", "final_c_0", "final_h_1"),
                    List.copyOf(s.getOutputInfo().keySet()));
            var meta = s.getMetadata();
            assertEquals("rnn4j", meta.getProducerName());
            assertEquals(vocabulary, meta.getCustomMetadataValue("rnn4j.vocabulary").orElseThrow());
            assertEquals("\n", meta.getCustomMetadataValue("rnn4j.end_symbol").orElseThrow());
            assertEquals("1", meta.getCustomMetadataValue("rnn4j.end_count").orElseThrow());
            assertEquals("softmax_cross_entropy", meta.getCustomMetadataValue("rnn4j.loss").orElseThrow());
        }
        assertFalse(new String(Files.readAllBytes(target), StandardCharsets.ISO_8859_1).isEmpty());
    }

    @Test
    void aHiddenDenseActivationOnnxCannotExpressIsRefusedNamingTheLayer() {
        Network net = Network.builder(Registry.installed()).input(2).recurrent("gru", 3).lastStep().dense(4)
                .dense(3, "hard_sigmoid").output(2).loss("mse").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.toBytes(SavedModel.of(net), OnnxOptions.defaults()));
        assertEquals("dense layer 1 (dense) uses activation 'hard_sigmoid', which has no ONNX operator; these map: "
                + "identity, elu, leaky_relu, relu, sigmoid, softplus, softsign, tanh", e.getMessage());
    }

    @Test
    void eachHiddenDenseLayerIsAMatMulAnAddAndItsActivation() {
        Network net = Network.builder(Registry.installed()).input(2).recurrent("gru", 3).lastStep().dense(4)
                .dense(3, Map.of("activation", "identity", "bias", "false")).output(2).loss("mse").build();
        OnnxGraph g = OnnxExport.graph(SavedModel.of(net), OnnxOptions.defaults());
        List<String> dense = g.nodes().stream().filter(n -> n.outputs().get(0).startsWith("dense")
                || n.outputs().get(0).startsWith("D_") || n.outputs().get(0).equals("output"))
                .map(n -> n.opType() + " " + n.outputs().get(0)).toList();
        assertEquals(List.of("MatMul dense0_matmul", "Add dense0_pre", "Relu D_0", "MatMul D_1", "MatMul dense_matmul",
                "Add output"), dense);
        assertEquals("gru 3{}; dense 4{activation=relu}; dense 3{activation=identity, bias=false}; dense 2{}",
                g.metadata().get("rnn4j.layers"));
    }
}
