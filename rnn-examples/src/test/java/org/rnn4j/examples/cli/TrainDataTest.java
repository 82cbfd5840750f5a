package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.tasks.AddingProblem;
import org.rnn4j.examples.tasks.GenerateCsv;
import org.rnn4j.io.csv.CsvWriter;
import org.rnn4j.io.data.SequenceTable;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/**
 * {@code ./rnn4j train --data FILE.csv --task ...}: the embedded benchmarks, written as CSV by
 * the project's own generators, are learned far beyond their baselines; the JSON report has
 * train's keys and the task's; the model file keeps what it needs to read such data again; bad
 * data is one line, exit 2, and nothing written.
 */
class TrainDataTest {

    /** The keys every {@code ./rnn4j train --json} prints, then those of --data. */
    static final List<String> KEYS = List.of("model", "plot", "csv", "steps", "train_loss", "val_loss", "chars_per_s",
            "precision", "task", "test_accuracy", "test_rmse", "test_mae", "naive_rmse");

    @TempDir
    Path dir;

    @Test
    void temporalOrderIsClassifiedFarAboveTheMajorityClass() throws Exception {
        Path csv = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 500, 7, csv);
        Path model = dir.resolve("runs/order.safetensors");
        String[] r = Cli.run("train", "--data", csv.toString(), "--task", "classify", "--id", "id", "--time", "t",
                "--target", "class", "--save", model.toString(), "--json");
        assertEquals("0", r[0], r[2]);
        Map<String, Object> j = TrainCommandTest.json(r[1]);
        assertEquals(KEYS, new ArrayList<>(j.keySet()));
        assertEquals("classify", j.get("task"));
        double accuracy = ((Number) j.get("test_accuracy")).doubleValue();
        assertTrue(accuracy > 0.9, "four classes, about a quarter each: " + r[1]);
        assertNull(j.get("test_rmse"));
        assertNull(j.get("naive_rmse"));
        assertEquals(model.toString(), j.get("model"));
        for (String k : List.of("csv", "steps", "train_loss", "val_loss")) {
            assertTrue(j.get(k) != null, k + " in " + r[1]);
        }
        SavedModel m = ModelFile.load(model, Registry.installed());
        assertEquals("classify", m.data().get("task"));
        assertEquals("4", m.data().get("labels"));
        assertEquals(List.of("Q", "R", "S", "U"), List.of(m.data().get("label.0"), m.data().get("label.1"),
                m.data().get("label.2"), m.data().get("label.3")));
        assertEquals("a", m.data().get("standardize.0.name"));
        assertEquals("8", m.data().get("standardize.count"));
        assertEquals("last_step", m.network().head().kind());
    }

    @Test
    void mackeyGlassIsForecastFarBelowTheNaiveForecast() throws Exception {
        Path csv = dir.resolve("mg.csv");
        GenerateCsv.write("mackey-glass", 800, 3, csv);
        String[] r = Cli.run("train", "--data", csv.toString(), "--task", "forecast", "--target", "x", "--time", "t",
                "--window", "16", "--horizon", "2", "--epochs", "20", "--save", dir.resolve("mg.safetensors")
                        .toString(), "--json");
        assertEquals("0", r[0], r[2]);
        Map<String, Object> j = TrainCommandTest.json(r[1]);
        assertEquals(KEYS, new ArrayList<>(j.keySet()));
        double rmse = ((Number) j.get("test_rmse")).doubleValue();
        double naive = ((Number) j.get("naive_rmse")).doubleValue();
        assertTrue(naive > 0.02, "the series moves: " + r[1]);
        assertTrue(rmse < naive / 3, r[1]);
        assertTrue(((Number) j.get("test_mae")).doubleValue() <= rmse, r[1]);
        assertNull(j.get("test_accuracy"));
        Map<String, String> data = ModelFile.load(dir.resolve("mg.safetensors"), Registry.installed()).data();
        assertEquals("16", data.get("window"));
        assertEquals("2", data.get("horizon"));
    }

    @Test
    void theAddingProblemIsRegressedFarBelowAlwaysAnsweringTheMean() throws Exception {
        Path csv = dir.resolve("adding.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            CsvWriter.sequences(w, AddingProblem.table(1500, 20, 5), "id", null);
        }
        String[] r = Cli.run("train", "--data", csv.toString(), "--task", "regress", "--id", "id", "--target", "sum",
                "--save", dir.resolve("adding.safetensors").toString(), "--json");
        assertEquals("0", r[0], r[2]);
        Map<String, Object> j = TrainCommandTest.json(r[1]);
        assertEquals(KEYS, new ArrayList<>(j.keySet()));
        double rmse = ((Number) j.get("test_rmse")).doubleValue();
        // always answering the mean scores the sum's standard deviation, sqrt(1/6) = 0.41
        assertTrue(rmse < 0.1, r[1]);
        assertNull(j.get("naive_rmse"));
    }

    @Test
    void eachStepIsTaggedWithThePreviousSymbol() throws Exception {
        Path csv = echoCsv(dir.resolve("echo.csv"));
        String[] r = Cli.run("train", "--data", csv.toString(), "--task", "tag", "--id", "id", "--time", "t",
                "--target", "before", "--epochs", "15", "--save", dir.resolve("echo.safetensors").toString(), "--json");
        assertEquals("0", r[0], r[2]);
        Map<String, Object> j = TrainCommandTest.json(r[1]);
        assertEquals(KEYS, new ArrayList<>(j.keySet()));
        assertEquals("tag", j.get("task"));
        assertTrue(((Number) j.get("test_accuracy")).doubleValue() > 0.95, "a third by chance: " + r[1]);
    }

    @Test
    void malformedDataIsOneLineExitTwoAndNothingWritten() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "id,t,a,class\n0,0,1.0,Q\n0,1,x,Q\n1,0,2.0,R\n");
        Path earlier = dir.resolve("m.safetensors");
        Files.writeString(earlier, "an earlier run's model");
        Set<Path> before = Set.copyOf(listing());
        String[] r = Cli.run("train", "--data", csv.toString(), "--task", "classify", "--id", "id", "--time", "t",
                "--target", "class", "--save", earlier.toString(), "--overwrite", "--json");
        assertEquals("2", r[0]);
        assertEquals("", r[1]);
        String err = r[2].strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.contains("bad.csv, line 3, column 'a'"), err);
        assertEquals(before, Set.copyOf(listing()));
        assertArrayEquals("an earlier run's model".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(earlier));

        String[] noTask = Cli.run("train", "--data", csv.toString(), "--id", "id", "--target", "class");
        assertEquals("2", noTask[0]);
        assertTrue(noTask[2].contains("--data needs --task"), noTask[2]);
        String[] mixed = Cli.run("train", "--data", csv.toString(), "--task", "classify", "--id", "id", "--target",
                "class", "--seq", "8");
        assertEquals("2", mixed[0]);
        assertTrue(mixed[2].contains("--seq does not apply to --data"), mixed[2]);
        assertEquals(before, Set.copyOf(listing()));
    }

    /**
     * Writes 400 sequences of 5 to 10 one-hot symbols (a, b, c) whose tag at each step is the
     * symbol one step back ({@code before}; a at the start): a tagger needs one step of memory.
     *
     * @param csv the file to write (columns id, t, a, b, c, before)
     * @return it
     * @throws Exception if it cannot be written
     */
    static Path echoCsv(Path csv) throws Exception {
        SplittableRandom random = new SplittableRandom(8);
        List<String> ids = new ArrayList<>();
        List<double[][]> xs = new ArrayList<>();
        List<int[]> lines = new ArrayList<>();
        List<int[]> tags = new ArrayList<>();
        int line = 2;
        for (int s = 0; s < 400; s++) {
            int length = 5 + random.nextInt(6);
            double[][] x = new double[length][3];
            int[] l = new int[length];
            int[] tag = new int[length];
            int previous = 0;
            for (int t = 0; t < length; t++) {
                int symbol = random.nextInt(3);
                x[t][symbol] = 1;
                tag[t] = previous; // the symbol one step back (0 at the start): needs one step of memory
                previous = symbol;
                l[t] = line++;
            }
            ids.add("s" + s);
            xs.add(x);
            lines.add(l);
            tags.add(tag);
        }
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            CsvWriter.sequences(w, SequenceTable.stepClasses("echo", List.of("a", "b", "c"), "before",
                    List.of("a", "b", "c"), ids, xs, lines, tags), "id", "t");
        }
        return csv;
    }

    private List<Path> listing() throws Exception {
        try (var s = Files.walk(dir)) {
            return s.toList();
        }
    }
}
