package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.tasks.GenerateCsv;
import org.rnn4j.io.model.Checkpoint;
import org.rnn4j.io.model.CheckpointFile;

/**
 * {@code ./rnn4j train --resume CKPT --data FILE.csv}: a {@code --data} run stopped after k
 * epochs and resumed ends with the model bytes and loss curve of a run never stopped, its best
 * validation epoch's weights kept across the resume; other data or other options are refused in
 * one line, exit 2, with nothing written.
 */
class TrainDataResumeTest {

    @TempDir
    Path dir;

    /** A small, fast classification run whose validation loss is lowest before its last epoch. */
    private static final String[] OPTIONS = {"--task", "classify", "--id", "id", "--time", "t", "--target", "class",
        "--hidden", "6", "--batch", "16", "--lr", "0.05", "--seed", "3"};

    private String[] train(Path csv, Path model, int epochs, String... more) {
        List<String> after = new ArrayList<>(List.of("--epochs", Integer.toString(epochs)));
        after.addAll(List.of(more));
        return Cli.train(csv, model, OPTIONS, after.toArray(String[]::new));
    }

    @Test
    void aResumedRunEndsWithTheBytesAndCurveOfTheUninterruptedOne() throws Exception {
        Path csv = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 150, 4, csv);
        Path straight = dir.resolve("a/m.safetensors");
        String[] a = train(csv, straight, 4, "--json");
        assertEquals("0", a[0], a[2]);
        Path resumed = dir.resolve("b/m.safetensors");
        assertEquals("0", train(csv, resumed, 3)[0]);
        Path ckpt = dir.resolve("b/m.ckpt.safetensors");
        Checkpoint first = CheckpointFile.load(ckpt, Registry.installed());
        assertNotNull(first.position().get("run.best.epoch"), "the best epoch so far is recorded");
        String[] b = Cli.run("train", "--resume", ckpt.toString(), "--data", csv.toString(), "--epochs", "4", "--json");
        assertEquals("0", b[0], b[2]);
        assertTrue(b[1].contains("resumed from " + ckpt), b[1]);
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed), "the same model, bit for bit");
        Checkpoint ca = CheckpointFile.load(dir.resolve("a/m.ckpt.safetensors"), Registry.installed());
        Checkpoint cb = CheckpointFile.load(ckpt, Registry.installed());
        assertEquals(ca.position().get("step"), cb.position().get("step"));
        assertEquals(losses(ca), losses(cb), "the same losses, epoch by epoch");
        ca.optimizer().state().forEach((k, v) -> assertArrayEquals(v, cb.optimizer().state().get(k), k));
        assertEquals(Files.readAllLines(dir.resolve("a/m.loss.csv")), Files.readAllLines(dir.resolve("b/m.loss.csv")),
                "the same loss curve");
        Map<String, Object> ja = TrainCommandTest.json(a[1]);
        Map<String, Object> jb = TrainCommandTest.json(b[1]);
        assertEquals(new ArrayList<>(ja.keySet()), new ArrayList<>(jb.keySet()), "the same keys");
        for (String k : List.of("steps", "train_loss", "val_loss", "test_accuracy", "precision", "task")) {
            assertEquals(ja.get(k), jb.get(k), k);
        }
        // The test is only as strong as the best epoch: it must lie before the resume for the kept
        // weights to come from the checkpoint.
        assertTrue(Integer.parseInt(cb.position().get("run.best.epoch")) <= 3,
                "the best validation epoch lies before the resume: " + cb.position().get("run.best.epoch"));
        assertTrue(a[1].contains("(the best epoch, "), a[1]);
    }

    @Test
    void aRunStoppedBySigtermInAnEpochResumesToTheStraightRun() throws Exception {
        Path csv = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 300, 4, csv);
        int epochs = 60;
        int steps = epochs * 12; // 192 training sequences in batches of 16
        Path straight = dir.resolve("a/m.safetensors");
        assertEquals("0", train(csv, straight, epochs)[0]);
        Path model = dir.resolve("b/m.safetensors");
        Path ckpt = dir.resolve("b/m.ckpt.safetensors");
        List<String> args = new ArrayList<>(List.of("train", "--data", csv.toString()));
        args.addAll(List.of(OPTIONS));
        args.addAll(List.of("--epochs", Integer.toString(epochs), "--save", model.toString(), "--json"));
        ChildJvm child = ChildJvm.start(dir, dir.resolve("out.txt"), args.toArray(String[]::new));
        String err;
        try {
            child.awaitLine(l -> l.startsWith("step " + steps / 10 + "/"));
            child.process().destroy();
            assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), "the child hangs after SIGTERM");
            err = child.allErr();
        } finally {
            child.process().destroyForcibly();
        }
        assertEquals(143, child.process().exitValue(), err);
        Checkpoint c = CheckpointFile.load(ckpt, Registry.installed());
        long at = Long.parseLong(c.position().get("step"));
        assertTrue(at >= steps / 10 && at < steps, "stopped at step " + at);
        assertTrue(err.contains("after step " + at + ", every file saved; continue with ./rnn4j train --resume " + ckpt
                + " --data " + csv), err);
        assertEquals(TrainDataTest.KEYS, new ArrayList<>(TrainCommandTest.json(Files.readString(dir.resolve("out.txt")))
                .keySet()));
        String[] r = Cli.run("train", "--resume", ckpt.toString(), "--data", csv.toString());
        assertEquals("0", r[0], r[2]);
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(model), "the same model, bit for bit");
        assertEquals(Files.readAllLines(dir.resolve("a/m.loss.csv")), Files.readAllLines(dir.resolve("b/m.loss.csv")));
    }

    @Test
    void otherDataOrOtherOptionsAreRefusedAndNothingWritten() throws Exception {
        Path csv = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 60, 4, csv);
        Path model = dir.resolve("m.safetensors");
        assertEquals("0", train(csv, model, 1)[0]);
        Path ckpt = dir.resolve("m.ckpt.safetensors");
        Path changed = dir.resolve("changed.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        lines.set(1, lines.get(1).replaceFirst(",[^,]*,", ",0.5,"));
        Files.write(changed, lines);
        Set<Path> before = listing();
        byte[] ckptBytes = Files.readAllBytes(ckpt);
        byte[] modelBytes = Files.readAllBytes(model);
        String[][] refusals = {
            {"--data", changed.toString(), "is not the data the checkpoint was trained on"},
            {"--data", csv.toString(), "--hidden", "7", "--hidden cannot change when resuming"},
            {"--data", csv.toString(), "--target", "t", "--target cannot change when resuming"},
            {"--data", csv.toString(), "--task", "tag", "--task cannot change when resuming"},
            {"--data", csv.toString(), "--test-fraction", "0.3", "--test-fraction cannot change when resuming"},
            {"--data", csv.toString(), "--seed", "4", "--seed cannot change when resuming"},
            {"--data", csv.toString(), "--precision", "float64", "--precision cannot change when resuming"},
            {"--data", csv.toString(), "--epochs", "1", "give --epochs above it"},
            {"--epochs", "3", "give the data again with --data FILE.csv"},
        };
        for (String[] r : refusals) {
            List<String> args = new ArrayList<>(List.of("train", "--resume", ckpt.toString()));
            args.addAll(Arrays.asList(r).subList(0, r.length - 1));
            Cli.refused(args, r[r.length - 1]);
            assertEquals(before, listing());
            assertArrayEquals(ckptBytes, Files.readAllBytes(ckpt));
            assertArrayEquals(modelBytes, Files.readAllBytes(model));
        }
    }

    /** Each epoch of a checkpoint's history without its timings: epoch, step, batch, losses, rate. */
    private static List<String> losses(Checkpoint c) {
        List<String> epochs = new ArrayList<>();
        for (String e : c.position().get("history").split(";")) {
            epochs.add(String.join(",", Arrays.asList(e.split(",")).subList(0, 6)));
        }
        return epochs;
    }

    private Set<Path> listing() throws Exception {
        try (var s = Files.walk(dir)) {
            return Set.copyOf(s.toList());
        }
    }
}
