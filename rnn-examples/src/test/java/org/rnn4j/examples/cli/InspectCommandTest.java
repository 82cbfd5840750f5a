package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/** {@code rnn4j inspect}: what it prints for a good file, and one line with exit code 2 for a bad one. */
class InspectCommandTest {

    @TempDir
    Path dir;

    private Path model;
    private byte[] bytes;

    @BeforeEach
    void writeModel() throws Exception {
        Network net = Network.builder(Registry.installed()).input(4)
                .recurrent("elman", 3, Map.of("activation", "tanh"))
                .recurrent("elman", 3, Map.of("activation", "tanh"))
                .output(4).seed(5).build();
        model = dir.resolve("model.safetensors");
        ModelFile.save(model, new SavedModel(net, "ab\nc"));
        bytes = Files.readAllBytes(model);
    }

    private static String[] run(String... args) {
        return Cli.run(args);
    }

    @Test
    void printsArchitectureTensorsShapesAndChecksums() throws Exception {
        String[] r = run("inspect", model.toString());
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.contains("rnn4j-model, " + bytes.length + " bytes, valid"), out);
        assertTrue(out.contains("sha256 " + sha256(bytes)), out);
        assertTrue(out.matches("(?s).*recurrent layer 1\\s+elman 3 -> 3 \\{activation=tanh}.*"), out);
        assertTrue(out.matches("(?s).*output layer\\s+dense 3 -> 4\\n.*"), out);
        assertTrue(out.matches("(?s).*rnn\\.weight_ih_l0\\s+F64\\s+\\[3, 4]\\s+96 bytes\\s+crc32 " + crc32(bytes,
                "rnn.weight_ih_l0") + ".*"), out);
        assertTrue(out.matches("(?s).*decoder\\.bias\\s+F64\\s+\\[4]\\s+32 bytes.*"), out);
        assertTrue(out.contains("vocabulary       \"ab\\nc\""), "control characters are escaped: " + out);
        assertTrue(out.matches("(?s).*\\n  precision\\s+float64\\n.*"), out);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFloat32ModelShowsF32TensorsAndItsPrecision() throws Exception {
        Network net = ModelFile.load(model, Registry.installed()).network().to(Precision.FLOAT32);
        Path f32 = dir.resolve("f32.safetensors");
        ModelFile.save(f32, new SavedModel(net, "ab\nc"));
        byte[] b = Files.readAllBytes(f32);
        String[] r = run("inspect", f32.toString());
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.matches("(?s).*\\n  precision\\s+float32\\n.*"), out);
        assertTrue(out.matches("(?s).*rnn\\.weight_ih_l0\\s+F32\\s+\\[3, 4]\\s+48 bytes\\s+crc32 " + crc32(b,
                "rnn.weight_ih_l0") + ".*"), out);
        assertTrue(out.matches("(?s).*decoder\\.bias\\s+F32\\s+\\[4]\\s+16 bytes.*"), out);
        r = run("inspect", "--json", f32.toString());
        assertEquals("0", r[0], r[2]);
        Map<String, Object> m = JSON.std.mapFrom(r[1].strip());
        assertEquals("float32", m.get("precision"));
        assertEquals("float32", ((Map<String, Object>) m.get("metadata")).get("precision"));
        for (Map<String, Object> t : (List<Map<String, Object>>) m.get("tensors")) {
            assertEquals("F32", t.get("dtype"), t.get("name").toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFileWithoutPrecisionIsShownAsFloat64() throws Exception {
        int n = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        Map<String, Object> header = JSON.std.mapFrom(new String(bytes, 8, n, StandardCharsets.UTF_8));
        assertEquals("float64", ((Map<String, Object>) header.get("__metadata__")).remove("precision"));
        byte[] json = JSON.std.asString(header).getBytes(StandardCharsets.UTF_8);
        Path older = dir.resolve("older.safetensors");
        Files.write(older, ByteBuffer.allocate(8 + json.length + bytes.length - 8 - n).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put(bytes, 8 + n, bytes.length - 8 - n).array());
        String[] r = run("inspect", older.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("  precision          float64 (the file records none: written before float32 "
                + "existed)"), r[1]);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonIsOneObjectWithTheSameFacts() throws Exception {
        String[] r = run("inspect", "--json", model.toString());
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].strip().split("\n");
        assertEquals(1, lines.length);
        Map<String, Object> m = JSON.std.mapFrom(lines[0]);
        assertEquals(List.of("file", "bytes", "sha256", "format", "architecture", "metadata", "tensors", "precision"),
                List.copyOf(m.keySet()));
        assertEquals("float64", m.get("precision"));
        assertEquals(bytes.length, ((Number) m.get("bytes")).intValue());
        assertEquals(sha256(bytes), m.get("sha256"));
        assertEquals("rnn4j-model", m.get("format"));
        Map<String, Object> a = (Map<String, Object>) m.get("architecture");
        assertEquals(4, ((Number) a.get("input_size")).intValue());
        assertEquals(2, ((List<Object>) a.get("recurrent")).size());
        // layer 0: 3x4 + 3x3 + 3 = 24; layer 1: 3x3 + 3x3 + 3 = 21; decoder: 4x3 + 4 = 16
        assertEquals(61, ((Number) a.get("parameters")).intValue());
        List<Map<String, Object>> tensors = (List<Map<String, Object>>) m.get("tensors");
        assertEquals(10, tensors.size());
        Map<String, Object> first = tensors.get(0);
        assertEquals("rnn.weight_ih_l0", first.get("name"));
        assertEquals("F64", first.get("dtype"));
        assertEquals(List.of(3, 4), first.get("shape"));
        assertEquals(crc32(bytes, "rnn.weight_ih_l0"), first.get("crc32"));
        assertEquals("ab\nc", ((Map<String, Object>) m.get("metadata")).get("vocabulary"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void noStringFromTheFileReachesTheTerminalUnescaped() throws Exception {
        int n = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        Map<String, Object> header = JSON.std.mapFrom(new String(bytes, 8, n, StandardCharsets.UTF_8));
        Map<String, Object> md = (Map<String, Object>) header.get("__metadata__");
        md.put("\u001b[31mevil key\u009b2J", "\u001b]0;owned\u0007 value \u009b31m \u202eright-to-left");
        md.put("output", ((String) md.get("output")).replace("{}", "{\"bias\":\"true\\u001b\"}"));
        byte[] json = JSON.std.asString(header).getBytes(StandardCharsets.UTF_8);
        Path crafted = dir.resolve("crafted.safetensors");
        Files.write(crafted, ByteBuffer.allocate(8 + json.length + bytes.length - 8 - n).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put(bytes, 8 + n, bytes.length - 8 - n).array());
        String[] r = run("inspect", crafted.toString());
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertFalse(out.chars().anyMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c == 0x202e),
                "a control character reached the terminal: " + out);
        assertTrue(out.contains("\\u001b[31mevil key\\u009b2J"), out);
        assertTrue(out.contains("\\u001B]0;owned\\u0007 value \\u009b31m \\u202eright-to-left"), out);
        assertTrue(out.contains("{bias=true\\u001b}"), out);
    }

    @Test
    void aBadFileIsOneLineOnStderrAndExitCode2() throws Exception {
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, Arrays.copyOf(bytes, bytes.length - 100));
        String[] r = run("inspect", bad.toString());
        assertEquals("2", r[0]);
        assertEquals("", r[1]);
        assertEquals(1, r[2].strip().split("\n").length, r[2]);
        assertTrue(r[2].startsWith("rnn4j inspect: " + bad + ": tensor 'decoder.weight' has data_offsets"), r[2]);
        assertFalse(r[2].contains("Exception") || r[2].contains("\tat "), r[2]);
    }

    @Test
    void aMissingFileIsOneLineAndExitCode2() {
        String[] r = run("inspect", dir.resolve("nope").toString());
        assertEquals("2", r[0]);
        assertEquals("rnn4j inspect: cannot read " + dir.resolve("nope") + ": no such file", r[2].strip());
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** CRC-32 of a tensor's stored bytes, found from the header independently of rnn4j. */
    @SuppressWarnings("unchecked")
    private static String crc32(byte[] file, String tensor) throws Exception {
        int n = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        Map<String, Object> header = JSON.std.mapFrom(new String(file, 8, n, StandardCharsets.UTF_8));
        List<Number> offsets = (List<Number>) ((Map<String, Object>) header.get(tensor)).get("data_offsets");
        CRC32 crc = new CRC32();
        int begin = 8 + n + offsets.get(0).intValue();
        crc.update(file, begin, offsets.get(1).intValue() - offsets.get(0).intValue());
        return String.format("%08x", crc.getValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void hiddenDenseLayersAreListedBetweenTheRecurrentLayersAndTheOutput() throws Exception {
        Network net = Network.builder(Registry.installed()).input(4).recurrent("gru", 3).lastStep().dense(5)
                .dense(2, "tanh").output(4).loss("sparse_softmax_cross_entropy").seed(5).build();
        Path file = dir.resolve("dense.safetensors");
        ModelFile.save(file, SavedModel.of(net));
        String[] r = run("inspect", file.toString());
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.matches("(?s).*recurrent layer 0\\s+gru 4 -> 3\\n  dense layer 0\\s+dense 3 -> 5 \\{activation=relu}"
                + "\\n  dense layer 1\\s+dense 5 -> 2 \\{activation=tanh}\\n  output layer\\s+dense 2 -> 4\\n.*"), out);
        assertTrue(out.matches("(?s).*dense\\.0\\.weight\\s+F64\\s+\\[5, 3]\\s+120 bytes.*"), out);
        r = run("inspect", "--json", file.toString());
        assertEquals("0", r[0], r[2]);
        Map<String, Object> a = (Map<String, Object>) JSON.std.mapFrom(r[1].strip()).get("architecture");
        List<Map<String, Object>> dense = (List<Map<String, Object>>) a.get("dense");
        assertEquals(List.of(5, 2), dense.stream().map(d -> d.get("size")).toList());
        assertEquals(List.of(3, 5), dense.stream().map(d -> d.get("input")).toList());
    }
}
