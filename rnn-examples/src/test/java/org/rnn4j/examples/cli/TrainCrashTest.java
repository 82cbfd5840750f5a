package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.CheckpointFile;

/**
 * A run that ends early (killed with {@code kill -9}, or stopped by SIGTERM) and is resumed ends
 * with the bytes and the loss curve of a run never interrupted; SIGTERM saves everything even
 * without {@code --every}. The interrupted runs are child JVMs.
 */
class TrainCrashTest {

    static final int STEPS = 600;

    @TempDir
    Path dir;

    private String[] args(String... more) throws Exception {
        List<String> all = new ArrayList<>(List.of("train", "--text", TrainCommandTest.corpus(dir).toString(),
                "--cell", "lstm", "--layers", "2", "--hidden", "8", "--dropout", "0.25", "--seq", "12", "--batch", "3",
                "--val-fraction", "0.1", "--seed", "5", "--steps", Integer.toString(STEPS)));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static long step(Path checkpoint) throws Exception {
        return Long.parseLong(CheckpointFile.load(checkpoint, Registry.installed()).position().get("step"));
    }

    /** The resumed run's files are the straight run's: the model, bit for bit, and the whole curve. */
    private void assertSameRun(Path straight, Path resumed) throws Exception {
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed), "the same weights, bit for bit");
        List<String> a = Files.readAllLines(dir.resolve("a/m.loss.csv"));
        List<String> b = Files.readAllLines(dir.resolve("b/m.loss.csv"));
        assertTrue(a.size() > 200, "a curve of " + a.size() + " lines");
        assertEquals(a, b, "the same loss curve, from step 1");
    }

    @Test
    void aRunKilledAfterACheckpointResumesToTheCurveAndBytesOfAStraightRun() throws Exception {
        Path straight = dir.resolve("a/m.safetensors");
        String[] r = Cli.run(args("--every", "50", "--save", straight.toString()));
        assertEquals("0", r[0], r[2]);

        Path model = dir.resolve("b/m.safetensors");
        Path checkpoint = dir.resolve("b/m.ckpt.safetensors");
        ChildJvm child = ChildJvm.start(dir, dir.resolve("out.txt"), args("--every", "50", "--save", model.toString()));
        try {
            child.awaitLine(l -> l.startsWith("step 100, validation loss"));
            child.process().destroyForcibly();
            assertTrue(child.process().waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.process().destroyForcibly();
        }
        long at = step(checkpoint);
        assertTrue(at >= 100 && at < STEPS, "killed at step " + at);
        assertTrue(Files.readAllLines(dir.resolve("b/m.loss.csv")).size() > 10, "the curve so far is on disk");

        r = Cli.run("train", "--resume", checkpoint.toString(), "--text", dir.resolve("tiny.txt").toString());
        assertEquals("0", r[0], r[2]);
        assertSameRun(straight, model);
    }

    @Test
    void sigtermStopsAtAStepSavesEverythingAndTheResumeIsTheStraightRun() throws Exception {
        Path straight = dir.resolve("a/m.safetensors");
        String[] r = Cli.run(args("--save", straight.toString()));
        assertEquals("0", r[0], r[2]);

        Path model = dir.resolve("b/m.safetensors");
        Path checkpoint = dir.resolve("b/m.ckpt.safetensors");
        ChildJvm child = ChildJvm.start(dir, dir.resolve("out.txt"), args("--save", model.toString(), "--json"));
        String err;
        try {
            child.awaitLine(l -> l.startsWith("step " + STEPS / 10 + "/"));
            child.process().destroy();
            assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), "the child hangs after SIGTERM");
            err = child.allErr();
        } finally {
            child.process().destroyForcibly();
        }
        assertEquals(143, child.process().exitValue(), err);
        long at = step(checkpoint);
        assertTrue(at >= STEPS / 10 && at < STEPS, "stopped at step " + at);
        assertTrue(err.contains("rnn4j train: stopped by a signal (SIGTERM or Ctrl-C) after step " + at + ", every file "
                + "saved; continue with ./rnn4j train --resume " + checkpoint + " --text " + dir.resolve("tiny.txt")), err);
        Map<String, Object> j = TrainCommandTest.json(Files.readString(dir.resolve("out.txt")));
        assertEquals(TrainCommandTest.TEXT_KEYS, j.keySet(), "--json still ends with its one line");
        assertEquals(at, ((Number) j.get("steps")).longValue());
        assertTrue(Files.exists(dir.resolve("b/m.loss.png")));

        r = Cli.run("train", "--resume", checkpoint.toString(), "--text", dir.resolve("tiny.txt").toString());
        assertEquals("0", r[0], r[2]);
        assertSameRun(straight, model);
    }
}
