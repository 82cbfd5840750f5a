package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17, item 1: a header that declares a tensor with a zero dimension made the loader build
 * a network the file does not back. Every declared shape is now checked against the architecture
 * before anything is built: each crafted file is rejected in one line, and the load allocates no
 * more than a small multiple of the file's size (measured by the thread's allocation counter, not
 * by time).
 */
class HollowFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"F64", "F32"})
    void aTensorDeclaredEmptyIsRejectedBeforeTheNetworkIsBuilt(String dtype) {
        for (String cell : List.of("elman", "lstm", "gru")) {
            for (boolean bidirectional : List.of(false, true)) {
                for (String hollow : HollowFiles.tensors(bidirectional)) {
                    String what = dtype + " " + cell + (bidirectional ? " bidirectional" : "") + ", " + hollow
                            + " empty";
                    byte[] file = HollowFiles.oneLayer(cell, bidirectional, 3, 1000, hollow, false, dtype);
                    assertRejectedWithin(file, what, "(values[^,]*, but the file holds |tensor '" + hollow
                            + "' has shape \\[0[],])");
                    byte[] padded = HollowFiles.oneLayer(cell, bidirectional, 3, 100, hollow, true, dtype);
                    assertRejectedWithin(padded, what + " (bytes made up elsewhere)", "tensor '" + hollow
                            + "' has shape \\[0[],]");
                }
            }
        }
    }

    /** Rejected in one line matching {@code expected} (a regular expression), within the allocation budget. */
    private static void assertRejectedWithin(byte[] file, String what, String expected) {
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(file, Nets.REGISTRY), what);
        BrokenFilesTest.assertOneLine(e.getMessage(), "<bytes>: ", "");
        assertTrue(Pattern.compile(expected).matcher(e.getMessage()).find(), what + ": " + e.getMessage());
        Allocation.requireWithinBudget(file.length, what, () -> assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(file, Nets.REGISTRY)));
    }

    @Test
    void theReportedFilesAreRejectedInOneLineUnderA64MegabyteHeap() throws Exception {
        for (int hidden : new int[] {40_000, 16_000}) {
            Path file = dir.resolve("hollow-" + hidden + ".safetensors");
            Files.write(file, HollowFiles.oneLayer("elman", false, 1, hidden, "rnn.weight_hh_l0", false));
            for (String task : List.of("model", "checkpoint")) {
                List<String> out = loadInChild(file, task, dir.resolve("stderr.txt"));
                assertEquals(List.of("REJECTED " + file + ": recurrent layer 0 (elman, 1 -> " + hidden + ") needs "
                        + ((long) hidden * hidden + 3L * hidden) + " values, but the file holds " + (4L * hidden + 1)
                        + " values in all"), out, "hidden " + hidden + " as a " + task);
            }
        }
    }

    /** Loads the file in a JVM of 64 MB heap; its output lines (and "EXIT n" and its stderr unless it ends well). */
    private static List<String> loadInChild(Path file, String task, Path stderr) throws IOException,
            InterruptedException {
        List<String> cp = new ArrayList<>();
        cp.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(property);
            if (v != null && !v.isEmpty()) {
                cp.add(v);
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", String.join(File.pathSeparator, cp),
                LoadInChild.class.getName(), task, file.toString()).redirectError(stderr.toFile()).start();
        try {
            List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .toList();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM did not end");
            List<String> out = new ArrayList<>(lines);
            if (child.exitValue() != 0) {
                out.add("EXIT " + child.exitValue());
                out.addAll(Files.readAllLines(stderr).stream().limit(4).toList());
            }
            return out;
        } finally {
            child.destroyForcibly();
        }
    }
}
