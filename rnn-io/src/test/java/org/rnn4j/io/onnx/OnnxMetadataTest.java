package org.rnn4j.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.io.csv.SequenceColumns;
import org.rnn4j.io.csv.SequenceCsv;
import org.rnn4j.io.data.SequenceTable;
import org.rnn4j.io.data.Standardizer;
import org.rnn4j.io.data.Task;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/**
 * A model trained on data keeps its task, class labels and standardisation in the exported
 * file's {@code metadata_props}, as ONNX Runtime reads them, equal to the model file's.
 */
class OnnxMetadataTest {

    private static final Registry REGISTRY = Registry.installed();

    /** Labels a JSON writer must escape: a quote, a backslash, a comma, a tab, a non-ASCII letter. */
    private static final String CSV = String.join("\n",
            "id,t,speed,\"load, kg\",class",
            "s1,0,1.5,200,\"say \"\"yes\"\"\"",
            "s1,1,2.5,210,\"say \"\"yes\"\"\"",
            "s2,0,-3,150,back\\slash",
            "s3,0,0.25,175,\"naïve, no\"",
            "s3,1,4,190,\"naïve, no\"",
            "s4,0,7,100,\"tab\tthere\"") + "\n";

    @TempDir
    Path dir;

    /** The data description {@code ./rnn4j train --data --task classify} writes (TaskData). */
    private static Map<String, String> classifyData(SequenceTable table) {
        Standardizer z = Standardizer.fit(table, IntStream.range(0, table.size()).toArray());
        Map<String, String> meta = new TreeMap<>(z.toMap());
        meta.put("task", "classify");
        meta.put("id", "id");
        meta.put("target", "class");
        meta.put("time", "t");
        for (int c = 0; c < table.labels().size(); c++) {
            meta.put("label." + c, table.labels().get(c));
        }
        meta.put("labels", Integer.toString(table.labels().size()));
        return meta;
    }

    private static Map<String, String> exported(Path onnx) throws OrtException {
        try (OrtSession s = OrtEnvironment.getEnvironment().createSession(onnx.toString(),
                new OrtSession.SessionOptions())) {
            return s.getMetadata().getCustomMetadata();
        }
    }

    /** The numbers of a JSON array of numbers. */
    private static double[] numbers(String json) {
        assertEquals('[', json.charAt(0), json);
        assertEquals(']', json.charAt(json.length() - 1), json);
        String[] parts = json.substring(1, json.length() - 1).split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }

    @Test
    void aClassifiersLabelsAndStandardisationComeOutOfTheFileAsTheModelFileHasThem() throws Exception {
        SequenceTable table = SequenceCsv.read("order.csv", new StringReader(CSV),
                SequenceColumns.of(Task.CLASSIFY, "id", "class", "t"));
        assertEquals(List.of("back\\slash", "naïve, no", "say \"yes\"", "tab\tthere"), table.labels());
        Network net = Network.builder(REGISTRY).precision(Precision.FLOAT32).input(2).seed(3).recurrent("gru", 4)
                .lastStep().output(4).loss("sparse_softmax_cross_entropy").build();
        Path file = dir.resolve("order.safetensors");
        ModelFile.save(file, new SavedModel(net, null, null, classifyData(table)));
        SavedModel saved = ModelFile.load(file, REGISTRY);
        Path onnx = dir.resolve("order.onnx");
        OnnxExport.write(saved, onnx, OnnxOptions.defaults());

        Map<String, String> meta = exported(onnx);
        assertEquals("\"classify\"", meta.get("rnn4j.task"));
        assertEquals("[\"back\\\\slash\",\"naïve, no\",\"say \\\"yes\\\"\",\"tab\\tthere\"]", meta.get("rnn4j.classes"));
        assertEquals("[\"speed\",\"load, kg\"]", meta.get("rnn4j.feature_names"));
        assertEquals("{\"id\":\"id\",\"time\":\"t\",\"target\":\"class\"}", meta.get("rnn4j.columns"));
        Standardizer z = Standardizer.fromMap(saved.data());
        double[] mean = numbers(meta.get("rnn4j.feature_mean"));
        double[] std = numbers(meta.get("rnn4j.feature_std"));
        assertEquals(2, mean.length);
        assertEquals(2, std.length);
        for (int f = 0; f < 2; f++) {
            assertEquals(z.mean(f), mean[f], 0.0, "mean of feature " + f);
            assertEquals(z.scale(f), std[f], 0.0, "std of feature " + f);
        }
        assertEquals((1.5 + 2.5 - 3 + 0.25 + 4 + 7) / 6, mean[0], 1e-15, "the mean of speed over every step");
        assertEquals("float32", meta.get("rnn4j.precision"));
        assertEquals("float32", meta.get("rnn4j.network_precision"));
        assertFalse(meta.containsKey("rnn4j.target_mean"), "a classifier has no target scaling");
    }

    @Test
    void theFilesPrecisionIsTheExportsAndTheNetworksIsKeptApart() throws Exception {
        Network net = Network.builder(REGISTRY).input(2).seed(3).recurrent("lstm", 3).output(2).loss("mse").build();
        Path onnx = dir.resolve("m.onnx");
        OnnxExport.write(SavedModel.of(net), onnx, OnnxOptions.defaults());
        Map<String, String> meta = exported(onnx);
        assertEquals("float32", meta.get("rnn4j.precision"));
        assertEquals("float64", meta.get("rnn4j.network_precision"));
        assertFalse(meta.containsKey("rnn4j.task"), "a model without a data description has no task");
        OnnxGraph g = OnnxExport.graph(SavedModel.of(net), OnnxOptions.defaults().withPrecision(Precision.FLOAT64));
        assertEquals("float64", g.metadata().get("rnn4j.precision"));
    }

    @Test
    void aRegressorsTargetScalingIsExported() {
        Map<String, String> data = new TreeMap<>(Map.of("task", "regress", "id", "id", "target", "y",
                "standardize.count", "1", "standardize.0.name", "x", "standardize.0.mean", "0.5",
                "standardize.0.std", "2.0", "target.mean", "-12.75", "target.std", "0.1", "labels", "0"));
        Network net = Network.builder(REGISTRY).input(1).seed(3).recurrent("elman", 3).lastStep().output(1)
                .loss("mse").build();
        Map<String, String> meta = OnnxExport.graph(new SavedModel(net, null, null, data), OnnxOptions.defaults())
                .metadata();
        assertEquals("\"regress\"", meta.get("rnn4j.task"));
        assertEquals("-12.75", meta.get("rnn4j.target_mean"));
        assertEquals("0.1", meta.get("rnn4j.target_std"));
        assertEquals("[0.5]", meta.get("rnn4j.feature_mean"));
        assertEquals("[2.0]", meta.get("rnn4j.feature_std"));
        assertFalse(meta.containsKey("rnn4j.classes"));
    }

    @Test
    void aForecastersTargetIsItsFirstColumnAndItsWindowIsExported() {
        Map<String, String> data = new TreeMap<>(Map.of("task", "forecast", "target", "x", "time", "t",
                "window", "8", "horizon", "2", "standardize.count", "2"));
        data.putAll(Map.of("standardize.0.name", "x", "standardize.0.mean", "3.25", "standardize.0.std", "1.5",
                "standardize.1.name", "temp", "standardize.1.mean", "20.0", "standardize.1.std", "4.0"));
        Network net = Network.builder(REGISTRY).input(2).seed(3).recurrent("lstm", 3).lastStep().output(2)
                .loss("mse").build();
        Map<String, String> meta = OnnxExport.graph(new SavedModel(net, null, null, data), OnnxOptions.defaults())
                .metadata();
        assertEquals("\"forecast\"", meta.get("rnn4j.task"));
        assertEquals("3.25", meta.get("rnn4j.target_mean"));
        assertEquals("1.5", meta.get("rnn4j.target_std"));
        assertEquals("[\"x\",\"temp\"]", meta.get("rnn4j.feature_names"));
        assertEquals("8", meta.get("rnn4j.window"));
        assertEquals("2", meta.get("rnn4j.horizon"));
        assertEquals("{\"time\":\"t\",\"target\":\"x\"}", meta.get("rnn4j.columns"));
    }

    @Test
    void aDataDescriptionThatDoesNotFitTheNetworkIsRefusedBeforeAnythingIsWritten() throws IOException {
        SequenceTable table = SequenceCsv.read("order.csv", new StringReader(CSV),
                SequenceColumns.of(Task.CLASSIFY, "id", "class", "t"));
        Network threeOutputs = Network.builder(REGISTRY).input(2).seed(3).recurrent("gru", 4).lastStep().output(3)
                .loss("sparse_softmax_cross_entropy").build();
        Path onnx = dir.resolve("m.onnx");
        SavedModel model = new SavedModel(threeOutputs, null, null, classifyData(table));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.write(model, onnx, OnnxOptions.defaults()));
        assertEquals("the model's data description has 4 class labels but the network has 3 outputs; it cannot be "
                + "exported", e.getMessage());
        assertFalse(Files.exists(onnx));
        Network oneInput = Network.builder(REGISTRY).input(1).seed(3).recurrent("gru", 4).lastStep().output(4)
                .loss("sparse_softmax_cross_entropy").build();
        e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.write(new SavedModel(oneInput, null, null,
                classifyData(table)), onnx, OnnxOptions.defaults()));
        assertEquals("the model's data description standardises 2 features [speed, load, kg] but the network reads 1; "
                + "it cannot be exported", e.getMessage());
        assertFalse(Files.exists(onnx));
    }
}
