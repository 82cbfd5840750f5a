package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every broken file of {@link BrokenFiles} is rejected with its own one-line message, from bytes
 * and from a file on disk.
 */
class BrokenFilesTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyBrokenFileIsRejectedWithItsOwnOneLineMessage() {
        return BrokenFiles.cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            InvalidModelFileException x = assertThrows(InvalidModelFileException.class,
                    () -> ModelFile.fromBytes(e.getValue().bytes(), Nets.REGISTRY));
            assertOneLine(x.getMessage(), "<bytes>: ", e.getValue().expected());
        }));
    }

    @Test
    void fromAFileTheMessageNamesTheFile() throws Exception {
        for (Map.Entry<String, BrokenFiles.Case> e : BrokenFiles.cases().entrySet()) {
            Path file = dir.resolve(e.getKey() + ".safetensors");
            Files.write(file, e.getValue().bytes());
            InvalidModelFileException x = assertThrows(InvalidModelFileException.class,
                    () -> ModelFile.load(file, Nets.REGISTRY), e.getKey());
            assertOneLine(x.getMessage(), file + ": ", e.getValue().expected());
        }
    }

    @Test
    void theValidFilesTheCasesStartFromLoad() {
        BrokenFiles.valid().forEach((name, bytes) ->
                assertTrue(ModelFile.fromBytes(bytes.get(), Nets.REGISTRY).network().parameters().size() > 0, name));
    }

    static void assertOneLine(String message, String prefix, String expected) {
        assertTrue(message.startsWith(prefix), message);
        assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertFalse(message.chars().anyMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f),
                () -> "a control character would reach the terminal: " + message);
        assertTrue(message.length() < 600, () -> message.length() + " characters: " + message);
    }
}
