package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.tasks.GenerateCsv;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/**
 * A classifier trained with {@code ./rnn4j train --data} served from its ONNX export as a
 * server without rnn4j would: the feature columns, their standardisation and the class labels
 * read from the file's {@code metadata_props} (parsed as JSON), the raw CSV features standardised
 * with them and run by ONNX Runtime in one padded batch, give {@code ./rnn4j predict}'s
 * probabilities for every sequence, label by label.
 */
class ExportServingTest {

    @TempDir
    Path dir;

    @Test
    void theExportedStandardisationAndLabelsGivePredictsProbabilities() throws Exception {
        Path data = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 60, 1, data);
        Path model = dir.resolve("order.safetensors");
        String[] r = Cli.run("train", "--data", data.toString(), "--task", "classify", "--id", "id", "--time", "t",
                "--target", "class", "--epochs", "2", "--save", model.toString());
        assertEquals("0", r[0], r[2]);
        Path raw = dir.resolve("new.csv"); // without the target column, its last
        Files.write(raw, Files.readAllLines(data).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        r = Cli.run("predict", "--model", model.toString(), "--data", raw.toString());
        assertEquals("0", r[0], r[2]);
        List<String[]> predicted = PredictCommandTest.csv(r[1]);
        Path onnx = dir.resolve("order.onnx");
        r = Cli.run("export", "--model", model.toString(), "--onnx", onnx.toString());
        assertEquals("0", r[0], r[2]);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            Map<String, String> meta = s.getMetadata().getCustomMetadata();
            for (String key : List.of("rnn4j.task", "rnn4j.feature_names", "rnn4j.feature_mean", "rnn4j.feature_std",
                    "rnn4j.classes")) {
                assertTrue(meta.containsKey(key), "the export's metadata has " + key + ": " + meta.keySet());
            }
            assertEquals("classify", JSON.std.anyFrom(meta.get("rnn4j.task")));
            List<String> features = strings(meta.get("rnn4j.feature_names"));
            double[] mean = doubles(meta.get("rnn4j.feature_mean"));
            double[] std = doubles(meta.get("rnn4j.feature_std"));
            List<String> classes = strings(meta.get("rnn4j.classes"));
            SavedModel m = ModelFile.load(model, Registry.installed());
            assertEquals(m.data().get("labels"), Integer.toString(classes.size()));
            assertEquals(List.of("a", "b", "c", "d", "B", "E", "X", "Y"), features);

            Map<String, List<double[]>> sequences = sequences(raw, features, mean, std);
            int batch = sequences.size();
            int steps = sequences.values().stream().mapToInt(List::size).max().orElseThrow();
            float[] x = new float[steps * batch * features.size()];
            int[] lengths = new int[batch];
            int b = 0;
            for (List<double[]> seq : sequences.values()) {
                lengths[b] = seq.size();
                for (int t = 0; t < seq.size(); t++) {
                    for (int f = 0; f < features.size(); f++) {
                        x[(t * batch + b) * features.size() + f] = (float) seq.get(t)[f];
                    }
                }
                b++;
            }
            Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
            inputs.put("input", OnnxTensor.createTensor(env, FloatBuffer.wrap(x),
                    new long[] {steps, batch, features.size()}));
            inputs.put("sequence_lens", OnnxTensor.createTensor(env, IntBuffer.wrap(lengths), new long[] {batch}));
            for (var e : s.getInputInfo().entrySet()) {
                if (e.getKey().startsWith("initial_")) { // states start at zero, as predict's
                    long[] shape = ((TensorInfo) e.getValue().getInfo()).getShape();
                    shape[1] = batch;
                    inputs.put(e.getKey(), OnnxTensor.createTensor(env,
                            FloatBuffer.wrap(new float[(int) (shape[0] * shape[1] * shape[2])]), shape));
                }
            }
            try (OrtSession.Result out = s.run(inputs, Set.of("probabilities"))) {
                float[][][] p = (float[][][]) out.get(0).getValue();
                assertEquals(1, p.length, "one row per sequence");
                String[] header = predicted.get(0);
                assertEquals(batch, predicted.size() - 1, "predict's rows, one per sequence");
                List<String> ids = new ArrayList<>(sequences.keySet());
                double worst = 0;
                for (int i = 1; i < predicted.size(); i++) {
                    String[] row = predicted.get(i);
                    int seq = ids.indexOf(row[0]);
                    assertTrue(seq >= 0, "predict's id " + row[0] + " is one of the file's");
                    for (int c = 0; c < classes.size(); c++) {
                        int col = Arrays.asList(header).indexOf("p_" + classes.get(c));
                        assertTrue(col > 0, "predict has a column p_" + classes.get(c) + ": " + Arrays.toString(header));
                        double expected = Double.parseDouble(row[col]);
                        worst = Math.max(worst, Math.abs(p[0][seq][c] - expected));
                    }
                }
                System.out.printf("serving from ONNX: %d sequences, worst probability difference %.3g%n", batch, worst);
                assertTrue(worst <= 1e-5, "worst difference from predict's probabilities " + worst);
            } finally {
                for (OnnxTensor t : inputs.values()) {
                    t.close();
                }
            }
        }
    }

    /** The raw features of each sequence of a long-format CSV, standardised as the metadata says. */
    private static Map<String, List<double[]>> sequences(Path csv, List<String> features, double[] mean,
            double[] std) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int id = header.indexOf("id");
        int[] cols = features.stream().mapToInt(header::indexOf).toArray();
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double[] z = new double[cols.length];
            for (int f = 0; f < cols.length; f++) {
                z[f] = (Double.parseDouble(cells[cols[f]]) - mean[f]) / std[f];
            }
            out.computeIfAbsent(cells[id], k -> new ArrayList<>()).add(z);
        }
        return out;
    }

    private static List<String> strings(String json) throws Exception {
        List<String> out = new ArrayList<>();
        for (Object o : JSON.std.listFrom(json)) {
            out.add((String) o);
        }
        return out;
    }

    private static double[] doubles(String json) throws Exception {
        return JSON.std.listFrom(json).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }
}
