package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Parameter;
import org.rnn4j.examples.cli.Main;
import org.rnn4j.io.model.ModelFile;

/**
 * {@code ./rnn4j train --spark local[2]} in-process, against the same command without
 * {@code --spark}: the same model (every parameter within 1e-9, {@link SparkTrainer}'s tolerance:
 * plain SGD, as there; in float64, the precision that tolerance is for: a float32 network rounds
 * each update to float32, where the shards' order of summation could tip a value by one float32
 * unit, about 1e-8), the same {@code --json} keys, the same files; a resume on Spark continues
 * the run; with {@code --dropout} the same model too (the workers draw the masks one process
 * draws); bad {@code --spark} and {@code --workers} values are one-line errors with exit code 2.
 */
class SparkCliTest {

    private static final double TOLERANCE = 1e-9;

    @TempDir
    Path dir;

    @Test
    void sparkRunEqualsTheLocalRunWithTheSameKeysAndFiles() throws IOException {
        Path text = text();
        String[] local = train(text, "local", "--steps", "6");
        String[] spark = train(text, "spark", "--steps", "6", "--spark", "local[2]", "--workers", "3");
        assertEquals("0", local[0], local[2]);
        assertEquals("0", spark[0], spark[2]);
        assertTrue(spark[1].contains("gradients on Spark local[2], 3 workers per step"), spark[1]);
        Map<String, Object> a = json(local[1]);
        Map<String, Object> b = json(spark[1]);
        assertEquals(new TreeSet<>(a.keySet()), new TreeSet<>(b.keySet()));
        assertEquals(a.get("steps"), b.get("steps"));
        assertEquals((Double) a.get("train_loss"), (Double) b.get("train_loss"), TOLERANCE);
        assertEquals((Double) a.get("val_loss"), (Double) b.get("val_loss"), TOLERANCE);
        for (String suffix : List.of(".safetensors", ".ckpt.safetensors", ".csv", ".png")) {
            assertEquals(Files.isRegularFile(dir.resolve("local" + suffix)), Files.isRegularFile(dir.resolve("spark"
                    + suffix)), suffix);
        }
        assertTrue(Files.isRegularFile(dir.resolve("spark.ckpt.safetensors")));
        assertSameParameters(dir.resolve("local.safetensors"), dir.resolve("spark.safetensors"));
    }

    @Test
    void aResumeOnSparkContinuesTheRun() throws IOException {
        Path text = text();
        String[] whole = train(text, "whole", "--steps", "8");
        String[] first = train(text, "half", "--steps", "4", "--spark", "local[2]");
        assertEquals("0", whole[0], whole[2]);
        assertEquals("0", first[0], first[2]);
        String[] rest = Cli.run("train", "--resume", dir.resolve("half.ckpt.safetensors").toString(), "--text",
                text.toString(), "--steps", "8", "--spark", "local[2]", "--json");
        assertEquals("0", rest[0], rest[2]);
        assertEquals(8L, ((Number) json(rest[1]).get("steps")).longValue());
        assertSameParameters(dir.resolve("whole.safetensors"), dir.resolve("half.safetensors"));
    }

    @Test
    void badMastersAndWorkerCountsAreOneLineErrors() throws IOException {
        Path text = text();
        for (String[] bad : List.of(new String[] {"--spark", "lokal[2]"}, new String[] {"--spark", "spark://host"},
                new String[] {"--spark", "local[2]", "--workers", "0"}, new String[] {"--workers", "2"})) {
            String[] r = train(text, "bad", bad);
            assertEquals("2", r[0], String.join(" ", bad) + ": " + r[2]);
            assertEquals(1, r[2].strip().lines().count(), r[2]);
            assertTrue(r[2].startsWith("rnn4j train: --"), r[2]);
            assertTrue(Files.notExists(dir.resolve("bad.safetensors")));
        }
    }

    @Test
    void aDropoutRunOnSparkEqualsTheLocalOne() throws IOException {
        Path text = text();
        String[] local = train(text, "local", "--steps", "6", "--dropout", "0.3");
        String[] spark = train(text, "spark", "--steps", "6", "--dropout", "0.3", "--spark", "local[2]");
        String[] plain = train(text, "plain", "--steps", "6");
        assertEquals("0", local[0], local[2]);
        assertEquals("0", spark[0], spark[2]);
        assertEquals("0", plain[0], plain[2]);
        assertTrue(spark[1].contains("gradients on Spark local[2], 2 workers per step"), spark[1]);
        assertEquals((Double) json(local[1]).get("train_loss"), (Double) json(spark[1]).get("train_loss"), TOLERANCE);
        assertSameParameters(dir.resolve("local.safetensors"), dir.resolve("spark.safetensors"));
        assertTrue(largestDifference(dir.resolve("local.safetensors"), dir.resolve("plain.safetensors")) > 1e-3,
                "the dropout masks mattered");
    }

    private String[] train(Path text, String name, String... more) {
        String[] base = {"train", "--text", text.toString(), "--cell", "lstm", "--layers", "2", "--hidden", "6",
            "--seq", "8", "--batch", "5", "--optimizer", "sgd", "--lr", "0.3", "--seed", "3", "--precision", "float64",
            "--save",
            dir.resolve(name + ".safetensors").toString(), "--json"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Cli.run(all);
    }

    private Path text() throws IOException {
        StringBuilder b = new StringBuilder();
        int[] symbols = Fixtures.text(700, 7, 5);
        for (int s : symbols) {
            b.append("abcdefg\n".charAt(s));
        }
        Path file = dir.resolve("tiny.txt");
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static void assertSameParameters(Path expected, Path actual) throws IOException {
        double worst = largestDifference(expected, actual);
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
    }

    private static double largestDifference(Path expected, Path actual) throws IOException {
        List<Parameter> a = ModelFile.load(expected, Fixtures.REGISTRY).network().parameters();
        List<Parameter> b = ModelFile.load(actual, Fixtures.REGISTRY).network().parameters();
        assertEquals(a.size(), b.size());
        double worst = 0;
        for (int p = 0; p < a.size(); p++) {
            for (int i = 0; i < a.get(p).value().length; i++) {
                worst = Math.max(worst, Math.abs(a.get(p).value()[i] - b.get(p).value()[i]));
            }
        }
        return worst;
    }

    private static Map<String, Object> json(String out) throws IOException {
        String last = out.strip().lines().reduce((x, y) -> y).orElseThrow();
        return JSON.std.mapFrom(last);
    }

    /** The command line in-process. */
    private static final class Cli {
        static String[] run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new String[] {Integer.toString(code), out.toString(), err.toString()};
        }
    }
}
