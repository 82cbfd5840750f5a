package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, items 11 and 12: a checkpoint is a file that may come from anyone. Its recorded text
 * path is not followed (a resume reads the text named by --text, or the one of that name beside
 * the checkpoint, and says which), and its recorded settings must describe the network it holds.
 */
class TamperedCheckpointTest {

    @TempDir
    Path dir;

    private Path text;
    private Path checkpoint;

    @BeforeEach
    void train() throws Exception {
        text = TrainCommandTest.corpus(Files.createDirectories(dir.resolve("data")));
        String[] r = Cli.run("train", "--text", text.toString(), "--cell", "lstm", "--layers", "2", "--hidden", "8",
                "--dropout", "0.1", "--seq", "8", "--batch", "2", "--steps", "2", "--save",
                dir.resolve("run/m.safetensors").toString());
        assertEquals("0", r[0], r[2]);
        checkpoint = dir.resolve("run/m.ckpt.safetensors");
    }

    @Test
    void aRecordedTextElsewhereIsNotOpened() throws Exception {
        Path fifo = dir.resolve("elsewhere/fifo");
        Files.createDirectories(fifo.getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Tamper.position(checkpoint, Map.of("run.text", fifo.toString()));
        // Opening a FIFO for reading blocks until a writer comes: a resume that opened it would hang.
        String[] r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Cli.run("train", "--resume", checkpoint.toString(), "--steps", "4"));
        assertEquals("2", r[0], r[1] + r[2]);
        assertEquals("rnn4j train: the checkpoint was trained on the text '" + fifo + "', which a resume does not open"
                + " as recorded; give the text with --text FILE, or put it beside the checkpoint as 'fifo' (its SHA-256"
                + " must match)", r[2].strip());
    }

    @Test
    void theTrainingTextOutsideTheCheckpointsDirectoryIsNotReadEvenAtItsRecordedPath() {
        String[] r = Cli.run("train", "--resume", checkpoint.toString(), "--steps", "4");
        assertEquals("2", r[0], r[1] + r[2]);
        assertTrue(r[2].contains("which a resume does not open as recorded; give the text with --text FILE"), r[2]);
    }

    @Test
    void aResumeSaysWhichTextItRead() throws Exception {
        String[] named = Cli.run("train", "--resume", checkpoint.toString(), "--steps", "3", "--text", text.toString());
        assertEquals("0", named[0], named[2]);
        assertTrue(named[1].contains("  text " + text + " (named by --text, SHA-256 checked against the checkpoint's)"),
                named[1]);
        Path beside = Files.copy(text, checkpoint.resolveSibling(text.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        String[] found = Cli.run("train", "--resume", checkpoint.toString(), "--steps", "4");
        assertEquals("0", found[0], found[2]);
        assertTrue(found[1].contains("  text " + beside + " (beside the checkpoint, SHA-256 checked against the "
                + "checkpoint's)"), found[1]);
        Files.writeString(beside, "another text altogether, of other characters: xyz 0123456789\n".repeat(40));
        String[] other = Cli.run("train", "--resume", checkpoint.toString(), "--steps", "5");
        assertEquals("2", other[0], other[1] + other[2]);
        assertTrue(other[2].startsWith("rnn4j train: the text is not the one the checkpoint was trained on"), other[2]);
        assertFalse(other[2].contains("characters"), "nothing more is said of a text that does not match: " + other[2]);
    }

    @Test
    void recordedSettingsThatDisagreeWithTheNetworkAreRefused() throws Exception {
        Map<String, String> lies = Map.of("run.hidden", "999", "run.layers", "3", "run.cell", "gru",
                "run.activation", "relu", "run.dropout", "0.5", "run.seed", "43");
        Path original = Files.copy(checkpoint, dir.resolve("original.ckpt"));
        for (Map.Entry<String, String> lie : lies.entrySet()) {
            Files.copy(original, checkpoint, StandardCopyOption.REPLACE_EXISTING);
            Tamper.position(checkpoint, Map.of(lie.getKey(), lie.getValue()));
            String[] r = Cli.run("train", "--resume", checkpoint.toString(), "--steps", "4", "--text", text.toString());
            assertEquals("2", r[0], lie + ": " + r[1] + r[2]);
            assertTrue(r[2].startsWith("rnn4j train: the checkpoint's settings describe input "), lie + ": " + r[2]);
            assertTrue(r[2].contains(", but the network it holds is input "), lie + ": " + r[2]);
            assertTrue(r[2].contains("lstm 8, lstm 8, dense "), lie + ": " + r[2]);
            assertEquals(1, r[2].strip().lines().count(), r[2]);
        }
    }

    @Test
    void aCarriedStateOfAnotherShapeIsRefusedBeforeTraining() throws Exception {
        String three = Base64.getEncoder().encodeToString(new byte[3 * Double.BYTES]);
        Tamper.position(checkpoint, Map.of("carried.1", three + "," + three));
        String[] r = Cli.run("train", "--resume", checkpoint.toString(), "--steps", "4", "--text", text.toString());
        assertEquals("2", r[0], r[1] + r[2]);
        assertEquals("rnn4j train: the checkpoint's carried state of recurrent layer 1 has 2 block(s) of [3, 3] values,"
                + " but the layer with batch 2 needs 2 of [16, 16]", r[2].strip());
    }
}
