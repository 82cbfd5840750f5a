package org.rnn4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.AtomicFile;
import org.rnn4j.io.model.Checkpoint;
import org.rnn4j.io.model.CheckpointFile;
import org.rnn4j.io.model.ModelFile;

/**
 * The model and the checkpoint on disk never come from different points of a run: a disk that
 * fills between the two writes leaves the model behind its checkpoint (never ahead), so a resume
 * never writes an older state over a newer model.
 */
class RunSaverTest {

    @TempDir
    Path dir;

    /** Ten steps of a tiny LSTM, saved every five. */
    private TrainSettings settings() throws IOException {
        Path text = dir.resolve("t.txt");
        Files.writeString(text, "the cat sat on the mat.\n".repeat(20), StandardCharsets.UTF_8);
        return new TrainSettings(text.toString(), "lstm", 1, 4, null, "adam", Map.of("lr", "0.01"), 8, 2, 1, 10, 5, 0,
                0.1, 42, 5, 1, 10);
    }

    private static Progress quiet() {
        return Progress.forConsole(new PrintWriter(new StringWriter()));
    }

    /** Writes atomically, but the n-th write (from 0) of a file and every later one fails as on a full disk. */
    private static final class FullDisk implements RunSaver.Writes {
        private final Path failing;
        private final int from;
        private final List<byte[]> written = new ArrayList<>();
        private int count;

        FullDisk(Path failing, int from) {
            this.failing = failing;
            this.from = from;
        }

        @Override
        public void write(Path file, AtomicFile.Writer content) throws IOException {
            if (file.equals(failing) && count++ >= from) {
                throw new IOException("No space left on device");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            content.writeTo(bytes);
            if (file.equals(failing)) {
                written.add(bytes.toByteArray());
            }
            AtomicFile.write(file, out -> out.write(bytes.toByteArray()));
        }
    }

    @Test
    void aDiskFullBeforeTheCheckpointLeavesTheModelOfTheCheckpoint() throws Exception {
        Path model = dir.resolve("m.safetensors");
        Path ckpt = dir.resolve("m.ckpt.safetensors");
        FullDisk disk = new FullDisk(ckpt, 1);
        TrainRun run = TrainRun.fresh(Registry.installed(), settings(), model, quiet()).writes(disk);
        IllegalStateException e = assertThrows(IllegalStateException.class, run::run);
        assertEquals("cannot write " + ckpt + ": No space left on device; the checkpoint and the model on disk hold "
                + "step 5 (./rnn4j train --resume " + ckpt + " --text " + dir.resolve("t.txt") + " continues from it)", e.getMessage());
        Checkpoint c = CheckpointFile.load(ckpt, Registry.installed());
        assertEquals("5", c.position().get("step"));
        assertArrayEquals(ModelFile.toBytes(c.model()), Files.readAllBytes(model),
                "the model on disk is the checkpoint's, not a later one");
    }

    @Test
    void aDiskFullBeforeTheModelLeavesItBehindTheCheckpointAndAResumeWritesItAgain() throws Exception {
        Path model = dir.resolve("m.safetensors");
        Path ckpt = dir.resolve("m.ckpt.safetensors");
        FullDisk disk = new FullDisk(model, 1);
        TrainSettings s = settings();
        TrainRun run = TrainRun.fresh(Registry.installed(), s, model, quiet()).writes(disk);
        IllegalStateException e = assertThrows(IllegalStateException.class, run::run);
        assertEquals("cannot write " + model + ": No space left on device; the checkpoint holds step 10, the model an "
                + "earlier one (./rnn4j train --resume " + ckpt + " --text " + dir.resolve("t.txt") + " continues from it)", e.getMessage());
        Checkpoint c = CheckpointFile.load(ckpt, Registry.installed());
        assertEquals("10", c.position().get("step"));
        assertArrayEquals(disk.written.get(0), Files.readAllBytes(model), "the model of step 5 is left whole");
        assertFalse(Arrays.equals(ModelFile.toBytes(c.model()), Files.readAllBytes(model)));

        TrainSettings longer = new TrainSettings(s.text(), s.cell(), s.layers(), s.hidden(), s.activation(),
                s.optimizer(), s.optimizerOptions(), s.seq(), s.batch(), s.epochs(), 15, s.clip(), s.dropout(),
                s.valFraction(), s.seed(), s.every(), s.lrDecay(), s.lrDecayAfter());
        TrainRun.resumed(Registry.installed(), c, ckpt, longer, null, false, quiet()).run();
        Checkpoint after = CheckpointFile.load(ckpt, Registry.installed());
        assertEquals("15", after.position().get("step"));
        assertArrayEquals(ModelFile.toBytes(after.model()), Files.readAllBytes(model), "the pair agrees again");
        assertTrue(Files.exists(dir.resolve("m.loss.csv")));
    }
}
