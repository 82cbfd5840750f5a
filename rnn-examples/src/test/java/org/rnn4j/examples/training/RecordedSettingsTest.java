package org.rnn4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.io.data.Task;

/**
 * The {@code run.*} entries a resume reads back, for text and {@code --data} runs alike: a missing
 * or malformed one is named with its value, and a whole number out of an int's range is refused,
 * not wrapped around.
 */
class RecordedSettingsTest {

    @Test
    void aTextRunsLayersOutOfRangeAreRefusedNotWrapped() {
        Map<String, String> m = new HashMap<>(TrainSettings.reber().toMap());
        m.put("run.layers", "4294967297"); // 2^32 + 1: an int cast of the long would read 1 layer
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainSettings.fromMap(m, "adam", Map.of("lr", "0.01")));
        assertEquals("the checkpoint's 'run.layers' is '4294967297', not a whole number; was the checkpoint altered?",
                e.getMessage());
    }

    @Test
    void bothKindsOfRunNameTheEntryAndItsValue() {
        Map<String, String> text = new HashMap<>(TrainSettings.reber().toMap());
        text.put("run.clip", "five");
        assertEquals("the checkpoint's 'run.clip' is 'five', not a number; was the checkpoint altered?",
                assertThrows(IllegalArgumentException.class, () -> TrainSettings.fromMap(text, "adam", Map.of()))
                        .getMessage());
        DataSettings s = new DataSettings(Path.of("d.csv"), Task.CLASSIFY, "id", "class", null, List.of(),
                0, 0, 0.2, 0.2, "lstm", 1, 8, 3, "0.01", 4, 1.0, 7);
        Map<String, String> data = new HashMap<>(DataCheckpoint.record(s, "abc", null, null));
        assertEquals(s, DataCheckpoint.settings(data, Path.of("d.csv")));
        data.put("run.batch", " 4x");
        assertEquals("the checkpoint's 'run.batch' is ' 4x', not a whole number; was the checkpoint altered?",
                assertThrows(IllegalArgumentException.class, () -> DataCheckpoint.settings(data, Path.of("d.csv")))
                        .getMessage());
        data.remove("run.cell");
        data.put("run.batch", "4");
        assertEquals("the checkpoint has no 'run.cell'; it is of a --data run; was it altered?",
                assertThrows(IllegalArgumentException.class, () -> DataCheckpoint.settings(data, Path.of("d.csv")))
                        .getMessage());
    }
}
