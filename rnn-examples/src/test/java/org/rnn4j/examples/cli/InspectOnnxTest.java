package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/** {@code rnn4j inspect} reads the ONNX files {@code rnn4j export} writes, and refuses broken ones in one line. */
class InspectOnnxTest {

    @TempDir
    Path dir;

    private Path exported() throws Exception {
        Network net = Network.builder(Registry.installed()).input(3).seed(4).recurrent("gru", 5, Map.of("bidirectional",
                "true")).output(3).loss("softmax_cross_entropy").build();
        Path model = dir.resolve("m.safetensors");
        ModelFile.save(model, new SavedModel(net, "a\u001bc"));
        Path onnx = dir.resolve("m.onnx");
        String[] r = Cli.run("export", "--model", model.toString(), "--onnx", onnx.toString(), "--opset", "18");
        assertEquals("0", r[0], r[2]);
        return onnx;
    }

    @Test
    void showsInputsOutputsNodesAndOpset() throws Exception {
        Path onnx = exported();
        String[] r = Cli.run("inspect", onnx.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith(onnx + ": ONNX (IR 8, opset 18, producer rnn4j "), r[1]);
        assertTrue(r[1].contains("  input            float32 [steps, batch, 3]"), r[1]);
        assertTrue(r[1].contains("  final_h_0        float32 [2, batch, 5]"), r[1]);
        assertTrue(r[1].contains("  GRU        GRU_0(input, W_0, R_0, B_0, sequence_lens, initial_h_0) -> Y_0, final_h_0"),
                r[1]);
        assertTrue(r[1].contains("rnn4j.vocabulary \"a\\u001Bc\""), "escaped: " + r[1]);
        assertTrue(r[1].chars().noneMatch(c -> c == 0x1b), "no raw escape code reaches the terminal");

        String[] j = Cli.run("inspect", "--json", onnx.toString());
        assertEquals("0", j[0], j[2]);
        assertTrue(j[1].contains("\"format\":\"onnx\",\"ir_version\":8,\"opset\":18"), j[1]);
        assertTrue(j[1].contains("{\"name\":\"sequence_lens\",\"type\":\"int32\",\"shape\":[\"batch\"]}"), j[1]);
    }

    @Test
    void aBrokenOnnxFileIsOneLineAndExitCode2() throws Exception {
        Path onnx = exported();
        byte[] b = Files.readAllBytes(onnx);
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(b, b.length - 100));
        String[] r = Cli.run("inspect", cut.toString());
        assertEquals("2", r[0]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertTrue(r[2].contains(cut + " is not a readable ONNX model: malformed protobuf"), r[2]);
    }
}
