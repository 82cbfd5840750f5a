package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;

/** A model of numeric data keeps what it knows of its data (task, features, standardisation, classes). */
class ModelDataTest {

    private static final Map<String, String> DATA = Map.of("task", "classify", "labels", "[\"Q\",\"R\"]",
            "standardize.0.mean", "0.25");

    @Test
    void theDataDescriptionRoundTripsInModelsAndCheckpoints() {
        SavedModel m = new SavedModel(SequenceModelFileTest.classifier(3), null, null, DATA);
        assertEquals(DATA, ModelFile.fromBytes(ModelFile.toBytes(m), Nets.REGISTRY).data());
        Optimizer adam = Nets.REGISTRY.optimizer("adam").create(new Options("adam", Map.of("lr", "0.01")));
        Checkpoint c = new Checkpoint(m, adam, Map.of("lr", "0.01"), Map.of("epoch", "0", "batch", "0", "step", "0"));
        assertEquals(DATA, CheckpointFile.fromBytes(CheckpointFile.toBytes(c), Nets.REGISTRY).model().data());
    }

    @Test
    void aModelWithoutOneHasNoEntryAndReadsBackEmpty() {
        byte[] bytes = ModelFile.toBytes(SavedModel.of(SequenceModelFileTest.classifier(3)));
        assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains("\"data\""));
        assertTrue(ModelFile.fromBytes(bytes, Nets.REGISTRY).data().isEmpty());
    }

    @Test
    void aDataEntryThatIsNotAnObjectOfStringsIsRejected() {
        byte[] bytes = ModelFile.toBytes(new SavedModel(SequenceModelFileTest.classifier(3), null, null,
                Map.of("task", "regress")));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        // same length, so the header's size still holds: {"task":"regress"} -> {"task":12345678901}
        String broken = text.replace("{\\\"task\\\":\\\"regress\\\"}", "{\\\"task\\\":12345678901}");
        assertFalse(broken.equals(text), "the entry was found to break");
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(broken.getBytes(StandardCharsets.ISO_8859_1), Nets.REGISTRY));
        assertTrue(e.getMessage().contains("metadata 'data'"), e.getMessage());
    }
}
