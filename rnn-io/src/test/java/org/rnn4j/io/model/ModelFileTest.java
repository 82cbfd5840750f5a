package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;

/** Model files: what is written, under which names, and that reading gives the same network. */
class ModelFileTest {

    @TempDir
    Path dir;

    @Test
    void uniformStackRoundTripsExactlyThroughAFile() throws Exception {
        Network net = Nets.uniform(3);
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, new SavedModel(net, Nets.VOCABULARY));
        SavedModel back = ModelFile.load(file, Nets.REGISTRY);
        assertEquals(Nets.VOCABULARY, back.vocabulary());
        assertSameNetwork(net, back.network());
    }

    @Test
    void mixedStackRoundTripsExactly() {
        Network net = Nets.mixed(4);
        SavedModel back = ModelFile.fromBytes(ModelFile.toBytes(SavedModel.of(net)), Nets.REGISTRY);
        assertNull(back.vocabulary());
        assertSameNetwork(net, back.network());
    }

    @Test
    void gatedBidirectionalStackWithDropoutRoundTripsExactly() {
        for (Network net : List.of(Nets.gated(6), Nets.bidirectional(7))) {
            Network back = ModelFile.fromBytes(ModelFile.toBytes(SavedModel.of(net)), Nets.REGISTRY).network();
            assertEquals(net.architecture().dropout(), back.architecture().dropout(), 0.0);
            assertEquals(net.architecture().seed(), back.architecture().seed());
            net.setTraining(false);
            back.setTraining(false);
            assertSameNetwork(net, back);
        }
    }

    @Test
    void aRebuiltNetworkDrawsTheOriginalsDropoutMasks() {
        Network net = Nets.gated(8);
        Sequence x = Nets.oneHot(3, 4, 2, 5);
        net.forward(x, null);
        Network back = ModelFile.fromBytes(ModelFile.toBytes(SavedModel.of(net)), Nets.REGISTRY).network();
        back.restoreDropoutDraws(net.dropoutDraws());
        assertArrayEquals(Nets.outputs(net, x), Nets.outputs(back, x), 0.0, "training mode, next masks");
    }

    @Test
    void bidirectionalLayersUsePyTorchsReverseNames() {
        RawFile f = RawFile.parse(ModelFile.toBytes(SavedModel.of(Nets.bidirectional(7))));
        List<String> names = f.header.keySet().stream().filter(k -> !k.equals("__metadata__")).toList();
        assertEquals(List.of("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                "rnn.weight_ih_l0_reverse", "rnn.weight_hh_l0_reverse", "rnn.bias_ih_l0_reverse",
                "rnn.bias_hh_l0_reverse", "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1",
                "rnn.weight_ih_l1_reverse", "rnn.weight_hh_l1_reverse", "rnn.bias_ih_l1_reverse",
                "rnn.bias_hh_l1_reverse", "decoder.weight", "decoder.bias"), names);
        assertEquals(List.of(12, 6), f.tensor("rnn.weight_ih_l1_reverse").get("shape"), "4H x 2H");
        assertEquals(List.of(5, 6), f.tensor("decoder.weight").get("shape"));
        Map<String, Object> m = f.metadata();
        assertEquals("lstm", m.get("cell"));
        assertEquals("true", m.get("bidirectional"));
        assertEquals("0.2", m.get("dropout"));
        assertEquals("7", m.get("seed"));
        assertNull(m.get("nonlinearity"));
    }

    @Test
    void uniformStackUsesTorchNnRnnNamesInStateDictOrder() {
        RawFile f = RawFile.parse(ModelFile.toBytes(new SavedModel(Nets.uniform(3), Nets.VOCABULARY)));
        List<String> names = f.header.keySet().stream().filter(k -> !k.equals("__metadata__")).toList();
        assertEquals(List.of("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1",
                "decoder.weight", "decoder.bias"), names);
        assertEquals(List.of(3, 5), f.tensor("rnn.weight_ih_l0").get("shape"));
        assertEquals(List.of(3, 3), f.tensor("rnn.weight_hh_l1").get("shape"));
        assertEquals(List.of(5, 3), f.tensor("decoder.weight").get("shape"));
        assertEquals(List.of(5), f.tensor("decoder.bias").get("shape"));
        assertEquals("F64", f.tensor("rnn.bias_hh_l0").get("dtype"));
    }

    @Test
    void mixedStackUsesModuleListNames() {
        RawFile f = RawFile.parse(ModelFile.toBytes(SavedModel.of(Nets.mixed(4))));
        List<String> names = f.header.keySet().stream().filter(k -> !k.equals("__metadata__")).toList();
        assertEquals(List.of("layers.0.weight_ih_l0", "layers.0.weight_hh_l0", "layers.0.bias_ih_l0",
                "layers.0.bias_hh_l0", "layers.1.weight_ih_l0", "layers.1.weight_hh_l0", "decoder.weight"), names);
        assertEquals(List.of(3, 4), f.tensor("layers.1.weight_ih_l0").get("shape"));
    }

    @Test
    void theFusedBiasIsWrittenAsBiasIhWithAZeroBiasHh() {
        Network net = Nets.uniform(3);
        RawFile f = RawFile.parse(ModelFile.toBytes(SavedModel.of(net)));
        double[] b = net.namedParameters().get("layer1.bias").value();
        for (int i = 0; i < b.length; i++) {
            assertEquals(b[i], f.value("rnn.bias_ih_l1", i), 0.0);
            assertEquals(0.0, f.value("rnn.bias_hh_l1", i), 0.0);
        }
    }

    @Test
    void aNonZeroBiasHhAsPyTorchWritesItIsAddedOnReading() {
        Network net = Nets.uniform(3);
        RawFile f = RawFile.parse(ModelFile.toBytes(SavedModel.of(net)));
        double bih = f.value("rnn.bias_ih_l0", 2);
        f.setValue("rnn.bias_ih_l0", 2, 0.25).setValue("rnn.bias_hh_l0", 2, bih - 0.25);
        Network back = ModelFile.fromBytes(f.bytes(), Nets.REGISTRY).network();
        assertEquals(bih, back.namedParameters().get("layer0.bias").value()[2], 1e-16);
        assertTrue(bih != 0.25, "the test must move the value");
    }

    @Test
    void metadataDescribesTheNetworkTheWayPyTorchsConstructorsTakeIt() {
        Map<String, Object> m = RawFile.parse(ModelFile.toBytes(new SavedModel(Nets.uniform(3), Nets.VOCABULARY)))
                .metadata();
        assertEquals("rnn4j-model", m.get("format"));
        assertEquals("1", m.get("format_version"));
        assertTrue(((String) m.get("rnn4j_version")).matches("\\d+\\.\\d+\\.\\d+.*"), m.toString());
        assertEquals("elman", m.get("cell"));
        assertEquals("2", m.get("num_layers"));
        assertEquals("3", m.get("hidden_size"));
        assertEquals("tanh", m.get("nonlinearity"));
        assertEquals("true", m.get("bias"));
        assertEquals("5", m.get("input_size"));
        assertEquals(Nets.VOCABULARY, m.get("vocabulary"));
        assertEquals("softmax_cross_entropy", m.get("loss"));
        assertEquals("mean", m.get("reduction"));
        assertEquals("{\"kind\":\"dense\",\"size\":5,\"options\":{}}", m.get("output"));

        Map<String, Object> mixed = RawFile.parse(ModelFile.toBytes(SavedModel.of(Nets.mixed(1)))).metadata();
        assertEquals("mixed", mixed.get("cell"));
        assertNull(mixed.get("hidden_size"), "layers of 4 and 3 have no common hidden size");
        assertNull(mixed.get("nonlinearity"));
        assertEquals("[{\"kind\":\"elman\",\"size\":4,\"options\":{\"activation\":\"sigmoid\"}},"
                + "{\"kind\":\"elman\",\"size\":3,\"options\":{\"activation\":\"relu\",\"bias\":\"false\"}}]",
                mixed.get("layers"));
        assertEquals("sum", mixed.get("reduction"));
    }

    @Test
    void theDefaultActivationIsNamedInTheMetadata() {
        Network net = Network.builder(Nets.REGISTRY).input(2).recurrent("elman", 2).output(2).build();
        assertEquals("tanh", RawFile.parse(ModelFile.toBytes(SavedModel.of(net))).metadata().get("nonlinearity"));
    }

    @Test
    void theBytesDoNotDependOnTheOrderSettingsWereGivenIn() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("bias", "false");
        one.put("activation", "relu");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("activation", "relu");
        other.put("bias", "false");
        byte[] a = ModelFile.toBytes(SavedModel.of(Network.builder(Nets.REGISTRY).input(2).recurrent("elman", 2, one)
                .output(2).seed(1).build()));
        byte[] b = ModelFile.toBytes(SavedModel.of(Network.builder(Nets.REGISTRY).input(2).recurrent("elman", 2, other)
                .output(2).seed(1).build()));
        assertArrayEquals(a, b);
    }

    @Test
    void theLayoutIsSafetensors() {
        byte[] bytes = ModelFile.toBytes(SavedModel.of(Nets.uniform(3)));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, (8 + n) % 8, "the data section starts 8-byte aligned");
        assertEquals('{', bytes[8]);
        int params = Nets.uniform(3).parameters().stream().mapToInt(Parameter::size).sum();
        int zeroBiases = 2 * 3;
        assertEquals(8 + n + 8L * (params + zeroBiases), bytes.length);
        RawFile f = RawFile.parse(bytes);
        assertArrayEquals(new long[] {0, 8 * 15}, f.offsets("rnn.weight_ih_l0"));
        Parameter wih = Nets.uniform(3).namedParameters().get("layer0.weight_ih");
        assertEquals(wih.value()[7], f.value("rnn.weight_ih_l0", 7), 0.0, "row-major, little-endian F64");
    }

    @Test
    void aVocabularyThatDoesNotFitIsRefusedWhenSaving() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SavedModel(Nets.uniform(1), "abcd"));
        assertEquals("the vocabulary has 4 characters but the network reads 5 features (one per character)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SavedModel(Nets.uniform(1), "abcda"));
        assertEquals("the vocabulary has character 'a' twice (again at index 4)", e.getMessage());
    }

    @Test
    void loadingAMissingFileIsAnIoError() {
        assertThrows(NoSuchFileException.class,
                () -> ModelFile.load(dir.resolve("nope.safetensors"), Nets.REGISTRY));
    }

    @Test
    void savingReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, SavedModel.of(Nets.uniform(1)));
        ModelFile.save(file, SavedModel.of(Nets.uniform(2)));
        assertSameNetwork(Nets.uniform(2), ModelFile.load(file, Nets.REGISTRY).network());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    static void assertSameNetwork(Network expected, Network actual) {
        assertEquals(expected.architecture(), actual.architecture());
        assertEquals(expected.toString(), actual.toString());
        List<Parameter> e = expected.parameters();
        List<Parameter> a = actual.parameters();
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            assertArrayEquals(e.get(i).shape(), a.get(i).shape(), e.get(i).name());
            assertArrayEquals(e.get(i).value(), a.get(i).value(), 0.0, e.get(i).name());
        }
        Sequence x = Nets.oneHot(9, 4, 2, expected.inputSize());
        assertArrayEquals(Nets.outputs(expected, x), Nets.outputs(actual, x), 0.0, "outputs");
    }
}
