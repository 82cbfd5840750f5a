package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.Checkpoint;
import org.rnn4j.io.model.CheckpointFile;
import org.rnn4j.io.model.ModelFile;

/**
 * {@code rnn4j train} stopped by a NaN or an infinity: what is on disk afterwards is a model and
 * checkpoint of the last good step, every value finite (the loaders reject any other), or, when
 * the run had no good step of its own, exactly the files that were there before; the message
 * says which, and {@code --json} still has every key.
 */
class TrainNonFiniteTest {

    @TempDir
    Path dir;

    private String[] train(Path text, Path save, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--text", text.toString(), "--layers", "1",
                "--hidden", "4", "--seq", "8", "--batch", "2", "--save", save.toString(), "--json"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /**
     * The case: a good model at the --save path, then a run whose first update
     * overflows (Adam's first step size lr / (1 - beta1) is infinite at lr 1e308). Before, the
     * model and checkpoint were replaced by NaN-filled files.
     */
    @Test
    void aRunWithNoGoodStepLeavesTheFilesAlreadyThereByteIdentical() throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        Path model = dir.resolve("m.safetensors");
        assertEquals("0", train(text, model, "--steps", "2")[0]);
        List<Path> files = List.of(model, dir.resolve("m.ckpt.safetensors"), dir.resolve("m.loss.csv"));
        List<byte[]> before = files.stream().map(TrainNonFiniteTest::bytes).toList();

        // --overwrite: the earlier run may be replaced, but only by a run that has something to save.
        String[] r = train(text, model, "--optimizer", "adam", "--lr", "1e308", "--clip", "0", "--steps", "5",
                "--overwrite");
        assertEquals("1", r[0], r[2]);
        for (int i = 0; i < files.size(); i++) {
            assertArrayEquals(before.get(i), bytes(files.get(i)), files.get(i) + " is as it was");
        }
        assertTrue(r[2].contains("(step 1): the optimizer's update was refused: parameter '"), r[2]);
        assertTrue(r[2].contains("Nothing was written: " + model + " and the files beside it are as they were."),
                r[2]);
        assertTrue(r[1].contains("nothing saved"), r[1]);
        assertTrue(r[1].lines().noneMatch(l -> l.equals("saved:") || l.startsWith("  model ")), r[1]);

        Map<String, Object> j = TrainCommandTest.json(r[1]);
        assertEquals(TrainCommandTest.TEXT_KEYS, j.keySet(), "every key, even for a run stopped at step 1");
        assertNull(j.get("model"));
        assertNull(j.get("train_loss"));
        assertNull(j.get("val_loss"));
        assertEquals(0, ((Number) j.get("steps")).intValue());
    }

    /**
     * An identity Elman layer at lr 1e6: one step is finite, but the state carried through the
     * validation text then overflows. Before, the layer's check of its "initial state" ended the
     * run with exit 2 and nothing written; now the run stops and saves that step.
     */
    @Test
    void aDivergingValidationStopsTheRunAndSavesItsLastStepFinite() throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        Path model = dir.resolve("v.safetensors");
        String[] r = train(text, model, "--cell", "elman", "--activation", "identity", "--optimizer", "sgd",
                "--lr", "1e6", "--clip", "0", "--val-fraction", "0.5", "--steps", "1");
        assertEquals("1", r[0], r[2]);
        assertEquals(1, r[2].lines().filter(l -> l.startsWith("rnn4j train: ")).count(), r[2]);
        assertTrue(r[2].contains("rnn4j train: training stopped after epoch 1 (step 1): the validation loss is NaN"),
                r[2]);
        assertTrue(r[2].contains("The model and checkpoint hold step 1, every value in them finite."), r[2]);
        assertFalse(r[2].contains("initial state"), r[2]);

        ModelFile.load(model, Registry.installed());
        Checkpoint c = CheckpointFile.load(dir.resolve("v.ckpt.safetensors"), Registry.installed());
        assertEquals("1", c.position().get("step"));
        assertTrue(Files.readAllLines(dir.resolve("v.loss.csv")).size() > 1, "the curve's point of step 1");
        Map<String, Object> j = TrainCommandTest.json(r[1]);
        assertEquals(TrainCommandTest.TEXT_KEYS, j.keySet());
        assertEquals(model.toString(), j.get("model"));
        assertNull(j.get("val_loss"), "not a number: null");
    }

    /**
     * The same run with {@code --every 1}: the validation, checkpoint and sample after step 1 meet
     * the diverged model first. The sample's state overflows: the log says there is no sample,
     * and the run goes on to its clean stop.
     */
    @Test
    void aDivergedModelMetEveryNStepsCostsTheSampleNotTheRun() throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        Path model = dir.resolve("e.safetensors");
        String[] r = train(text, model, "--cell", "elman", "--activation", "identity", "--optimizer", "sgd",
                "--lr", "1e6", "--clip", "0", "--val-fraction", "0.5", "--steps", "1", "--every", "1");
        assertEquals("1", r[0], r[2]);
        assertTrue(r[2].contains("step 1, validation loss NaN, checkpoint saved; a sample:\n(none: the model diverges: "),
                r[2]);
        assertTrue(r[2].contains("The model and checkpoint hold step 1, every value in them finite."), r[2]);
        ModelFile.load(model, Registry.installed());
    }

    @Test
    void anEpsOfZeroIsRefusedBeforeAnythingRuns() throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        for (String optimizer : List.of("adagrad", "rmsprop", "adam", "adamw")) {
            String[] r = train(text, dir.resolve(optimizer + ".safetensors"), "--optimizer", optimizer, "--opt", "eps=0");
            assertEquals("2", r[0], r[2]);
            assertEquals("rnn4j train: optimizer '" + optimizer + "': eps must be in (0, inf), got 0", r[2].strip());
            assertFalse(Files.exists(dir.resolve(optimizer + ".safetensors")));
        }
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
