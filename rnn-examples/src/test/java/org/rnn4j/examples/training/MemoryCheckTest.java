package org.rnn4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.cli.Main;
import org.rnn4j.examples.limits.Heap;
import org.rnn4j.examples.limits.RunMemory;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/**
 * A run is measured against the heap before anything large is allocated: one that cannot fit is
 * one line with the figures and exit code 2, and one just under the limit runs to the end in a
 * Java with exactly that heap (a child JVM), so the estimate is an upper bound, not a guess.
 */
class MemoryCheckTest {

    /** The child's heap: small enough for the test to be quick, large enough for the JVM itself. */
    private static final long CHILD_HEAP = 160L << 20;

    @TempDir
    Path dir;

    @Test
    void anAbsurdRunIsRefusedWithTheFigureBeforeAllocating() {
        StringWriter err = new StringWriter();
        Path save = dir.resolve("x.safetensors");
        int code = Main.run(new String[] {"train", "--cell", "elman", "--hidden", "20000", "--steps", "1", "--save",
            save.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        String line = err.toString().strip();
        assertEquals(2, code, line);
        Matcher m = Pattern.compile("rnn4j train: elman 1 x 20000 on 7 characters, strings of \\d+, B 16 "
                + "\\(400,320,007 parameters\\) needs about ([0-9.]+) GB of heap \\(.+\\), more than the .+ this Java has "
                + "for it \\(its maximum heap .+ less .+ for the program\\); raise it with RNN4J_JAVA_OPTS=-Xmx\\d+g if "
                + "the machine has the memory").matcher(line);
        assertTrue(m.matches(), line);
        // values, gradients, Adam's two moments and the three copies saving makes: 7 arrays of 400M
        // values, floats in train's default float32 (4 bytes each; float64 would be 8)
        assertTrue(Double.parseDouble(m.group(1)) * 1e9 >= 7 * Float.BYTES * 400_320_007.0 * 0.99, line);
        assertFalse(Files.exists(save));
    }

    @Test
    void aRunJustUnderTheHeapRunsToTheEndAndJustOverIsRefused() throws Exception {
        Path text = text(dir);
        long available = CHILD_HEAP - Heap.RESERVE;
        long region = Heap.regionBytes() > 0 ? g1Region(CHILD_HEAP) : 0;
        int under = 0;
        for (int h = 64; h <= 4096; h += 16) {
            if (estimate(text, h).bytes(region) <= available) {
                under = h;
            }
        }
        assertTrue(under > 500, "a network of some size fits " + CHILD_HEAP + " bytes: " + under);
        assertTrue(estimate(text, under).bytes(region) > 0.9 * available, "just under: the bound is within 10%");

        Child ok = child(text, under);
        assertEquals(0, ok.code(), ok.output());
        assertTrue(Files.exists(dir.resolve("h" + under + ".safetensors")), ok.output());

        Child over = child(text, under + 16);
        assertEquals(2, over.code(), over.output());
        assertTrue(over.output().contains("rnn4j train: elman 1 x " + (under + 16) + " on 12 characters, T 16, B 4"),
                over.output());
        assertTrue(over.output().contains(String.format("its maximum heap %d MB", Math.round(CHILD_HEAP / 1e6))),
                "the child's heap is the one the test assumed: " + over.output());
    }

    /**
     * A float32 network's layers keep floats, and a text's inputs are symbols: a run dominated by
     * its batches' rows (a small elman layer over long windows) is counted at under three
     * quarters of its float64 figure (the layers' buffers halve; the targets, the loss and its
     * gradient stay doubles), and the longest window that the child's heap is said to hold runs
     * to its end in a Java with exactly that heap, so the smaller figure is still a bound.
     */
    @Test
    void aFloat32TextRunIsCountedAtItsWidthsAndStillFits() throws Exception {
        Path text = longText(dir);
        long available = CHILD_HEAP - Heap.RESERVE;
        long region = Heap.regionBytes() > 0 ? g1Region(CHILD_HEAP) : 0;
        double f32 = rowsEstimate(text, 1024, Precision.FLOAT32).bytes(region);
        double f64 = rowsEstimate(text, 1024, Precision.FLOAT64).bytes(region);
        assertTrue(f32 < 0.75 * f64, "float32 " + f32 + " bytes against float64 " + f64);
        int under = 0;
        for (int seq = 64; seq <= 8192; seq += 64) {
            if (rowsEstimate(text, seq, Precision.FLOAT32).bytes(region) <= available) {
                under = seq;
            }
        }
        assertTrue(under > 1000 && under < 8192, "a window of some length fits " + CHILD_HEAP + " bytes: " + under);
        Child ok = run("train", "--text", text.toString(), "--cell", "elman", "--layers", "1", "--hidden", "64", "--seq",
                Integer.toString(under), "--batch", "32", "--steps", "2", "--precision", "float32", "--save",
                dir.resolve("rows.safetensors").toString());
        assertEquals(0, ok.code(), "seq " + under + ": " + ok.output());
    }

    /** The estimate the child makes for an elman layer of 64 on a long text, B 32, windows of {@code seq}. */
    private static RunMemory rowsEstimate(Path text, int seq, Precision precision) {
        TrainSettings s = new TrainSettings(text.toString(), "elman", 1, 64, null, "adam", Map.of("lr", "2e-3"), seq,
                32, 1, 2, 5, 0, 0.1, 42, 0, TrainSettings.NO_DECAY, TrainSettings.DECAY_AFTER, precision);
        return MemoryCheck.estimate(Registry.installed(), s, new TextTraining(text, s.batch(), s.seq()), null);
    }

    @Test
    void aModelLargerThanTheHeapCanLoadIsRefusedBySampleAndInspect() throws Exception {
        // an Elman layer of 2,300: 5.3M parameters, a 42 MB file (F64); loading needs 3 x 42 MB, the child has 160 MB
        Network net = Network.builder(Registry.installed()).input(12).recurrent("elman", 2300).output(12)
                .loss("softmax_cross_entropy").build();
        Path model = dir.resolve("big.safetensors");
        ModelFile.save(model, new SavedModel(net, "\n abcdefghij"));
        long need = RunMemory.loadingBytes(Files.size(model));
        assertTrue(need > CHILD_HEAP - Heap.RESERVE, "the model is too large for the child: " + need);
        for (String[] command : List.of(new String[] {"sample", "--model", model.toString(), "--length", "10"},
                new String[] {"inspect", model.toString()})) {
            Child c = run(command);
            assertEquals(2, c.code(), c.output());
            assertTrue(c.output().strip().matches("rnn4j (sample|inspect): loading (the model )?" + Pattern.quote(
                    model.toString()) + " needs about \\d+ MB of heap, more than the \\d+ MB this Java has for it "
                    + "\\(its maximum heap 168 MB less 51 MB for the program\\); raise it with RNN4J_JAVA_OPTS=-Xmx1g if "
                    + "the machine has the memory"), c.output());
        }
    }

    /** The estimate the child makes for an Elman layer of h on the test's text. */
    private static RunMemory estimate(Path text, int h) {
        TrainSettings s = settings(text, h);
        return MemoryCheck.estimate(Registry.installed(), s, new TextTraining(text, s.batch(), s.seq()), null);
    }

    private static TrainSettings settings(Path text, int h) {
        return new TrainSettings(text.toString(), "elman", 1, h, null, "adam", Map.of("lr", "2e-3"), 16, 4, 1, 3, 5, 0,
                0.1, 42, 2, TrainSettings.NO_DECAY, TrainSettings.DECAY_AFTER);
    }

    private Child child(Path text, int h) throws Exception {
        return run("train", "--text", text.toString(), "--cell", "elman", "--layers", "1", "--hidden",
                Integer.toString(h), "--seq", "16", "--batch", "4", "--steps", "3", "--every", "2", "--save",
                dir.resolve("h" + h + ".safetensors").toString());
    }

    /** The exit code and the output of the command line in a JVM with {@link #CHILD_HEAP} and G1. */
    private record Child(int code, String output) {
    }

    private static Child run(String... args) throws Exception {
        List<String> cp = new ArrayList<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(property);
            if (v != null && !v.isEmpty()) {
                cp.add(v);
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + (CHILD_HEAP >> 20) + "m", "-XX:+UseG1GC", "-Djava.awt.headless=true", "-cp",
                String.join(File.pathSeparator, cp), Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS));
            return new Child(p.exitValue(), out);
        } finally {
            p.destroyForcibly();
        }
    }

    private static long g1Region(long heap) {
        return Math.min(32L << 20, Math.max(1L << 20, Long.highestOneBit(heap / 2048)));
    }

    private static Path longText(Path dir) throws IOException {
        return text(dir, "long.txt", 2, 400_000);
    }

    private static Path text(Path dir) throws IOException {
        return text(dir, "t.txt", 1, 20_000);
    }

    /** {@code length} characters drawn from 12 with {@code seed}. */
    private static Path text(Path dir, String name, long seed, int length) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder s = new StringBuilder();
        String symbols = "abcdefghij \n";
        for (int i = 0; i < length; i++) {
            s.append(symbols.charAt(r.nextInt(symbols.length())));
        }
        Path f = dir.resolve(name);
        Files.writeString(f, s);
        return f;
    }
}
