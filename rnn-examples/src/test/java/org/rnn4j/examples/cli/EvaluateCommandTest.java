package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.tasks.GenerateCsv;
import org.rnn4j.examples.training.EvaluationPlots;
import org.rnn4j.examples.training.TaskData;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/** {@code ./rnn4j evaluate}: the figures of a --data model on a new file, and files that do not fit it. */
class EvaluateCommandTest {

    @TempDir
    static Path dir;

    static Path classifier;
    static Path forecaster;

    @BeforeAll
    static void models() throws Exception {
        GenerateCsv.write("temporal-order", 300, 1, dir.resolve("order.csv"));
        classifier = dir.resolve("order.safetensors");
        String[] r = Cli.run("train", "--data", dir.resolve("order.csv").toString(), "--task", "classify", "--id",
                "id", "--time", "t", "--target", "class", "--epochs", "10", "--save", classifier.toString());
        assertEquals("0", r[0], r[2]);
        GenerateCsv.write("mackey-glass", 600, 1, dir.resolve("mg.csv"));
        forecaster = dir.resolve("mg.safetensors");
        r = Cli.run("train", "--data", dir.resolve("mg.csv").toString(), "--task", "forecast", "--target", "x",
                "--time", "t", "--window", "16", "--horizon", "1", "--epochs", "10", "--save", forecaster.toString());
        assertEquals("0", r[0], r[2]);
    }

    @Test
    void aClassifierIsScoredPerClassOnNewSequences() throws Exception {
        Path fresh = dir.resolve("order-new.csv");
        GenerateCsv.write("temporal-order", 200, 2, fresh);
        String[] r = Cli.run("evaluate", "--model", classifier.toString(), "--data", fresh.toString(), "--json");
        assertEquals("0", r[0], r[2]);
        Map<String, Object> j = TrainCommandTest.json(r[1]);
        assertEquals(List.of("task", "count", "accuracy", "classes", "precision", "recall", "f1", "confusion", "rmse",
                "mae", "r2", "naive_rmse", "plot"), new ArrayList<>(j.keySet()));
        assertEquals(dir.resolve("order.confusion.png").toString(), j.get("plot"), "beside the model by default");
        BufferedImage png = ImageIO.read(dir.resolve("order.confusion.png").toFile());
        assertTrue(png != null && png.getWidth() >= 400, "a PNG image");
        assertTrue(r[1].contains("picture: " + dir.resolve("order.confusion.png")), r[1]);
        assertEquals(200, ((Number) j.get("count")).intValue());
        assertEquals(List.of("Q", "R", "S", "U"), j.get("classes"));
        @SuppressWarnings("unchecked")
        List<List<Number>> confusion = (List<List<Number>>) j.get("confusion");
        int diagonal = 0;
        int total = 0;
        for (int a = 0; a < 4; a++) {
            for (int p = 0; p < 4; p++) {
                total += confusion.get(a).get(p).intValue();
                diagonal += a == p ? confusion.get(a).get(p).intValue() : 0;
            }
        }
        assertEquals(200, total);
        assertEquals(diagonal / 200.0, ((Number) j.get("accuracy")).doubleValue(), 1e-12);
        assertTrue(diagonal > 150, "learned far above a quarter: " + r[1]);
        assertNull(j.get("rmse"));
    }

    @Test
    void precisionRecallAndF1AreThoseOfTheConfusionMatrix() {
        int[][] c = {{5, 1, 0}, {2, 3, 0}, {0, 0, 0}}; // rows actual, columns predicted
        assertEquals(5 / 7.0, EvaluateCommand.precision(c, 0), 1e-15);
        assertEquals(5 / 6.0, EvaluateCommand.recall(c, 0), 1e-15);
        assertEquals(2 * (5 / 7.0) * (5 / 6.0) / (5 / 7.0 + 5 / 6.0), EvaluateCommand.f1(c, 0), 1e-15);
        assertEquals(3 / 4.0, EvaluateCommand.precision(c, 1), 1e-15);
        assertEquals(3 / 5.0, EvaluateCommand.recall(c, 1), 1e-15);
        assertTrue(Double.isNaN(EvaluateCommand.precision(c, 2)), "never predicted: undefined");
        assertTrue(Double.isNaN(EvaluateCommand.recall(c, 2)), "never seen: undefined");
    }

    @Test
    void aForecasterIsComparedWithTheNaiveForecast() throws Exception {
        Path fresh = dir.resolve("mg-new.csv");
        GenerateCsv.write("mackey-glass", 300, 5, fresh);
        String[] r = Cli.run("evaluate", "--model", forecaster.toString(), "--data", fresh.toString(), "--json");
        assertEquals("0", r[0], r[2]);
        Map<String, Object> j = TrainCommandTest.json(r[1]);
        assertEquals(300 - 16 - 1 + 1, ((Number) j.get("count")).intValue(), "every window of the file");
        double rmse = ((Number) j.get("rmse")).doubleValue();
        assertTrue(rmse < ((Number) j.get("naive_rmse")).doubleValue(), r[1]);
        assertTrue(((Number) j.get("r2")).doubleValue() > 0.9, r[1]);
        assertNull(j.get("accuracy"));
        assertNull(j.get("confusion"));
        assertEquals(dir.resolve("mg.predicted.png").toString(), j.get("plot"));
        assertTrue(ImageIO.read(dir.resolve("mg.predicted.png").toFile()) != null, "a PNG image");
    }

    @Test
    void thePlottedPairsAreThoseTheFiguresAreOf() throws Exception {
        Path fresh = dir.resolve("mg-pairs.csv");
        GenerateCsv.write("mackey-glass", 200, 6, fresh);
        SavedModel m = ModelFile.load(forecaster, Registry.installed());
        TaskData.TestPart test = TaskData.readWhole(fresh, m.data());
        List<double[]> pairs = EvaluationPlots.pairs(m.network(), test);
        assertEquals(200 - 16 - 1 + 1, pairs.size(), "one per window and horizon step");
        double sq = 0;
        for (double[] p : pairs) {
            sq += (p[1] - p[0]) * (p[1] - p[0]);
        }
        Path png = dir.resolve("pairs.png");
        String[] r = Cli.run("evaluate", "--model", forecaster.toString(), "--data", fresh.toString(), "--plot",
                png.toString(), "--json");
        assertEquals("0", r[0], r[2]);
        Map<String, Object> j = TrainCommandTest.json(r[1]);
        assertEquals(((Number) j.get("rmse")).doubleValue(), Math.sqrt(sq / pairs.size()), 1e-12);
        assertEquals(png.toString(), j.get("plot"));
        assertTrue(ImageIO.read(png.toFile()) != null);
        byte[] model = Files.readAllBytes(forecaster);
        for (Path over : List.of(forecaster, fresh)) {
            String[] refused = Cli.run("evaluate", "--model", forecaster.toString(), "--data", fresh.toString(),
                    "--plot", over.toString());
            assertEquals("2", refused[0], refused[1] + refused[2]);
            assertTrue(refused[2].contains("--plot would write the picture over"), refused[2]);
        }
        assertTrue(Arrays.equals(model, Files.readAllBytes(forecaster)), "the model kept");
    }

    @Test
    void aFileThatDoesNotFitTheModelIsOneLineAndExitTwo() throws Exception {
        Path unknown = dir.resolve("unknown-class.csv");
        String order = Files.readString(dir.resolve("order.csv"));
        int zLine = (int) order.lines().count() + 1;
        Files.writeString(unknown, order + "new,0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,Z\n");
        for (String[] args : List.of(
                new String[] {"--model", classifier.toString(), "--data", dir.resolve("mg.csv").toString()},
                new String[] {"--model", classifier.toString(), "--data", unknown.toString()},
                new String[] {"--model", forecaster.toString(), "--data", dir.resolve("order.csv").toString()},
                new String[] {"--model", dir.resolve("none.safetensors").toString(), "--data", unknown.toString()})) {
            List<String> line = new ArrayList<>(List.of("evaluate"));
            line.addAll(List.of(args));
            String[] r = Cli.run(line.toArray(String[]::new));
            assertEquals("2", r[0], r[1] + r[2]);
            String err = r[2].strip();
            assertFalse(err.isEmpty() || err.contains("\n") || err.contains("Exception"), err);
        }
        Path wider = dir.resolve("mg-wider.csv");
        StringBuilder b = new StringBuilder("t,x,y\n");
        for (int t = 0; t < 40; t++) {
            b.append(t).append(',').append(1 + 0.01 * t).append(',').append(t % 3).append('\n');
        }
        Files.writeString(wider, b.toString());
        String[] extra = Cli.run("evaluate", "--model", forecaster.toString(), "--data", wider.toString());
        assertEquals("2", extra[0], extra[1] + extra[2]);
        assertTrue(extra[2].contains("the columns read are [x, y] but the model reads [x]"), extra[2]);
        String[] resume = Cli.run("train", "--resume", dir.resolve("order.ckpt.safetensors").toString());
        assertEquals("2", resume[0], resume[1] + resume[2]);
        assertTrue(resume[2].contains("checkpoint of a --data run"), resume[2]);
        String[] r = Cli.run("evaluate", "--model", classifier.toString(), "--data", unknown.toString());
        assertTrue(r[2].contains("line " + zLine + ",") && r[2].contains("'Z' is not one the model knows"), r[2]);
    }
}
