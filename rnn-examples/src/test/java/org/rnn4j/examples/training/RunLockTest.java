package org.rnn4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run per model path: a second claim fails, in this JVM (where {@code tryLock} would throw)
 * and in another process, and a refused claim in this JVM does not release the lock it holds (on
 * Linux, closing any channel to a locked file releases the process's lock on it).
 */
class RunLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondClaimInThisJvmIsRefusedAndLeavesTheFirstHeldAgainstOtherProcesses() throws Exception {
        Path model = dir.resolve("m.safetensors");
        try (RunLock first = RunLock.tryTake(model)) {
            assertNotNull(first);
            assertNull(RunLock.tryTake(model), "a second claim in the same JVM");
            assertNull(RunLock.tryTake(dir.resolve("sub/../m.safetensors").normalize()), "the same file by another name");
            assertEquals(Long.toString(ProcessHandle.current().pid()), RunLock.holder(model));
            // another process still finds it locked: the refused claims above released nothing
            Files.writeString(dir.resolve("t.txt"), "abcabcabc\n".repeat(40), StandardCharsets.UTF_8);
            Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.awt.headless=true", "--module-path", System.getProperty("jdk.module.path"), "-m",
                    "org.rnn4j.examples/org.rnn4j.examples.cli.Main", "train", "--text", dir.resolve("t.txt").toString(),
                    "--layers", "1", "--hidden", "4", "--seq", "8", "--batch", "2", "--steps", "2", "--save",
                    model.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("child.txt").toFile()).start();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
            String out = Files.readString(dir.resolve("child.txt"));
            assertEquals(2, child.exitValue(), out);
            assertTrue(out.contains(model + " is in use by another rnn4j run (pid " + ProcessHandle.current().pid()
                    + ")"), out);
        }
        try (RunLock again = RunLock.tryTake(model)) {
            assertNotNull(again, "released by close");
        }
        assertEquals("", Files.readString(RunLock.fileOf(model)), "an unheld lock file names no process");
    }
}
