package org.rnn4j.examples.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.io.csv.CsvWriter;
import org.rnn4j.io.csv.SequenceCsv;
import org.rnn4j.io.csv.SeriesCsv;
import org.rnn4j.io.data.InputSequences;
import org.rnn4j.io.data.Series;
import org.rnn4j.io.data.Standardizer;
import org.rnn4j.io.data.Task;

/**
 * The predictions of a model trained with {@code ./rnn4j train --data} on a CSV file that need
 * not have the target column, as CSV: for classify one row per sequence (id, predicted class,
 * {@code p_<label>} per class); for regress one row per sequence (id, the value in the file's
 * units); for tag one row per step (id, time or step index, class, probabilities); for forecast
 * one row per window of the model's W steps, the last windows included (the time or index of
 * the window's last step, then {@code h1..hH} in the file's units).
 */
public final class TaskPredictions {

    private TaskPredictions() {
    }

    /**
     * Reads the file as the model reads it and writes the predictions.
     *
     * @param net the trained network (its mode is restored afterwards)
     * @param meta the model file's {@code data} description
     * @param file the CSV file
     * @param out where the CSV goes; not closed
     * @return the number of data rows written
     * @throws IOException if writing fails
     * @throws org.rnn4j.io.data.DataFileException for malformed data or a column the model reads that is missing
     */
    public static int write(Network net, Map<String, String> meta, Path file, Appendable out) throws IOException {
        Task task = Task.of(meta.get("task"));
        Standardizer z = Standardizer.fromMap(meta);
        boolean was = net.isTraining();
        net.setTraining(false);
        try {
            return task == Task.FORECAST ? forecast(net, meta, z, file, out) : sequences(net, task, meta, z, file, out);
        } finally {
            net.setTraining(was);
        }
    }

    private static int sequences(Network net, Task task, Map<String, String> meta, Standardizer z, Path file,
            Appendable out) throws IOException {
        String time = meta.get("time");
        InputSequences in = SequenceCsv.readInputs(file, meta.get("id"), time, z.names());
        List<String> labels = new ArrayList<>();
        for (int c = 0; task.hasClasses() && c < net.outputSize(); c++) {
            labels.add(meta.get("label." + c));
        }
        List<String> header = new ArrayList<>(List.of(meta.get("id")));
        if (task == Task.TAG) {
            header.add(time == null ? "step" : time);
        }
        header.add(meta.get("target"));
        for (String l : labels) {
            header.add("p_" + l);
        }
        CsvWriter.row(out, header);
        int rows = 0;
        for (int i = 0; i < in.size(); i++) {
            double[][] y = outputs(net, z.apply(in.features().get(i)));
            for (int t = 0; t < y.length; t++) {
                List<Object> row = new ArrayList<>(List.of(in.ids().get(i)));
                if (task == Task.TAG) {
                    row.add(time == null ? Integer.toString(t) : in.times().get(i)[t]);
                }
                if (task == Task.REGRESS) {
                    row.add(y[t][0] * number(meta, "target.std") + number(meta, "target.mean"));
                } else {
                    double[] p = softmax(y[t]);
                    row.add(labels.get(argmax(p)));
                    for (double v : p) {
                        row.add(v);
                    }
                }
                CsvWriter.row(out, row);
                rows++;
            }
        }
        return rows;
    }

    private static int forecast(Network net, Map<String, String> meta, Standardizer z, Path file, Appendable out)
            throws IOException {
        String time = meta.get("time");
        List<String> extra = z.names().subList(1, z.names().size());
        Series s = SeriesCsv.read(file, new SeriesCsv.Columns(meta.get("target"), time, extra));
        if (!s.columns().equals(z.names())) {
            throw new IllegalArgumentException(file + ": the columns read are " + s.columns() + " but the model reads "
                    + z.names() + " (the target first); give a file with those columns");
        }
        int window = Integer.parseInt(meta.get("window"));
        if (s.length() < window) {
            throw new IllegalArgumentException(file + ": the series has " + s.length() + " steps but the model reads "
                    + "windows of " + window + "; give at least " + window + " rows");
        }
        List<String> times = time == null ? null : SeriesCsv.times(file, time);
        List<String> header = new ArrayList<>(List.of(time == null ? "step" : time));
        for (int h = 1; h <= net.outputSize(); h++) {
            header.add("h" + h);
        }
        CsvWriter.row(out, header);
        int rows = 0;
        for (int end = window - 1; end < s.length(); end++) {
            double[][] x = new double[window][s.width()];
            for (int t = 0; t < window; t++) {
                for (int c = 0; c < s.width(); c++) {
                    x[t][c] = s.value(end - window + 1 + t, c);
                }
            }
            double[] y = outputs(net, z.apply(x))[0];
            List<Object> row = new ArrayList<>(List.of(time == null ? Integer.toString(end) : times.get(end)));
            for (double v : y) {
                row.add(v * z.scale(0) + z.mean(0));
            }
            CsvWriter.row(out, row);
            rows++;
        }
        return rows;
    }

    /**
     * The network's raw outputs for one sequence, alone in its batch.
     *
     * @param net the network, in evaluation mode
     * @param x steps x features, standardised
     * @return steps (1 with a sequence head) x outputs
     */
    public static double[][] outputs(Network net, double[][] x) {
        Sequence y = net.forward(TaskEvaluation.padded(Collections.singletonList(x)), null);
        double[][] r = new double[y.steps()][y.features()];
        for (int t = 0; t < r.length; t++) {
            for (int f = 0; f < r[t].length; f++) {
                r[t][f] = y.get(t, 0, f);
            }
        }
        return r;
    }

    /**
     * @param logits one output row
     * @return its softmax, computed from the largest logit down so that it cannot overflow
     */
    public static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(logits[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            best = p[c] > p[best] ? c : best;
        }
        return best;
    }

    private static double number(Map<String, String> meta, String key) {
        return Double.parseDouble(meta.get(key));
    }
}
