package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rnn-examples does not depend on Spark: without rnn-spark on the path (as in this module's
 * tests), {@code --spark} is one line saying how to get it, exit code 2, before any file is claimed.
 */
class TrainSparkMissingTest {

    @TempDir
    Path dir;

    @Test
    void sparkWithoutRnnSparkSaysHowToGetIt() {
        String[] r = Cli.run("train", "--spark", "local[2]", "--steps", "1", "--save", dir.resolve("x.safetensors")
                .toString());
        assertEquals("2", r[0], r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertTrue(r[2].startsWith("rnn4j train: --spark needs the rnn-spark module"), r[2]);
        assertTrue(r[2].contains("./rnn4j train --spark local[2]"), r[2]);
        assertTrue(Files.notExists(dir.resolve("x.safetensors")));
    }

    @Test
    void workersWithoutSparkIsAnError() {
        String[] r = Cli.run("train", "--workers", "2", "--steps", "1", "--save", dir.resolve("x.safetensors")
                .toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].startsWith("rnn4j train: --workers applies to --spark only"), r[2]);
    }
}
