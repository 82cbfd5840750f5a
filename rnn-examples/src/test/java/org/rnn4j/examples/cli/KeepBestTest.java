package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.io.model.Checkpoint;
import org.rnn4j.io.model.CheckpointFile;
import org.rnn4j.io.model.TrainingPosition;

/**
 * {@code train --keep-best} on a run that drifts: a stack with a linear (identity) first layer,
 * its state carried through the text, trained with Adam at 0.05, whose validation loss is
 * lowest after epoch 6 of 12 and ends far above it (deterministic: the same seed gives the same
 * run). The model saved is the best epoch's, the checkpoint the last state; without the option
 * the report warns.
 */
class KeepBestTest {

    static final String[] DRIFTING = {"train", "--cell", "elman", "--activation", "identity", "--layers", "3",
        "--hidden", "16", "--lr", "0.05", "--seq", "24", "--batch", "4", "--val-fraction", "0.2", "--seed", "2",
        "--json"};

    @TempDir
    Path dir;

    private String[] train(Path text, String save, String... more) {
        String[] all = Arrays.copyOf(DRIFTING, DRIFTING.length + 4 + more.length);
        all[DRIFTING.length] = "--text";
        all[DRIFTING.length + 1] = text.toString();
        all[DRIFTING.length + 2] = "--save";
        all[DRIFTING.length + 3] = dir.resolve(save).toString();
        System.arraycopy(more, 0, all, DRIFTING.length + 4, more.length);
        String[] r = Cli.run(all);
        assertEquals("0", r[0], r[2]);
        return r;
    }

    private Checkpoint checkpoint(String name) throws Exception {
        return CheckpointFile.load(dir.resolve(name), Registry.installed());
    }

    @Test
    void theSavedModelIsTheBestEpochsAndTheCheckpointTheLastState() throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        String[] kept = train(text, "kept/m.safetensors", "--epochs", "12", "--keep-best");
        List<EpochMetrics> history = TrainingPosition.parse(checkpoint("kept/m.ckpt.safetensors").position()).history();
        EpochMetrics best = history.stream().min(Comparator.comparingDouble(EpochMetrics::validationLoss)).get();
        EpochMetrics last = history.get(history.size() - 1);
        assertEquals(12, history.size());
        assertTrue(best.epoch() < 12 && last.validationLoss() > 1.2 * best.validationLoss(),
                "the run drifts away from its best: " + history);
        assertTrue(kept[1].contains("kept the best model (--keep-best): epoch " + best.epoch() + ", step "
                + best.step() + ", validation loss "), kept[1]);
        assertEquals(best.validationLoss(), ((Number) TrainCommandTest.json(kept[1]).get("val_loss")).doubleValue(),
                0.0, "--json val_loss is the saved model's");

        // A run stopped at the best epoch saves the same model, and its last validation loss, measured
        // on that model, is the best one recorded.
        String[] shorter = train(text, "short/m.safetensors", "--epochs", Integer.toString(best.epoch()));
        assertArrayEquals(Files.readAllBytes(dir.resolve("short/m.safetensors")),
                Files.readAllBytes(dir.resolve("kept/m.safetensors")), "the best epoch's model, bit for bit");
        assertEquals(best.validationLoss(), ((Number) TrainCommandTest.json(shorter[1]).get("val_loss")).doubleValue(),
                0.0);

        // Without --keep-best: the last model, a warning, and the same checkpoint (the last state).
        String[] plain = train(text, "plain/m.safetensors", "--epochs", "12");
        assertTrue(plain[1].contains(String.format(java.util.Locale.ROOT, "warning: the validation loss ended at "
                + "%.4f, far above its best, %.4f after epoch %d", last.validationLoss(), best.validationLoss(),
                best.epoch())), plain[1]);
        assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("plain/m.safetensors")),
                Files.readAllBytes(dir.resolve("kept/m.safetensors"))));
        List<Parameter> a = checkpoint("plain/m.ckpt.safetensors").model().network().parameters();
        List<Parameter> b = checkpoint("kept/m.ckpt.safetensors").model().network().parameters();
        for (int p = 0; p < a.size(); p++) {
            assertArrayEquals(a.get(p).value(), b.get(p).value(), "checkpoint parameter " + p + ": the last state");
        }
        Map<String, String> pa = checkpoint("plain/m.ckpt.safetensors").position();
        Map<String, String> pb = checkpoint("kept/m.ckpt.safetensors").position();
        assertEquals(pa.get("step"), pb.get("step"));
    }

    @Test
    void keepBestNeedsValidationAndIsInTheHelp() throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        String[] r = Cli.run("train", "--text", text.toString(), "--val-fraction", "0", "--keep-best", "--save",
                dir.resolve("m.safetensors").toString());
        assertEquals("2", r[0], r[2]);
        assertEquals("rnn4j train: --keep-best keeps the model of the lowest validation loss and needs validation "
                + "data: give --val-fraction above 0", r[2].strip());
        assertFalse(Files.exists(dir.resolve("m.safetensors")));
        String help = Cli.run("train", "--help")[1].replaceAll("\\s+", " ");
        assertTrue(help.contains("--keep-best") && help.contains("the checkpoint still holds the last state"), help);
    }
}
