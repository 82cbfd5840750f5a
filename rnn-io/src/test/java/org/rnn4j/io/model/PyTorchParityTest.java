package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;

/**
 * Parity with PyTorch in both directions, against fixtures made once by
 * {@code rnn-io/src/test/python/make_golden.py} with torch 1.13 (Debian's python3-torch):
 *
 * <ul>
 *   <li>{@code torch_*.safetensors}: the state_dict of a torch.nn.RNN, LSTM or GRU (uniform
 *       stacks, bidirectional or not, with dropout) or of a ModuleList of one-layer modules (a
 *       mixed stack), under a torch.nn.Linear (PyTorch's initialisation, non-zero b_hh); rnn4j
 *       loads it and must give PyTorch's outputs (eval mode) and loss to 1e-12;</li>
 *   <li>{@code rnn4j_*.safetensors}: written by rnn4j (this test checks that it still writes the
 *       same tensors); PyTorch loaded it with {@code load_state_dict(strict=True)} and recorded its
 *       outputs in {@code rnn4j_*_torch.json}; rnn4j must compute the same to 1e-12.</li>
 * </ul>
 * Regenerate: {@code mvn -pl rnn-io -am test -Dtest=PyTorchParityTest -Drnn4j.writeGolden=true
 * -Dsurefire.failIfNoSpecifiedTests=false}, then run the script.
 */
class PyTorchParityTest {

    private static final double TOLERANCE = 1e-12;

    /** The rnn4j-written cases: name, network, vocabulary. */
    private static Map<String, SavedModel> rnn4jCases() {
        Network tanh = Network.builder(Nets.REGISTRY).input(4)
                .recurrent("elman", 5, Map.of("activation", "tanh"))
                .recurrent("elman", 5, Map.of("activation", "tanh"))
                .recurrent("elman", 5, Map.of("activation", "tanh"))
                .output(4).loss("softmax_cross_entropy").seed(11).build();
        Network relu = Network.builder(Nets.REGISTRY).input(3)
                .recurrent("elman", 3, Map.of("activation", "relu", "bias", "false"))
                .output(3).loss("softmax_cross_entropy").seed(12).build();
        Network lstm = Network.builder(Nets.REGISTRY).input(5)
                .recurrent("lstm", 3, Map.of("bidirectional", "true"))
                .recurrent("lstm", 3, Map.of("bidirectional", "true"))
                .dropout(0.25)
                .output(5).loss("softmax_cross_entropy").seed(13).build();
        Network gru = Network.builder(Nets.REGISTRY).input(4)
                .recurrent("gru", 6, Map.of("bias", "false"))
                .recurrent("gru", 6, Map.of("bias", "false"))
                .output(4).loss("softmax_cross_entropy").seed(14).build();
        Network mixed = Network.builder(Nets.REGISTRY).input(6)
                .recurrent("elman", 4, Map.of("activation", "relu"))
                .recurrent("lstm", 3, Map.of("bidirectional", "true"))
                .recurrent("gru", 5)
                .output(6).loss("softmax_cross_entropy").seed(15).build();
        return Map.of("rnn4j_tanh_3layers", new SavedModel(tanh, "ab\u00e9\uD83D\uDE00"),
                "rnn4j_relu_nobias", new SavedModel(relu, "xyz"),
                "rnn4j_lstm_bidirectional_dropout", new SavedModel(lstm, "01234"),
                "rnn4j_gru_nobias", new SavedModel(gru, "ACGT"),
                "rnn4j_mixed", new SavedModel(mixed, "abcdef"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"torch_rnn_tanh_2layers", "torch_rnn_relu_nobias", "torch_lstm_2layers",
        "torch_gru_2layers_dropout", "torch_lstm_bidirectional", "torch_mixed_rnn_lstm_gru"})
    void aPyTorchStateDictLoadsAndGivesPyTorchsOutputs(String name) throws Exception {
        SavedModel model = ModelFile.load(fixture(name + ".safetensors"), Nets.REGISTRY);
        assertMatchesGolden(model.network(), golden(name + ".json"));
    }

    @Test
    void pyTorchsNonZeroHiddenBiasIsAddedIn() throws Exception {
        RawFile f = RawFile.parse(Files.readAllBytes(fixture("torch_rnn_tanh_2layers.safetensors")));
        Network net = ModelFile.load(fixture("torch_rnn_tanh_2layers.safetensors"), Nets.REGISTRY).network();
        double bih = f.value("rnn.bias_ih_l1", 3);
        double bhh = f.value("rnn.bias_hh_l1", 3);
        assertTrue(bhh != 0, "the fixture must have a non-zero b_hh");
        assertEquals(bih + bhh, net.namedParameters().get("layer1.bias").value()[3], 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn4j_tanh_3layers", "rnn4j_relu_nobias", "rnn4j_lstm_bidirectional_dropout",
        "rnn4j_gru_nobias", "rnn4j_mixed"})
    void aFileRnn4jWritesGivesInPyTorchWhatItGivesInRnn4j(String name) throws Exception {
        SavedModel expected = rnn4jCases().get(name);
        byte[] committed = Files.readAllBytes(fixture(name + ".safetensors"));
        assertSameFile(RawFile.parse(ModelFile.toBytes(expected)), RawFile.parse(committed));
        SavedModel model = ModelFile.load(fixture(name + ".safetensors"), Nets.REGISTRY);
        assertEquals(expected.vocabulary(), model.vocabulary());
        assertMatchesGolden(model.network(), golden(name + "_torch.json"));
    }

    @Test
    @EnabledIfSystemProperty(named = "rnn4j.writeGolden", matches = "true")
    void writeRnn4jFiles() throws Exception {
        Path dir = Path.of("src/test/resources/org/rnn4j/io/model/pytorch");
        for (Map.Entry<String, SavedModel> e : rnn4jCases().entrySet()) {
            ModelFile.save(dir.resolve(e.getKey() + ".safetensors"), e.getValue());
        }
    }

    /** Same tensors, offsets, bytes and metadata, except the rnn4j version that wrote it. */
    private static void assertSameFile(RawFile now, RawFile committed) {
        now.metadata().remove("rnn4j_version");
        committed.metadata().remove("rnn4j_version");
        assertEquals(now.header, committed.header);
        assertArrayEquals(now.data, committed.data, "rnn4j no longer writes the committed fixture");
    }

    /** PyTorch's outputs were taken in eval mode, so rnn4j's are too (dropout off). */
    @SuppressWarnings("unchecked")
    private static void assertMatchesGolden(Network net, Map<String, Object> golden) {
        net.setTraining(false);
        int steps = ((Number) golden.get("steps")).intValue();
        int batch = ((Number) golden.get("batch")).intValue();
        int v = net.inputSize();
        Sequence x = oneHot((List<List<Number>>) golden.get("inputs"), steps, batch, v);
        Sequence target = oneHot((List<List<Number>>) golden.get("targets"), steps, batch, v);
        List<Number> outputs = (List<Number>) golden.get("outputs");
        double[] y = net.forward(x, null).data();
        assertEquals(outputs.size(), y.length);
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] - outputs.get(i).doubleValue()));
        }
        assertTrue(worst <= TOLERANCE, "largest difference from PyTorch's outputs: " + worst);
        double loss = net.loss(x, target, null);
        assertEquals(((Number) golden.get("loss")).doubleValue(), loss, TOLERANCE, "cross-entropy loss");
    }

    static Sequence oneHot(List<List<Number>> indices, int steps, int batch, int v) {
        Sequence s = Sequence.zeros(steps, batch, v);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                s.set(t, b, indices.get(t).get(b).intValue(), 1.0);
            }
        }
        return s;
    }

    static Path fixture(String name) throws Exception {
        return Path.of(PyTorchParityTest.class.getResource("pytorch/" + name).toURI());
    }

    static Map<String, Object> golden(String name) throws Exception {
        return JSON.std.mapFrom(Files.readString(fixture(name)));
    }
}
