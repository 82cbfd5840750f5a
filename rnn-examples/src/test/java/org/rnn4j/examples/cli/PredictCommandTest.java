package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.tasks.GenerateCsv;
import org.rnn4j.io.data.Standardizer;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/**
 * {@code ./rnn4j predict}: predictions for files without the target column, equal to what the
 * model gives in memory, and the files it refuses.
 */
class PredictCommandTest {

    @TempDir
    static Path dir;

    static Path classifier;
    static Path forecaster;
    static Path order;

    @BeforeAll
    static void models() throws Exception {
        order = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 200, 1, order);
        classifier = dir.resolve("order.safetensors");
        String[] r = Cli.run("train", "--data", order.toString(), "--task", "classify", "--id", "id", "--time", "t",
                "--target", "class", "--epochs", "3", "--save", classifier.toString());
        assertEquals("0", r[0], r[2]);
        GenerateCsv.write("mackey-glass", 300, 1, dir.resolve("mg.csv"));
        forecaster = dir.resolve("mg.safetensors");
        r = Cli.run("train", "--data", dir.resolve("mg.csv").toString(), "--task", "forecast", "--target", "x",
                "--time", "t", "--window", "8", "--horizon", "2", "--epochs", "2", "--save", forecaster.toString());
        assertEquals("0", r[0], r[2]);
    }

    /** The file without its last column (the target's, as GenerateCsv writes it). */
    static Path withoutLastColumn(Path from, String name) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(from)) {
            lines.add(l.substring(0, l.lastIndexOf(',')));
        }
        Path to = dir.resolve(name);
        Files.write(to, lines);
        return to;
    }

    static List<String[]> csv(String text) {
        List<String[]> rows = new ArrayList<>();
        for (String l : text.strip().split("\n")) {
            rows.add(l.split(",", -1));
        }
        return rows;
    }

    /** The network's outputs for one sequence alone, computed here from the model file. */
    static double[][] inMemory(SavedModel m, double[][] raw) {
        Network net = m.network();
        net.setTraining(false);
        double[][] x = new double[raw.length][];
        for (int t = 0; t < x.length; t++) {
            x[t] = raw[t].clone();
        }
        Standardizer.fromMap(m.data()).apply(x);
        double[] flat = new double[x.length * x[0].length];
        for (int t = 0; t < x.length; t++) {
            System.arraycopy(x[t], 0, flat, t * x[0].length, x[0].length);
        }
        Sequence y = net.forward(Sequence.wrap(x.length, 1, x[0].length, flat), null);
        double[][] r = new double[y.steps()][y.features()];
        for (int t = 0; t < r.length; t++) {
            for (int f = 0; f < r[t].length; f++) {
                r[t][f] = y.get(t, 0, f);
            }
        }
        return r;
    }

    @Test
    void classPredictionsWithoutTheTargetColumnAreTheModelsOwn() throws Exception {
        Path noTarget = withoutLastColumn(order, "order-no-target.csv");
        assertFalse(Files.readAllLines(noTarget).get(0).contains("class"));
        String[] r = Cli.run("predict", "--model", classifier.toString(), "--data", noTarget.toString());
        assertEquals("0", r[0], r[2]);
        List<String[]> rows = csv(r[1]);
        assertEquals(List.of("id", "class", "p_Q", "p_R", "p_S", "p_U"), Arrays.asList(rows.get(0)));
        assertEquals(201, rows.size(), "a header and one row per sequence");
        SavedModel m = ModelFile.load(classifier, Registry.installed());
        List<String> features = Standardizer.fromMap(m.data()).names();
        List<String> file = Files.readAllLines(order);
        List<String> header = Arrays.asList(file.get(0).split(","));
        int right = 0;
        for (int i = 1; i < rows.size(); i++) {
            String[] row = rows.get(i);
            List<double[]> steps = new ArrayList<>();
            String label = null;
            for (String line : file.subList(1, file.size())) {
                String[] cells = line.split(",");
                if (cells[header.indexOf("id")].equals(row[0])) {
                    double[] s = new double[features.size()];
                    for (int f = 0; f < s.length; f++) {
                        s[f] = Double.parseDouble(cells[header.indexOf(features.get(f))]);
                    }
                    steps.add(s);
                    label = cells[header.indexOf("class")];
                }
            }
            double[] logits = inMemory(m, steps.toArray(double[][]::new))[0];
            double sum = 0;
            double z = 0;
            int best = 0;
            for (int c = 0; c < logits.length; c++) {
                z += Math.exp(logits[c]);
                best = logits[c] > logits[best] ? c : best;
            }
            for (int c = 0; c < logits.length; c++) {
                double p = Double.parseDouble(row[2 + c]);
                assertEquals(Math.exp(logits[c]) / z, p, 1e-12, "p of class " + c + " of " + row[0]);
                sum += p;
            }
            assertEquals(1.0, sum, 1e-12, "probabilities of " + row[0]);
            assertEquals(m.data().get("label." + best), row[1], "class of " + row[0]);
            right += row[1].equals(label) ? 1 : 0;
        }
        String[] e = Cli.run("evaluate", "--model", classifier.toString(), "--data", order.toString(), "--json");
        Map<String, Object> j = TrainCommandTest.json(e[1]);
        assertEquals(((Number) j.get("accuracy")).doubleValue(), right / 200.0, 1e-12, "evaluate agrees");
    }

    @Test
    void forecastsAreOneRowPerWindowInTheFilesUnits() throws Exception {
        Path mg = dir.resolve("mg.csv");
        String[] r = Cli.run("predict", "--model", forecaster.toString(), "--data", mg.toString());
        assertEquals("0", r[0], r[2]);
        List<String[]> rows = csv(r[1]);
        assertEquals(List.of("t", "h1", "h2"), Arrays.asList(rows.get(0)));
        assertEquals(1 + 300 - 8 + 1, rows.size(), "every window of 8 steps, the last ones included");
        SavedModel m = ModelFile.load(forecaster, Registry.installed());
        Standardizer z = Standardizer.fromMap(m.data());
        List<String> file = Files.readAllLines(mg);
        List<String> header = Arrays.asList(file.get(0).split(","));
        String[] last = rows.get(rows.size() - 1);
        assertEquals(file.get(file.size() - 1).split(",")[header.indexOf("t")], last[0], "the window's last time");
        double[][] window = new double[8][z.names().size()];
        for (int t = 0; t < 8; t++) {
            String[] cells = file.get(file.size() - 8 + t).split(",");
            for (int f = 0; f < z.names().size(); f++) {
                window[t][f] = Double.parseDouble(cells[header.indexOf(z.names().get(f))]);
            }
        }
        double[] y = inMemory(m, window)[0];
        for (int h = 0; h < 2; h++) {
            assertEquals(y[h] * z.scale(0) + z.mean(0), Double.parseDouble(last[1 + h]), 0.0, "h" + (h + 1));
        }
    }

    @Test
    void aMissingFeatureColumnIsOneLineNamingItAndExitTwo() throws Exception {
        List<String> lines = Files.readAllLines(order);
        String[] header = lines.get(0).split(",");
        String dropped = header[2];
        List<String> cut = new ArrayList<>();
        for (String l : lines) {
            List<String> cells = new ArrayList<>(Arrays.asList(l.split(",", -1)));
            cells.remove(2);
            cut.add(String.join(",", cells));
        }
        Path missing = dir.resolve("order-missing.csv");
        Files.write(missing, cut);
        String[] r = Cli.run("predict", "--model", classifier.toString(), "--data", missing.toString());
        assertEquals("2", r[0], r[1] + r[2]);
        String err = r[2].strip();
        assertFalse(err.contains("\n") || err.contains("Exception"), err);
        assertTrue(err.contains("'" + dropped + "'") && err.contains(missing.toString()), err);
        assertEquals("", r[1], "nothing written");
    }

    @Test
    void outOverTheInputOrTheModelIsRefusedAndBothAreKept() throws Exception {
        Path copy = dir.resolve("order-copy.csv");
        Files.copy(order, copy);
        byte[] data = Files.readAllBytes(copy);
        byte[] model = Files.readAllBytes(classifier);
        for (Path over : List.of(copy, dir.resolve("x").resolve("..").resolve("order-copy.csv"), classifier)) {
            String[] r = Cli.run("predict", "--model", classifier.toString(), "--data", copy.toString(), "--out",
                    over.toString());
            assertEquals("2", r[0], r[1] + r[2]);
            assertTrue(r[2].contains("give another file name"), r[2]);
        }
        assertTrue(Arrays.equals(data, Files.readAllBytes(copy)), "the data kept");
        assertTrue(Arrays.equals(model, Files.readAllBytes(classifier)), "the model kept");
        Path out = dir.resolve("predictions.csv");
        String[] r = Cli.run("predict", "--model", classifier.toString(), "--data", copy.toString(), "--out",
                out.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals(201, Files.readAllLines(out).size());
        assertEquals("", r[1]);
    }

    /** Sequences of 3 to 5 steps with features a, b; y the sum of a, lab the sign of a at each step. */
    static Path generated(String name) throws Exception {
        StringBuilder b = new StringBuilder("id,t,a,b,y,lab\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < 40; i++) {
            int steps = 3 + r.nextInt(3);
            double sum = 0;
            StringBuilder rows = new StringBuilder();
            for (int t = 0; t < steps; t++) {
                double a = r.nextDouble(-1, 1);
                sum += a;
                rows.append("s").append(i).append(',').append(10 * t).append(',').append(a).append(',')
                        .append(r.nextDouble()).append(",Y,").append(a > 0 ? "pos" : "neg").append('\n');
            }
            b.append(rows.toString().replace("Y", Double.toString(sum)));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, b.toString());
        return file;
    }

    @Test
    void regressionValuesAndPerStepTagsAreTheModelsOwn() throws Exception {
        Path data = generated("gen.csv");
        Path regressor = dir.resolve("sum.safetensors");
        String[] r = Cli.run("train", "--data", data.toString(), "--task", "regress", "--id", "id", "--time", "t",
                "--target", "y", "--features", "a,b", "--epochs", "2", "--save", regressor.toString());
        assertEquals("0", r[0], r[2]);
        Path tagger = dir.resolve("sign.safetensors");
        r = Cli.run("train", "--data", data.toString(), "--task", "tag", "--id", "id", "--time", "t", "--target", "lab",
                "--features", "a,b", "--epochs", "2", "--save", tagger.toString());
        assertEquals("0", r[0], r[2]);
        List<String> file = Files.readAllLines(data);
        List<String> noTargets = new ArrayList<>();
        for (String l : file) {
            String[] c = l.split(",");
            noTargets.add(String.join(",", c[0], c[1], c[2], c[3]));
        }
        Path input = dir.resolve("gen-inputs.csv");
        Files.write(input, noTargets);

        r = Cli.run("predict", "--model", regressor.toString(), "--data", input.toString());
        assertEquals("0", r[0], r[2]);
        List<String[]> values = csv(r[1]);
        assertEquals(List.of("id", "y"), Arrays.asList(values.get(0)));
        assertEquals(41, values.size());
        SavedModel m = ModelFile.load(regressor, Registry.installed());
        double std = Double.parseDouble(m.data().get("target.std"));
        double mean = Double.parseDouble(m.data().get("target.mean"));
        r = Cli.run("predict", "--model", tagger.toString(), "--data", input.toString());
        assertEquals("0", r[0], r[2]);
        List<String[]> tags = csv(r[1]);
        assertEquals(List.of("id", "t", "lab", "p_neg", "p_pos"), Arrays.asList(tags.get(0)));
        assertEquals(file.size(), tags.size(), "a header and one row per step");
        SavedModel tm = ModelFile.load(tagger, Registry.installed());
        int row = 1;
        for (int i = 0; i < 40; i++) {
            List<double[]> steps = new ArrayList<>();
            List<String> times = new ArrayList<>();
            for (String l : file.subList(1, file.size())) {
                String[] c = l.split(",");
                if (c[0].equals("s" + i)) {
                    steps.add(new double[] {Double.parseDouble(c[2]), Double.parseDouble(c[3])});
                    times.add(c[1]);
                }
            }
            double[][] x = steps.toArray(double[][]::new);
            assertEquals("s" + i, values.get(1 + i)[0]);
            assertEquals(inMemory(m, x)[0][0] * std + mean, Double.parseDouble(values.get(1 + i)[1]), 0.0,
                    "the value of s" + i + " in the file's units");
            double[][] y = inMemory(tm, x);
            assertEquals(x.length, y.length);
            for (int t = 0; t < y.length; t++, row++) {
                String[] got = tags.get(row);
                assertEquals(List.of("s" + i, times.get(t)), List.of(got[0], got[1]));
                assertEquals(y[t][0] > y[t][1] ? "neg" : "pos", got[2], "the class of step " + t + " of s" + i);
                double p0 = Double.parseDouble(got[3]);
                double p1 = Double.parseDouble(got[4]);
                assertEquals(1.0, p0 + p1, 1e-12);
                assertEquals(1 / (1 + Math.exp(y[t][1] - y[t][0])), p0, 1e-12);
            }
        }
    }
}
