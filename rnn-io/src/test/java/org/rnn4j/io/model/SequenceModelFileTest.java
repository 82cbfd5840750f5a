package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;

/**
 * Model files of networks that classify or regress whole sequences: the head and the loss's
 * settings are saved, read back bit for bit, and checked like everything else.
 */
class SequenceModelFileTest {

    @TempDir
    Path dir;

    static Network classifier(long seed) {
        return Network.builder(Nets.REGISTRY).input(3).recurrent("lstm", 4, Map.of("bidirectional", "true"))
                .lastStep().output(3).loss("sparse_softmax_cross_entropy", Map.of("weight", "1,2.5,0.5")).seed(seed)
                .build();
    }

    static Network regressor(long seed) {
        return Network.builder(Nets.REGISTRY).input(2).recurrent("gru", 3).pool("max").output(1)
                .loss("huber", Map.of("delta", "0.25")).reduction(Reduction.SUM).seed(seed).build();
    }

    @Test
    void headsAndLossSettingsRoundTripBitForBit() throws Exception {
        for (Network net : List.of(classifier(5), regressor(6),
                Network.builder(Nets.REGISTRY).input(2).recurrent("elman", 3).pool("mean").output(2).loss("mae")
                        .build())) {
            Path file = dir.resolve("m.safetensors");
            byte[] bytes = ModelFile.toBytes(SavedModel.of(net));
            ModelFile.save(file, SavedModel.of(net));
            Network back = ModelFile.load(file, Nets.REGISTRY).network();
            assertEquals(net.architecture(), back.architecture());
            assertEquals(net.architecture().head(), back.head().kind());
            assertArrayEquals(bytes, ModelFile.toBytes(SavedModel.of(back)), "saved again, the same bytes");
            Sequence x = Nets.oneHot(3, 4, 2, net.inputSize()).withMask(new boolean[] {true, true, true, false,
                true, false, true, false});
            assertArrayEquals(Nets.outputs(net, x), Nets.outputs(back, x), 0.0);
            assertEquals("1 x 2 x " + net.outputSize(), back.forward(x, null).shape());
        }
    }

    @Test
    void anEmbeddingRoundTripsUnderPyTorchsName() {
        Network net = Network.builder(Nets.REGISTRY).input(5).embedding(3).recurrent("gru", 4).lastStep().output(2)
                .loss("sparse_softmax_cross_entropy").seed(9).build();
        byte[] bytes = ModelFile.toBytes(new SavedModel(net, "abcde"));
        RawFile f = RawFile.parse(bytes);
        assertEquals(List.of(5, 3), f.tensor("embedding.weight").get("shape"));
        assertEquals("{\"kind\":\"embedding\",\"size\":3,\"options\":{}}", f.metadata().get("embedding"));
        assertEquals("5", f.metadata().get("input_size"));
        SavedModel back = ModelFile.fromBytes(bytes, Nets.REGISTRY);
        assertEquals("abcde", back.vocabulary());
        assertEquals(net.architecture(), back.network().architecture());
        assertArrayEquals(bytes, ModelFile.toBytes(back));
        Sequence x = Sequence.wrap(3, 2, 1, new double[] {0, 4, 1, 3, 2, 2});
        assertArrayEquals(Nets.outputs(net, x), Nets.outputs(back.network(), x), 0.0);
        RawFile wrong = RawFile.parse(bytes);
        wrong.metadata().put("embedding", "{\"kind\":\"dense\",\"size\":3,\"options\":{}}");
        InvalidModelFileException x2 = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(wrong.bytes(), Nets.REGISTRY));
        BrokenFilesTest.assertOneLine(x2.getMessage(), "<bytes>: ", "the embedding is 'dense', which does not read"
                + " indices");
        RawFile huge = RawFile.parse(bytes);
        huge.metadata().put("embedding", "{\"kind\":\"embedding\",\"size\":2000000000,\"options\":{}}");
        InvalidModelFileException x3 = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(huge.bytes(), Nets.REGISTRY));
        BrokenFilesTest.assertOneLine(x3.getMessage(), "<bytes>: ", "the embedding (embedding, 5 -> 2000000000) needs"
                + " 10000000000 values");
    }

    @Test
    void theMetadataNamesTheHeadAndTheLossSettingsOnlyWhenThereAreSome() {
        Map<String, Object> m = RawFile.parse(ModelFile.toBytes(SavedModel.of(classifier(1)))).metadata();
        assertEquals("last_step", m.get("head"));
        assertEquals("{\"weight\":\"1,2.5,0.5\"}", m.get("loss_options"));
        assertEquals("sparse_softmax_cross_entropy", m.get("loss"));
        Map<String, Object> plain = RawFile.parse(ModelFile.toBytes(SavedModel.of(Nets.uniform(3)))).metadata();
        assertFalse(plain.containsKey("head"));
        assertFalse(plain.containsKey("loss_options"));
    }

    @Test
    void aBrokenHeadOrLossSettingIsRefusedWithOneLine() {
        byte[] good = ModelFile.toBytes(SavedModel.of(classifier(2)));
        assertRefused(good, m -> m.put("head", "dense"), "the head is 'dense', which is not a sequence head");
        assertRefused(good, m -> m.put("head", "lsat_step"), "no layer named 'lsat_step' is installed");
        assertRefused(good, m -> m.put("head", ""), "metadata 'head' is empty");
        assertRefused(good, m -> m.put("loss_options", "{\"weight\":\"1,2\"}"),
                "loss 'sparse_softmax_cross_entropy': weight needs one number per class, 3 for 3 outputs, got 2");
        assertRefused(good, m -> m.put("loss_options", "{\"weight\":\"1,-2,1\"}"),
                "weight 1 is '-2'; a class weight is a finite number >= 0");
        assertRefused(good, m -> m.put("loss_options", "{\"weight\":\"1,NaN,1\"}"),
                "weight 1 is 'NaN'; a class weight is a finite number >= 0");
        assertRefused(good, m -> m.put("loss_options", "{\"delta\":\"1\"}"),
                "loss 'sparse_softmax_cross_entropy' has no setting delta; its settings are weight");
        assertRefused(good, m -> m.put("loss_options", "[1]"), "metadata 'loss_options' must be an object of strings");
        assertRefused(good, m -> m.put("loss_options", "{\"weight\":1}"),
                "metadata 'loss_options' setting 'weight' must be a string");
        assertRefused(good, m -> m.put("loss_options", "{\"weight\""), "metadata 'loss_options'");
    }

    @Test
    void aLayerWhoseOptionsAreNotStringsIsRefusedWithOneLine() {
        byte[] good = ModelFile.toBytes(SavedModel.of(classifier(2)));
        assertRefused(good, m -> m.put("output", "{\"kind\":\"dense\",\"size\":3,\"options\":[]}"),
                "metadata 'output' 'options' must be an object of strings");
        assertRefused(good, m -> m.put("output", "{\"kind\":\"dense\",\"size\":3,\"options\":{\"bias\":true}}"),
                "metadata 'output' option 'bias' must be a string");
        assertRefused(good, m -> m.put("layers",
                "[{\"kind\":\"lstm\",\"size\":4,\"options\":{\"a\":\"1\",\"b\":2}}]"),
                "metadata 'layers' entry 0 option 'b' must be a string");
    }

    private static void assertRefused(byte[] good, Consumer<Map<String, Object>> damage, String expected) {
        RawFile f = RawFile.parse(good);
        damage.accept(f.metadata());
        InvalidModelFileException x = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(f.bytes(), Nets.REGISTRY), expected);
        BrokenFilesTest.assertOneLine(x.getMessage(), "<bytes>: ", expected);
        assertTrue(x.getMessage().length() > expected.length());
    }

    @Test
    void hiddenDenseLayersRoundTripUnderTheirOwnNamesAndAreChecked() {
        Network net = Network.builder(Nets.REGISTRY).input(3).recurrent("lstm", 4, Map.of("bidirectional", "true"))
                .lastStep().dense(5).dense(2, Map.of("activation", "tanh", "bias", "false")).output(3)
                .loss("sparse_softmax_cross_entropy").seed(12).build();
        byte[] bytes = ModelFile.toBytes(SavedModel.of(net));
        RawFile f = RawFile.parse(bytes);
        assertEquals(List.of(5, 8), f.tensor("dense.0.weight").get("shape"));
        assertEquals(List.of(5), f.tensor("dense.0.bias").get("shape"));
        assertEquals(List.of(2, 5), f.tensor("dense.1.weight").get("shape"));
        assertEquals(List.of(3, 2), f.tensor("decoder.weight").get("shape"));
        assertEquals("[{\"kind\":\"dense\",\"size\":5,\"options\":{\"activation\":\"relu\"}},{\"kind\":\"dense\","
                + "\"size\":2,\"options\":{\"activation\":\"tanh\",\"bias\":\"false\"}}]", f.metadata().get("dense"));
        SavedModel back = ModelFile.fromBytes(bytes, Nets.REGISTRY);
        assertEquals(net.architecture(), back.network().architecture());
        assertArrayEquals(bytes, ModelFile.toBytes(back), "saved again, the same bytes");
        Sequence x = Nets.oneHot(3, 4, 2, 3).withMask(new boolean[] {true, true, true, false, true, false, true, false});
        assertArrayEquals(Nets.outputs(net, x), Nets.outputs(back.network(), x), 0.0);

        RawFile wider = RawFile.parse(bytes);
        wider.metadata().put("dense", "[{\"kind\":\"dense\",\"size\":6,\"options\":{}},{\"kind\":\"dense\","
                + "\"size\":2,\"options\":{\"bias\":\"false\"}}]");
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(wider.bytes(), Nets.REGISTRY));
        BrokenFilesTest.assertOneLine(e.getMessage(), "<bytes>: ", "tensor 'dense.0.weight' has shape [5, 8] but "
                + "dense layer 0 (dense, 8 -> 6)'s weight has shape [6, 8]");
        RawFile without = RawFile.parse(bytes);
        without.metadata().remove("dense");
        InvalidModelFileException gone = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(without.bytes(), Nets.REGISTRY));
        BrokenFilesTest.assertOneLine(gone.getMessage(), "<bytes>: ", "tensor 'decoder.weight' has shape [3, 2] but "
                + "output layer (dense, 8 -> 3)'s weight has shape [3, 8]");
        RawFile notAList = RawFile.parse(bytes);
        notAList.metadata().put("dense", "{}");
        InvalidModelFileException list = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(notAList.bytes(), Nets.REGISTRY));
        BrokenFilesTest.assertOneLine(list.getMessage(), "<bytes>: ", "metadata 'dense' must be a JSON list of layers");
    }

    @Test
    void aFileWithoutDenseLayersLoadsAsBeforeAndWritesNoDenseEntry() {
        byte[] bytes = ModelFile.toBytes(SavedModel.of(classifier(3)));
        RawFile f = RawFile.parse(bytes);
        assertFalse(f.metadata().containsKey("dense"));
        Network back = ModelFile.fromBytes(bytes, Nets.REGISTRY).network();
        assertEquals(List.of(), back.architecture().dense());
        assertEquals(List.of(), back.denseLayers());
        assertEquals(classifier(3).architecture(), back.architecture());
    }
}
