package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;
import org.rnn4j.io.onnx.OnnxExport;
import org.rnn4j.io.onnx.OnnxOptions;

/**
 * {@code rnn4j export} writes the export of the model it reads (ONNX Runtime runs that export in
 * rnn-io's OnnxRuntimeTest), and refuses bad input in one line with exit code 2, writing nothing.
 */
class ExportCommandTest {

    @TempDir
    Path dir;

    private Path save(String activation) throws Exception {
        Network net = Network.builder(Registry.installed()).input(3).seed(4)
                .recurrent("lstm", 5, Map.of("bidirectional", "true")).recurrent("elman", 4, Map.of("activation", activation))
                .output(3).loss("softmax_cross_entropy").build();
        Path model = dir.resolve("m.safetensors");
        ModelFile.save(model, new SavedModel(net, "abc"));
        return model;
    }

    @Test
    void writesTheExportOfTheModelItReads() throws Exception {
        Path model = save("relu");
        Path onnx = dir.resolve("m.onnx");
        String[] r = Cli.run("export", "--model", model.toString(), "--onnx", onnx.toString(), "--opset", "17",
                "--json");
        assertEquals("0", r[0], r[2]);
        SavedModel m = ModelFile.load(model, Registry.installed());
        assertArrayEquals(OnnxExport.toBytes(m, OnnxOptions.defaults().withOpset(17)), Files.readAllBytes(onnx));
        assertTrue(r[1].startsWith("{\"onnx\":"), r[1]);
        assertTrue(r[1].contains("\"nodes\":[\"LSTM\",\"Transpose\",\"Reshape\",\"RNN\",\"Transpose\",\"Reshape\","
                + "\"MatMul\",\"Add\",\"Softmax\"]"), r[1]);
        assertTrue(r[1].contains("\"input[steps, batch, 3]\""), r[1]);
    }

    @Test
    void refusesAnActivationOnnxLacksInOneLineAndWritesNothing() throws Exception {
        Path model = save("hard_sigmoid");
        Path onnx = dir.resolve("m.onnx");
        String[] r = Cli.run("export", "--model", model.toString(), "--onnx", onnx.toString());
        assertEquals("2", r[0]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertTrue(r[2].contains("recurrent layer 1 (elman) uses activation 'hard_sigmoid'"), r[2]);
        assertFalse(Files.exists(onnx));
    }

    @Test
    void refusesABadOpsetPrecisionOrDirectory() throws Exception {
        Path model = save("tanh");
        String onnx = dir.resolve("m.onnx").toString();
        String[] r = Cli.run("export", "--model", model.toString(), "--onnx", onnx, "--opset", "9");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("the ONNX opset must be 14 to 21, got 9"), r[2]);
        r = Cli.run("export", "--model", model.toString(), "--onnx", onnx, "--precision", "half");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown precision 'half'; the precisions are float32 and float64"), r[2]);
        r = Cli.run("export", "--model", model.toString(), "--onnx", dir.resolve("no/m.onnx").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("does not exist"), r[2]);
        assertFalse(Files.exists(dir.resolve("m.onnx")));
    }
}
