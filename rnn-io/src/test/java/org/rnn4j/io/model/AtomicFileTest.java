package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save that dies half-way never destroys the previous file, in-process or killed. */
class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void aWriterThatThrowsMidwayLeavesTheOldFileWholeAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, SavedModel.of(Nets.uniform(1)));
        byte[] before = Files.readAllBytes(file);
        SavedModel other = SavedModel.of(Nets.uniform(2));
        for (long cut : new long[] {0, 7, 100, before.length / 2, before.length - 1}) {
            assertThrows(InterruptedWriter.SimulatedCrash.class, () -> AtomicFile.write(file,
                    out -> ModelFile.write(InterruptedWriter.throwing(out, cut), other)), "cut at " + cut);
            assertArrayEquals(before, Files.readAllBytes(file), "the old file changed (cut at " + cut + ")");
            assertEquals(List.of(file), list(dir), "cut at " + cut);
        }
        ModelFileTest.assertSameNetwork(Nets.uniform(1), ModelFile.load(file, Nets.REGISTRY).network());
    }

    @Test
    void theInterruptionReallyCutsTheWrite() throws Exception {
        Path file = dir.resolve("plain.bin");
        long full = ModelFile.toBytes(SavedModel.of(Nets.uniform(2))).length;
        List<Long> written = new ArrayList<>();
        assertThrows(InterruptedWriter.SimulatedCrash.class, () -> AtomicFile.write(file, out -> {
            InterruptedWriter w = InterruptedWriter.throwing(out, full / 2);
            try {
                ModelFile.write(w, SavedModel.of(Nets.uniform(2)));
            } finally {
                try (Stream<Path> s = Files.list(dir)) {
                    written.add(s.count());
                }
            }
        }));
        assertEquals(List.of(1L), written, "a temporary file exists while writing");
        assertEquals(List.of(), list(dir), "nothing is left when there was no file before");
    }

    @Test
    void aWriterKilledMidwayLeavesTheOldFileWholeAndTheNextSaveCleansUp() throws Exception {
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, SavedModel.of(Nets.uniform(1)));
        byte[] before = Files.readAllBytes(file);
        long half = ModelFile.toBytes(SavedModel.of(Nets.large(99))).length / 2;
        assertTrue(half > 1 << 16, "half the file must outgrow the 64 kB write buffer, so part of it is on disk");
        Process child = new ProcessBuilder(javaCommand(file, half)).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            for (String line; (line = r.readLine()) != null && !line.equals("HALFWAY");) {
                seen.add(line);
            }
            assertTrue(child.isAlive(), "the child ended before reaching half-way: " + seen);
            List<Path> during = list(dir);
            assertEquals(2, during.size(), "the model and the child's temporary file: " + during);
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertArrayEquals(before, Files.readAllBytes(file), "the killed writer damaged the old file");
        ModelFileTest.assertSameNetwork(Nets.uniform(1), ModelFile.load(file, Nets.REGISTRY).network());
        List<Path> left = list(dir);
        assertEquals(2, left.size(), "a killed process cannot remove its temporary file: " + left);
        Path stale = left.stream().filter(p -> !p.equals(file)).findFirst().orElseThrow();
        assertTrue(stale.getFileName().toString().matches("\\.model\\.safetensors\\.[0-9a-f]{16}\\.rnn4j-tmp"),
                stale.toString());
        assertTrue(Files.size(stale) >= 1 << 16, "the child had written part of the new file: " + Files.size(stale));

        ModelFile.save(file, SavedModel.of(Nets.uniform(3)));
        assertEquals(List.of(file), list(dir), "the next save removes what the killed one left");
    }

    @Test
    void aMissingDirectoryOrADirectoryTargetIsAClearError() {
        Path nowhere = dir.resolve("no/such/dir/model.safetensors");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ModelFile.save(nowhere, SavedModel.of(Nets.uniform(1))));
        assertTrue(e.getMessage().contains("its directory does not exist"), e.getMessage());
        IOException d = assertThrows(IOException.class, () -> ModelFile.save(dir, SavedModel.of(Nets.uniform(1))));
        assertTrue(d.getMessage().endsWith("it is a directory"), d.getMessage());
    }

    /** The child JVM: the test and main classes and every jar of this JVM, all on the class path. */
    private static List<String> javaCommand(Path target, long cut) {
        List<String> cp = new ArrayList<>();
        cp.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(property);
            if (v != null && !v.isEmpty()) {
                cp.add(v);
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(), "-cp", String.join(File.pathSeparator, cp),
                InterruptedWriter.class.getName(), target.toString(), Long.toString(cut));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
