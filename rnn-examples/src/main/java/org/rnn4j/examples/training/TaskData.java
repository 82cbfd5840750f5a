package org.rnn4j.examples.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.rnn4j.core.train.SequenceDataset;
import org.rnn4j.io.csv.SequenceColumns;
import org.rnn4j.io.csv.SequenceCsv;
import org.rnn4j.io.csv.SeriesCsv;
import org.rnn4j.io.data.ForecastWindows;
import org.rnn4j.io.data.PerStepData;
import org.rnn4j.io.data.SequenceSplit;
import org.rnn4j.io.data.SequenceTable;
import org.rnn4j.io.data.Series;
import org.rnn4j.io.data.Standardizer;
import org.rnn4j.io.data.Task;
import org.rnn4j.io.data.WindowSplit;

/**
 * The data of a {@code --data} run, read and held out before any training: the training and
 * validation datasets the trainer sees (features standardised with a {@link Standardizer} fitted
 * on the training part only; numeric targets standardised with the training targets' mean and
 * scale) and the test part in the file's own units, with everything a model file must keep to
 * read such data again ({@link #metadata()}).
 *
 * <p>Classify and regress have one target per sequence (a network with a {@code lastStep()}
 * head), tag one class per step, forecast the H values after each window (a head reading the
 * window's last step). Sequences are split by whole sequence (stratified for classes), windows in
 * time with the test windows last ({@link SequenceSplit}, {@link WindowSplit}).
 *
 * @param task what is learned
 * @param name the file's name without extension, for the default model file
 * @param inputs features per step
 * @param outputs the network's outputs: classes, 1, or H
 * @param train the training data
 * @param validation the validation data, or null
 * @param test the test part, in the file's units
 * @param metadata the model file's {@code data} entry
 * @param describe one line saying what was read
 * @param longest the steps of the longest sequence (forecast: the window), for the run's memory
 */
public record TaskData(Task task, String name, int inputs, int outputs, SequenceDataset train,
        SequenceDataset validation, TestPart test, Map<String, String> metadata, String describe, int longest) {

    /**
     * The held-out test part: inputs already standardised, targets in the file's units.
     *
     * @param inputs the sequences or windows
     * @param classes per sequence (classify) or per step (tag), class indices; else null
     * @param values per sequence (regress: one; forecast: H), in the file's units; else null
     * @param naive forecast only: the last observed value repeated over each window's horizon
     * @param targetMean the mean the network's numeric outputs are to be scaled back with
     * @param targetScale the scale they are to be scaled back with
     */
    public record TestPart(List<double[][]> inputs, List<int[]> classes, List<double[]> values,
            List<double[]> naive, double targetMean, double targetScale) {
    }

    /**
     * Reads the file and holds out the test and validation parts.
     *
     * @param s the settings
     * @return the data
     * @throws org.rnn4j.io.data.DataFileException naming the file, line and column of malformed data
     */
    public static TaskData read(DataSettings s) {
        String file = s.data().getFileName().toString();
        String name = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        return s.task() == Task.FORECAST ? forecast(s, name) : sequences(s, name);
    }

    private static TaskData sequences(DataSettings s, String name) {
        SequenceColumns columns = SequenceColumns.of(s.task(), s.id(), s.target(), s.time())
                .withFeatures(s.features());
        SequenceTable table = SequenceCsv.read(s.data(), columns);
        SequenceSplit split = SequenceSplit.of(table, s.testFraction(), s.valFraction(), s.seed());
        Standardizer z = Standardizer.fit(table, split.train());
        Map<String, String> meta = new TreeMap<>(z.toMap());
        meta.put("task", s.task().cliName());
        meta.put("id", s.id());
        meta.put("target", s.target());
        if (s.time() != null) {
            meta.put("time", s.time());
        }
        List<String> labels = table.labels();
        for (int c = 0; c < labels.size(); c++) {
            meta.put("label." + c, labels.get(c));
        }
        meta.put("labels", Integer.toString(labels.size()));
        double mean = 0;
        double scale = 1;
        if (s.task() == Task.REGRESS) {
            double[] m = moments(split.train(), table::valueOf);
            mean = m[0];
            scale = m[1];
            meta.put("target.mean", Double.toString(mean));
            meta.put("target.std", Double.toString(scale));
        }
        int outputs = s.task().hasClasses() ? labels.size() : 1;
        SequenceDataset train = sequenceData(table, split.train(), z, mean, scale, s.batch());
        SequenceDataset val = split.validation().length == 0 ? null
                : sequenceData(table, split.validation(), z, mean, scale, s.batch());
        List<double[][]> xs = new ArrayList<>();
        List<int[]> classes = s.task().hasClasses() ? new ArrayList<>() : null;
        List<double[]> values = s.task() == Task.REGRESS ? new ArrayList<>() : null;
        for (int i : split.test()) {
            xs.add(z.apply(table.features(i)));
            if (s.task() == Task.CLASSIFY) {
                classes.add(new int[] {table.classOf(i)});
            } else if (s.task() == Task.TAG) {
                classes.add(table.stepClasses(i));
            } else {
                values.add(new double[] {table.valueOf(i)});
            }
        }
        String describe = table.size() + " sequences of " + table.featureCount() + " features " + table.featureNames()
                + " from " + s.data() + (s.task().hasClasses() ? ", " + labels.size() + " classes " + labels : "")
                + "; " + split.train().length + " for training, " + split.validation().length + " for validation, "
                + split.test().length + " for testing";
        int longest = 0;
        for (int i = 0; i < table.size(); i++) {
            longest = Math.max(longest, table.steps(i));
        }
        return new TaskData(s.task(), name, table.featureCount(), outputs, train, val,
                new TestPart(xs, classes, values, null, mean, scale), meta, describe, longest);
    }

    /**
     * A whole file as a test part, read as a trained model reads it: the model's columns, its
     * feature names in its order, its classes (any other label is an error naming the line), its
     * standardisation and its target scaling ({@code data} of the model file, as {@link #metadata()}
     * wrote it).
     *
     * @param file the CSV file
     * @param meta the model's data description
     * @return the task and every sequence (or window) of the file, for {@link TaskEvaluation}
     * @throws org.rnn4j.io.data.DataFileException for malformed data or data that do not match the model
     * @throws IllegalArgumentException if the description is not one {@code ./rnn4j train --data} wrote
     */
    public static TestPart readWhole(Path file, Map<String, String> meta) {
        if (!meta.containsKey("task")) {
            throw new IllegalArgumentException("the model was not trained with ./rnn4j train --data (its file has no "
                    + "data description); evaluate reads CSV files for such models only");
        }
        Task task = Task.of(meta.get("task"));
        Standardizer z = Standardizer.fromMap(meta);
        if (task == Task.FORECAST) {
            List<String> extra = z.names().subList(1, z.names().size());
            Series series = SeriesCsv.read(file, new SeriesCsv.Columns(meta.get("target"), meta.get("time"), extra));
            if (!series.columns().equals(z.names())) {
                throw new IllegalArgumentException(file + ": the columns read are " + series.columns() + " but the model "
                        + "reads " + z.names() + " (the target first); give a file with those columns");
            }
            ForecastWindows w = new ForecastWindows(series, whole(meta, "window"), whole(meta, "horizon"));
            List<double[][]> xs = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            List<double[]> naive = new ArrayList<>();
            for (int i = 0; i < w.count(); i++) {
                xs.add(z.apply(w.inputs(i)));
                values.add(w.forecast(i));
                naive.add(w.naiveForecast(i));
            }
            return new TestPart(xs, null, values, naive, z.mean(0), z.scale(0));
        }
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < whole(meta, "labels"); c++) {
            labels.add(meta.get("label." + c));
        }
        SequenceTable table = SequenceCsv.read(file, new SequenceColumns(task, meta.get("id"), meta.get("target"),
                meta.get("time"), z.names(), labels));
        List<double[][]> xs = new ArrayList<>();
        List<int[]> classes = task.hasClasses() ? new ArrayList<>() : null;
        List<double[]> values = task == Task.REGRESS ? new ArrayList<>() : null;
        for (int i = 0; i < table.size(); i++) {
            xs.add(z.apply(table.features(i)));
            if (task == Task.CLASSIFY) {
                classes.add(new int[] {table.classOf(i)});
            } else if (task == Task.TAG) {
                classes.add(table.stepClasses(i));
            } else {
                values.add(new double[] {table.valueOf(i)});
            }
        }
        return task == Task.REGRESS ? new TestPart(xs, null, values, null, number(meta, "target.mean"),
                number(meta, "target.std")) : new TestPart(xs, classes, null, null, 0, 1);
    }

    private static int whole(Map<String, String> meta, String key) {
        try {
            return Integer.parseInt(meta.getOrDefault(key, ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the model's data description has no whole number '" + key + "'");
        }
    }

    private static double number(Map<String, String> meta, String key) {
        try {
            return Double.parseDouble(meta.getOrDefault(key, ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the model's data description has no number '" + key + "'");
        }
    }

    private static SequenceDataset sequenceData(SequenceTable table, int[] rows, Standardizer z, double mean,
            double scale, int batch) {
        if (table.task() == Task.TAG) {
            return PerStepData.tagging(table, rows, z, batch);
        }
        List<double[][]> xs = new ArrayList<>();
        List<double[]> ds = new ArrayList<>();
        for (int i : rows) {
            xs.add(z.apply(table.features(i)));
            ds.add(new double[] {table.task() == Task.CLASSIFY ? table.classOf(i) : (table.valueOf(i) - mean) / scale});
        }
        return SequenceDataset.perSequence(xs, ds, batch);
    }

    private static TaskData forecast(DataSettings s, String name) {
        SeriesCsv.Columns columns = new SeriesCsv.Columns(s.target(), s.time(), s.features());
        Series series = SeriesCsv.read(s.data(), columns);
        ForecastWindows w = new ForecastWindows(series, s.window(), s.horizon());
        WindowSplit split = WindowSplit.chronological(w, s.testFraction(), s.valFraction());
        Standardizer z = Standardizer.fit(series, split.trainSteps(w));
        double mean = z.mean(0);
        double scale = z.scale(0);
        Map<String, String> meta = new TreeMap<>(z.toMap());
        meta.put("task", s.task().cliName());
        meta.put("target", s.target());
        if (s.time() != null) {
            meta.put("time", s.time());
        }
        meta.put("window", Integer.toString(s.window()));
        meta.put("horizon", Integer.toString(s.horizon()));
        SequenceDataset train = windowData(w, split.train(), z, s.batch());
        SequenceDataset val = split.validation().size() == 0 ? null : windowData(w, split.validation(), z, s.batch());
        List<double[][]> xs = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<double[]> naive = new ArrayList<>();
        for (int i = split.test().from(); i < split.test().to(); i++) {
            xs.add(z.apply(w.inputs(i)));
            values.add(w.forecast(i));
            naive.add(w.naiveForecast(i));
        }
        String describe = "a series of " + series.length() + " steps of " + series.columns() + " from " + s.data()
                + ", " + w.count() + " windows of " + s.window() + " -> " + s.horizon() + "; " + split.train().size()
                + " for training, " + split.validation().size() + " for validation, " + split.test().size()
                + " (the last) for testing";
        return new TaskData(s.task(), name, series.width(), s.horizon(), train, val,
                new TestPart(xs, null, values, naive, mean, scale), meta, describe, s.window());
    }

    private static SequenceDataset windowData(ForecastWindows w, WindowSplit.Range range, Standardizer z, int batch) {
        List<double[][]> xs = new ArrayList<>();
        List<double[]> ds = new ArrayList<>();
        for (int i = range.from(); i < range.to(); i++) {
            xs.add(z.apply(w.inputs(i)));
            double[] y = w.forecast(i);
            for (int h = 0; h < y.length; h++) {
                y[h] = (y[h] - z.mean(0)) / z.scale(0);
            }
            ds.add(y);
        }
        return SequenceDataset.perSequence(xs, ds, batch);
    }

    /** The mean and the population standard deviation (1 if 0) of a value over the rows. */
    private static double[] moments(int[] rows, IntToDoubleFunction value) {
        double sum = 0;
        for (int i : rows) {
            sum += value.applyAsDouble(i);
        }
        double mean = sum / rows.length;
        double sq = 0;
        for (int i : rows) {
            double d = value.applyAsDouble(i) - mean;
            sq += d * d;
        }
        double std = Math.sqrt(sq / rows.length);
        return new double[] {mean, std > 0 ? std : 1};
    }
}
