package org.rnn4j.examples.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.examples.charlm.TextCorpus;
import org.rnn4j.examples.cli.Main;

/**
 * A named pipe, a device or a directory given where a file is read is one line and exit code 2,
 * at once: never a read that blocks forever or never ends.
 */
class InputFileTest {

    @TempDir
    Path dir;

    @Test
    void aNamedPipeIsRefusedByEveryCommandWithoutBlocking() throws Exception {
        Path pipe = dir.resolve("p");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0 && Files.exists(pipe), "mkfifo is needed to make a named pipe");
        String p = pipe.toString();
        cli("rnn4j sample: --model " + p + ": not a regular file (a named pipe); give a model file",
                "sample", "--model", p);
        cli("rnn4j inspect: " + p + ": not a regular file (a named pipe); give a model or checkpoint file",
                "inspect", p);
        cli("rnn4j train: --resume " + p + ": not a regular file (a named pipe); give a checkpoint file",
                "train", "--resume", p);
        cli("rnn4j train: --text " + p + ": not a regular file (a named pipe); give a UTF-8 text file",
                "train", "--text", p, "--steps", "1");
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(pipe)),
                "a checkpoint's text is read through the same check");
        assertEquals("--text " + p + ": not a regular file (a named pipe); give a UTF-8 text file", e.getMessage());
    }

    @Test
    void aDeviceAndADirectoryAreNamedForWhatTheyAre() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "a Unix /dev/zero");
        cli("rnn4j train: --text /dev/zero: not a regular file (a character device); give a UTF-8 text file",
                "train", "--text", "/dev/zero", "--steps", "1");
        cli("rnn4j sample: --model " + dir + ": not a regular file (a directory); give a model file",
                "sample", "--model", dir.toString());
    }

    @Test
    void aTextAboveTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path big = dir.resolve("big.txt");
        try (var f = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            f.write(java.nio.ByteBuffer.wrap(new byte[] {'a'}), TextCorpus.MAX_BYTES); // sparse: one byte too many
        }
        cli(String.format("rnn4j train: --text %s: %,d bytes, more than the %,d bytes (1 GiB) a text may have; "
                + "rnn4j holds the whole text in memory", big, TextCorpus.MAX_BYTES + 1, TextCorpus.MAX_BYTES),
                "train", "--text", big.toString(), "--steps", "1");
    }

    private static void cli(String expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true)));
        assertEquals(expected, err.toString().strip());
        assertEquals(2, code);
    }
}
