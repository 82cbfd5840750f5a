package org.rnn4j.io.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;
import org.rnn4j.io.data.Standardizer;
import org.rnn4j.io.data.Task;
import org.rnn4j.io.model.SavedModel;

/**
 * The {@code metadata_props} of an exported model, every key starting {@code rnn4j.}: what a
 * server needs to prepare the inputs and read the outputs without rnn4j.
 *
 * <p>Always: {@code rnn4j.loss}, {@code rnn4j.layers}, {@code rnn4j.layout},
 * {@code rnn4j.precision} (the element type of the file's float inputs, outputs and weights,
 * {@code float32} or {@code float64}) and {@code rnn4j.network_precision} (the precision the
 * network computes in rnn4j). A model of text adds {@code rnn4j.vocabulary} (the characters in
 * index order, as they are) and, when it has one, {@code rnn4j.end_symbol} and
 * {@code rnn4j.end_count}. A model trained with {@code ./rnn4j train --data} adds its data
 * description ({@link SavedModel#data()}), every value JSON:
 * <ul>
 *   <li>{@code rnn4j.task}: {@code "classify"}, {@code "regress"}, {@code "tag"} or
 *       {@code "forecast"} (a JSON string);</li>
 *   <li>{@code rnn4j.feature_names}, {@code rnn4j.feature_mean}, {@code rnn4j.feature_std}: JSON
 *       arrays in input-feature order; the network reads (x - mean) / std;</li>
 *   <li>{@code rnn4j.classes} (classify, tag): the labels, a JSON array of strings, label i for
 *       column i of {@code output} and {@code probabilities};</li>
 *   <li>{@code rnn4j.target_mean}, {@code rnn4j.target_std} (regress, forecast): JSON numbers;
 *       a value in the data's units is output * std + mean;</li>
 *   <li>{@code rnn4j.columns}: a JSON object of the CSV columns trained on ({@code id},
 *       {@code time}, {@code target}, where the model has them); for forecast also
 *       {@code rnn4j.window} and {@code rnn4j.horizon} (JSON numbers).</li>
 * </ul>
 * Numbers are written as {@link Double#toString(double)} writes them, which reads back to the
 * same double (as the model file keeps them).
 */
final class OnnxMetadata {

    private OnnxMetadata() {
    }

    /**
     * @param model the model
     * @param options the export's options
     * @return the metadata, in order
     * @throws IllegalArgumentException if the model's data description is malformed or does not
     *     fit the network
     */
    static Map<String, String> of(SavedModel model, OnnxOptions options) {
        Network net = model.network();
        Architecture a = net.architecture();
        Map<String, String> m = new LinkedHashMap<>();
        if (model.vocabulary() != null) {
            m.put("rnn4j.vocabulary", model.vocabulary());
        }
        if (model.end() != null) {
            m.put("rnn4j.end_symbol", model.end().symbol());
            m.put("rnn4j.end_count", Integer.toString(model.end().count()));
        }
        m.put("rnn4j.loss", a.loss());
        if (a.embedding() != null) {
            m.put("rnn4j.input", "embedding: input holds one int64 symbol index per step, [steps, batch]");
        }
        if (a.head() != null) {
            m.put("rnn4j.head", a.head() + ": output holds one row per sequence, [1, batch, outputs]");
        }
        StringBuilder layers = new StringBuilder();
        for (LayerConfig c : a.recurrent()) {
            layers.append(c.kind()).append(' ').append(c.size()).append(c.options()).append("; ");
        }
        for (LayerConfig c : a.dense()) {
            layers.append(c.kind()).append(' ').append(c.size()).append(c.options()).append("; ");
        }
        layers.append(a.output().kind()).append(' ').append(a.output().size()).append(a.output().options());
        m.put("rnn4j.layers", layers.toString());
        m.put("rnn4j.layout", "time-major: input [steps, batch, features]");
        m.put("rnn4j.precision", options.precision().label());
        m.put("rnn4j.network_precision", net.precision().label());
        if (!model.data().isEmpty()) {
            data(m, model.data(), net);
        }
        return m;
    }

    /** The data description of a model trained with {@code ./rnn4j train --data}. */
    private static void data(Map<String, String> m, Map<String, String> data, Network net) {
        String problem = "the model's data description ";
        Task task;
        Standardizer z;
        try {
            task = Task.of(data.getOrDefault("task", ""));
            z = Standardizer.fromMap(data);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem + "cannot be exported: " + e.getMessage());
        }
        int n = z.names().size();
        if (n != net.inputFeatures()) {
            throw new IllegalArgumentException(problem + "standardises " + n + " features " + z.names()
                    + " but the network reads " + net.inputFeatures() + "; it cannot be exported");
        }
        m.put("rnn4j.task", JsonText.string(task.cliName()));
        List<String> names = z.names();
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            mean.add(z.mean(f));
            std.add(z.scale(f));
        }
        m.put("rnn4j.feature_names", JsonText.strings(names));
        m.put("rnn4j.feature_mean", JsonText.numbers(mean));
        m.put("rnn4j.feature_std", JsonText.numbers(std));
        if (task.hasClasses()) {
            m.put("rnn4j.classes", JsonText.strings(classes(data, net.outputSize())));
        } else if (task == Task.REGRESS) {
            m.put("rnn4j.target_mean", JsonText.number(number(data, "target.mean")));
            m.put("rnn4j.target_std", JsonText.number(number(data, "target.std")));
        } else {
            // forecast: the target is the first column, standardised with the features
            m.put("rnn4j.target_mean", JsonText.number(z.mean(0)));
            m.put("rnn4j.target_std", JsonText.number(z.scale(0)));
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (String c : List.of("id", "time", "target")) {
            if (data.containsKey(c)) {
                columns.put(c, data.get(c));
            }
        }
        m.put("rnn4j.columns", JsonText.object(columns));
        if (task == Task.FORECAST) {
            m.put("rnn4j.window", JsonText.number(whole(data, "window")));
            m.put("rnn4j.horizon", JsonText.number(whole(data, "horizon")));
        }
    }

    private static List<String> classes(Map<String, String> data, int outputs) {
        int count = whole(data, "labels");
        if (count != outputs) {
            throw new IllegalArgumentException("the model's data description has " + count + " class labels but the "
                    + "network has " + outputs + " outputs; it cannot be exported");
        }
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String l = data.get("label." + c);
            if (l == null) {
                throw new IllegalArgumentException("the model's data description lacks label." + c
                        + "; it cannot be exported");
            }
            labels.add(l);
        }
        return labels;
    }

    private static int whole(Map<String, String> data, String key) {
        try {
            return Integer.parseInt(data.getOrDefault(key, ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the model's data description has no whole number '" + key
                    + "'; it cannot be exported");
        }
    }

    private static double number(Map<String, String> data, String key) {
        try {
            double v = Double.parseDouble(data.getOrDefault(key, ""));
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("the model's data description has no finite number '" + key
                + "'; it cannot be exported");
    }
}
