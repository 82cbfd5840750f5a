package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Parameter;
import org.rnn4j.examples.cli.Main;
import org.rnn4j.examples.tasks.GenerateCsv;
import org.rnn4j.io.model.ModelFile;

/**
 * {@code ./rnn4j train --data FILE.csv --task ... --spark local[2] --json} in-process, against the
 * same command without {@code --spark}: the same {@code --json} keys in the same order, the same
 * steps, losses and test figures, the same model and files. The workers hold the training
 * sequences ({@link SequenceShards}); the driver reads the file and fits the standardisation.
 *
 * <p>Tolerance 1e-9, as {@link SparkTrainer}'s javadoc derives it, although these runs use Adam
 * (the only optimizer of {@code --data} runs): Adam's step lr m / (sqrt(v) + eps) changes by at
 * most about lr delta / eps for a change delta in a gradient, and with eps = 1e-8, lr = 0.01 and
 * delta below 1e-15 (the reordered sum of a few hundred terms) that is below 1e-9 per step; the
 * observed differences are far below. The runs are float64, the precision that bound is for (in
 * float32 a reordered sum may tip an update by one float32 unit, about 1e-8).
 */
class SparkDataCliTest {

    private static final double TOLERANCE = 1e-9;

    @TempDir
    Path dir;

    @Test
    void classifyOnSparkEqualsTheLocalRun() throws IOException {
        Path csv = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 160, 7, csv);
        String[] data = {"--data", csv.toString(), "--task", "classify", "--id", "id", "--time", "t", "--target",
            "class"};
        Map<String, Object> spark = same(data, "order");
        assertNotNull(spark.get("test_accuracy"), spark.toString());
    }

    @Test
    void forecastOnSparkEqualsTheLocalRun() throws IOException {
        Path csv = dir.resolve("mg.csv");
        GenerateCsv.write("mackey-glass", 300, 3, csv);
        String[] data = {"--data", csv.toString(), "--task", "forecast", "--target", "x", "--time", "t", "--window",
            "8", "--horizon", "2"};
        Map<String, Object> spark = same(data, "mg");
        assertNotNull(spark.get("test_rmse"), spark.toString());
    }

    /** Runs the command with and without --spark and compares everything; returns the Spark run's JSON. */
    private Map<String, Object> same(String[] data, String name) throws IOException {
        String[] local = train(data, name + "-local");
        String[] spark = train(data, name + "-spark", "--spark", "local[2]", "--workers", "2");
        assertEquals("0", local[0], local[2]);
        assertEquals("0", spark[0], spark[2]);
        assertTrue(spark[1].contains("gradients on Spark local[2], 2 workers per step"), spark[1]);
        Map<String, Object> a = json(local[1]);
        Map<String, Object> b = json(spark[1]);
        assertEquals(new ArrayList<>(a.keySet()), new ArrayList<>(b.keySet()));
        for (Map.Entry<String, Object> e : a.entrySet()) {
            Object other = b.get(e.getKey());
            if (e.getValue() instanceof Double d) {
                assertEquals(d, ((Number) other).doubleValue(), TOLERANCE, e.getKey());
            } else if (e.getValue() instanceof String s) {
                assertEquals(s.replace(name + "-local", name + "-spark"), other, e.getKey());
            } else {
                assertEquals(e.getValue(), other, e.getKey());
            }
        }
        for (String suffix : List.of(".safetensors", ".ckpt.safetensors", ".csv", ".png")) {
            assertEquals(Files.isRegularFile(dir.resolve(name + "-local" + suffix)),
                    Files.isRegularFile(dir.resolve(name + "-spark" + suffix)), suffix);
        }
        assertTrue(Files.isRegularFile(dir.resolve(name + "-spark.ckpt.safetensors")));
        List<Parameter> p = ModelFile.load(dir.resolve(name + "-local.safetensors"), Fixtures.REGISTRY).network()
                .parameters();
        List<Parameter> q = ModelFile.load(dir.resolve(name + "-spark.safetensors"), Fixtures.REGISTRY).network()
                .parameters();
        double worst = 0;
        for (int i = 0; i < p.size(); i++) {
            for (int j = 0; j < p.get(i).size(); j++) {
                worst = Math.max(worst, Math.abs(p.get(i).value()[j] - q.get(i).value()[j]));
            }
        }
        assertTrue(worst <= TOLERANCE, "the models differ by up to " + worst);
        return b;
    }

    private String[] train(String[] data, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(data));
        args.addAll(List.of("--layers", "2", "--hidden", "8", "--epochs", "3", "--batch", "16", "--seed", "5",
                "--precision", "float64", "--save", dir.resolve(name + ".safetensors").toString(), "--json"));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private static Map<String, Object> json(String out) throws IOException {
        String last = out.strip().lines().reduce((x, y) -> y).orElseThrow();
        return JSON.std.mapFrom(last);
    }
}
