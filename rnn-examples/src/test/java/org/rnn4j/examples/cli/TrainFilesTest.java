package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code train} writes never replaces what the user had without asking: an earlier run
 * (a fresh name without {@code --save}, an error with it unless {@code --overwrite}), an input
 * (the text, the checkpoint resumed), or a run still going (a lock); and a file it could not
 * write is an error before training, not after.
 */
class TrainFilesTest {

    @TempDir
    Path dir;

    /** A run of a few steps on the tiny text. */
    private String[] tiny(String... more) throws Exception {
        List<String> all = new ArrayList<>(List.of("train", "--text", TrainCommandTest.corpus(dir).toString(),
                "--layers", "1", "--hidden", "4", "--seq", "8", "--batch", "2", "--steps", "3"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Exit 2, one line starting with {@code rnn4j train: } and containing a part, nothing trained. */
    private static void refused(String[] r, String part) {
        assertEquals("2", r[0], r[1] + r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertTrue(r[2].startsWith("rnn4j train: "), r[2]);
        assertTrue(r[2].contains(part), "expected '" + part + "' in: " + r[2]);
        assertFalse(r[1].contains("trained"), "nothing trained: " + r[1]);
    }

    @Test
    void theDefaultCommandTwiceKeepsTheFirstRunAndNamesTheSecond() throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        String[] args = {"train", "--text", text.toString(), "--layers", "1", "--hidden", "4", "--seq", "8",
            "--batch", "2", "--steps", "3", "--json"};
        Map<String, Object> first = runIn(dir, args);
        assertEquals(Path.of("runs", "tiny.safetensors").toString(), first.get("model"));
        // the same run again would write the same bytes: mark the first run's files to see them replaced
        for (String f : new String[] {"tiny.safetensors", "tiny.ckpt.safetensors", "tiny.loss.csv", "tiny.loss.png"}) {
            Files.write(dir.resolve("runs").resolve(f), new byte[] {'x'}, StandardOpenOption.APPEND);
        }
        byte[] model = Files.readAllBytes(dir.resolve("runs/tiny.safetensors"));
        byte[] checkpoint = Files.readAllBytes(dir.resolve("runs/tiny.ckpt.safetensors"));
        byte[] csv = Files.readAllBytes(dir.resolve("runs/tiny.loss.csv"));

        Map<String, Object> second = runIn(dir, args);
        assertEquals(Path.of("runs", "tiny-2.safetensors").toString(), second.get("model"));
        assertEquals(Path.of("runs", "tiny-2.loss.csv").toString(), second.get("csv"));
        assertTrue(Files.exists(dir.resolve("runs/tiny-2.ckpt.safetensors")));
        assertArrayEquals(model, Files.readAllBytes(dir.resolve("runs/tiny.safetensors")), "the first model is kept");
        assertArrayEquals(checkpoint, Files.readAllBytes(dir.resolve("runs/tiny.ckpt.safetensors")));
        assertArrayEquals(csv, Files.readAllBytes(dir.resolve("runs/tiny.loss.csv")));
        assertTrue(Files.readString(dir.resolve("out.txt")).contains("runs/tiny.safetensors is taken by another run: this "
                + "one saves as runs/tiny-2.safetensors"), Files.readString(dir.resolve("out.txt")));
    }

    /** Runs the command line in a child JVM in a directory; returns its JSON line. */
    private static Map<String, Object> runIn(Path dir, String... args) throws Exception {
        ChildJvm c = ChildJvm.start(dir, dir.resolve("out.txt"), args);
        assertTrue(c.process().waitFor(120, TimeUnit.SECONDS), "the child hangs");
        String err = c.allErr();
        assertEquals(0, c.process().exitValue(), err);
        return TrainCommandTest.json(Files.readString(dir.resolve("out.txt")));
    }

    @Test
    void anEarlierRunAtTheSavePathIsReplacedOnlyWithOverwrite() throws Exception {
        Path model = dir.resolve("m.safetensors");
        assertEquals("0", Cli.run(tiny("--save", model.toString()))[0]);
        byte[] before = Files.readAllBytes(model);
        Files.delete(model);
        Files.write(model, before);
        refused(Cli.run(tiny("--save", model.toString(), "--seed", "7")), model + " exists (an earlier run's); give "
                + "--overwrite to replace that run, or another --save");
        assertArrayEquals(before, Files.readAllBytes(model));
        // any one of the four files is enough
        Files.delete(model);
        refused(Cli.run(tiny("--save", model.toString(), "--seed", "7")), dir.resolve("m.ckpt.safetensors")
                + " exists");
        Files.write(model, before);

        String[] r = Cli.run(tiny("--save", model.toString(), "--seed", "7", "--overwrite"));
        assertEquals("0", r[0], r[2]);
        assertFalse(Arrays.equals(before, Files.readAllBytes(model)), "replaced by the new run");
    }

    @Test
    void noOutputMayBeAnInput() throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        byte[] original = Files.readAllBytes(text);
        refused(Cli.run(tiny("--save", text.toString())), "--save " + text + " would write the model over the "
                + "training text, " + text);
        Files.createDirectories(dir.resolve("sub"));
        refused(Cli.run(tiny("--save", dir.resolve("sub/../tiny.txt").toString(), "--overwrite")), "would write the "
                + "model over the training text");
        Path link = dir.resolve("link.safetensors");
        Files.createSymbolicLink(link, text);
        refused(Cli.run(tiny("--save", link.toString(), "--overwrite")), "would write the model over the training "
                + "text");
        // the text named as the loss curve of the run
        Path csvText = dir.resolve("x.loss.csv");
        Files.write(csvText, original);
        String[] r = Cli.run("train", "--text", csvText.toString(), "--layers", "1", "--hidden", "4", "--seq", "8",
                "--batch", "2", "--steps", "3", "--save", dir.resolve("x.safetensors").toString(), "--overwrite");
        refused(r, "would write the loss curve over the training text");
        assertArrayEquals(original, Files.readAllBytes(text), "the text is untouched");
        assertArrayEquals(original, Files.readAllBytes(csvText), "the text is untouched");

        Path model = dir.resolve("m.safetensors");
        assertEquals("0", Cli.run(tiny("--save", model.toString()))[0]);
        Path checkpoint = dir.resolve("m.ckpt.safetensors");
        byte[] ckpt = Files.readAllBytes(checkpoint);
        refused(Cli.run("train", "--resume", checkpoint.toString(), "--steps", "5", "--save", checkpoint.toString()),
                "--save " + checkpoint + " would write the model over the checkpoint it resumes from");
        refused(Cli.run("train", "--resume", checkpoint.toString(), "--steps", "5", "--save", checkpoint.toString(),
                "--overwrite"), "would write the model over the checkpoint it resumes from");
        assertArrayEquals(ckpt, Files.readAllBytes(checkpoint), "the checkpoint is untouched");
        // resuming into its own files is what a resume is for
        r = Cli.run("train", "--resume", checkpoint.toString(), "--steps", "5", "--save", model.toString());
        assertEquals("0", r[0], r[2]);
    }

    @Test
    void aSavePathThatCannotBeWrittenIsAnErrorBeforeTraining() throws Exception {
        refused(Cli.run(tiny("--save", "")), "--save '': an empty path; give a file name such as "
                + "runs/model.safetensors");
        Files.createDirectories(dir.resolve("adir"));
        refused(Cli.run(tiny("--save", dir.resolve("adir").toString())), "--save " + dir.resolve("adir") + ": "
                + dir.resolve("adir") + " is a directory; give a file name such as "
                + dir.resolve("adir/model.safetensors"));
        Files.createDirectories(dir.resolve("m.loss.png"));
        refused(Cli.run(tiny("--save", dir.resolve("m.safetensors").toString())), dir.resolve("m.loss.png")
                + " is a directory");
        Files.writeString(dir.resolve("afile"), "x");
        refused(Cli.run(tiny("--save", dir.resolve("afile/sub/m.safetensors").toString())), dir.resolve("afile")
                + " is a file, not a directory");
        // a name the file system takes (252 bytes of 255), but not the temporary file an atomic write needs
        String stem = "m".repeat(240);
        refused(Cli.run(tiny("--save", dir.resolve(stem + ".safetensors").toString())), "cannot write "
                + dir.resolve(stem + ".safetensors") + ": file name too long");
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("mmm")).toList());
        }
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsAnErrorBeforeTraining() throws Exception {
        Path sys = Path.of("/sys");
        assumeTrue(!writable(sys), "needs a directory this process cannot write in (/sys on Linux)");
        refused(Cli.run(tiny("--save", "/sys/rnn4j-test.safetensors")), "--save /sys/rnn4j-test.safetensors: "
                + "cannot write /sys/rnn4j-test.safetensors: ");
        refused(Cli.run(tiny("--save", "/sys/rnn4j-test/m.safetensors")), "--save /sys/rnn4j-test/m.safetensors: "
                + "cannot create the directory /sys/rnn4j-test: ");
    }

    private static boolean writable(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aSecondRunOnTheSamePathFailsAtOnce() throws Exception {
        Path model = dir.resolve("busy.safetensors");
        ChildJvm child = ChildJvm.start(dir, dir.resolve("child.txt"), "train", "--text",
                TrainCommandTest.corpus(dir).toString(), "--layers", "1", "--hidden", "4", "--seq", "8", "--batch", "2",
                "--epochs", "1000000", "--save", model.toString());
        try {
            child.awaitLine(l -> l.startsWith("epoch 1/"));
            String pid = Long.toString(child.process().pid());
            for (String[] r : new String[][] {Cli.run(tiny("--save", model.toString(), "--overwrite")),
                Cli.run(tiny("--save", model.toString()))}) {
                refused(r, model + " is in use by another rnn4j run (pid " + pid + "); wait for it to end, or give "
                        + "another --save");
            }
        } finally {
            child.process().destroyForcibly();
            child.process().waitFor(60, TimeUnit.SECONDS);
        }
        // the lock ended with the process, however it ended
        String[] r = Cli.run(tiny("--save", model.toString(), "--overwrite"));
        assertEquals("0", r[0], r[2]);
    }
}
