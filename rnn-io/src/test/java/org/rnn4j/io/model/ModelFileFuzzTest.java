package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Network;

/**
 * Coverage-guided fuzzing of the model and checkpoint loaders (Jazzer). For any bytes, loading
 * either succeeds, and then saving and loading again gives the same network, or fails with an
 * {@link InvalidModelFileException} whose message is one line; any other exception, an
 * {@link OutOfMemoryError}, a hang, or a load that allocates more than {@link Allocation#budget}
 * of the input's size (16 bytes per byte and 8 MB) is a finding.
 *
 * <p>{@code mvn verify} replays the seed corpus in
 * {@code src/test/resources/org/rnn4j/io/model/ModelFileFuzzTestInputs/loadOrReject} (regression
 * mode). To fuzz (README, "Fuzzing the loader"):
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=10m mvn -ntp -pl rnn-io -am test -Dtest=ModelFileFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ModelFileFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void loadOrReject(byte[] data) {
        Allocation.requireWithinBudget(data.length, "a file", () -> loadBoth(data));
    }

    /**
     * Loads the bytes as a model and as a checkpoint: each load succeeds, and then saving and
     * loading again gives the same network, or fails with a one-line message.
     *
     * @param data a file's bytes
     */
    static void loadBoth(byte[] data) {
        SavedModel model = loadOrNull(data, false);
        if (model != null) {
            assertRoundTrip(model);
        }
        loadOrNull(data, true);
    }

    private static SavedModel loadOrNull(byte[] data, boolean checkpoint) {
        try {
            return checkpoint ? CheckpointFile.fromBytes(data, Nets.REGISTRY).model()
                    : ModelFile.fromBytes(data, Nets.REGISTRY);
        } catch (InvalidModelFileException e) {
            String m = e.getMessage();
            assertTrue(m.startsWith("<bytes>: ") && m.length() > 12, m);
            assertFalse(m.contains("\n") || m.contains("\r"), m);
            assertFalse(m.chars().anyMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f), m);
            assertTrue(m.length() < 2000, m);
            return null;
        }
    }

    private static void assertRoundTrip(SavedModel model) {
        SavedModel again = ModelFile.fromBytes(ModelFile.toBytes(model), Nets.REGISTRY);
        Network a = model.network();
        Network b = again.network();
        assertEquals(a.architecture(), b.architecture());
        assertEquals(model.vocabulary(), again.vocabulary());
        List<Parameter> pa = a.parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).value(), b.parameters().get(i).value(), 0.0, pa.get(i).name());
        }
    }
}
