package org.rnn4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.examples.limits.InputFile;
import org.rnn4j.examples.training.EvaluationPlots;
import org.rnn4j.examples.training.TaskData;
import org.rnn4j.examples.training.TaskEvaluation;
import org.rnn4j.io.data.Task;
import org.rnn4j.io.model.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j evaluate --model M --data FILE.csv [--json]}: a model trained with
 * {@code ./rnn4j train --data} on every sequence (or forecast window) of a CSV file, read with the
 * model's columns, classes and standardisation: accuracy, per-class precision, recall and F1 and
 * the confusion matrix for classify and tag; RMSE, MAE and R^2 for regress and forecast, and for
 * forecast the RMSE of repeating the last observed value; and a PNG ({@link EvaluationPlots}): the
 * confusion matrix as a heat map, or predicted against actual values, beside the model or at
 * {@code --plot}, never over the model or the data.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Evaluate a model trained with ./rnn4j train --data on a CSV file with the same columns.", ""},
        footer = {"", "Example:", "  ./rnn4j evaluate --model runs/order.safetensors --data order-test.csv --json"})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M", description = "A model file written by ./rnn4j "
            + "train --data.")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "The data: the columns the "
            + "model was trained on, targets included.")
    private Path data;

    @Option(names = "--json", description = "End with one JSON line: task, count, accuracy, classes, precision, "
            + "recall, f1, confusion (rows actual, columns predicted), rmse, mae, r2, naive_rmse; null where they do "
            + "not apply; plot.")
    private boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Where the picture goes: the confusion matrix "
            + "as a heat map (classify, tag) or predicted against actual values (regress, forecast). Default: beside "
            + "the model, <model>.confusion.png or <model>.predicted.png.")
    private Path plot;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InputFile.requireRegular("--data", data, "the data", "a CSV file");
        SavedModel m = ModelArgument.loadTrainedOnData(model, "evaluate");
        Task task = Task.of(m.data().get("task"));
        Path picture = plot != null ? plot : beside(model, task.hasClasses() ? ".confusion.png" : ".predicted.png");
        PredictCommand.refuseOver("--plot", "the picture", picture, data, "the data");
        PredictCommand.refuseOver("--plot", "the picture", picture, model, "the model");
        TaskData.TestPart test = TaskData.readWhole(data, m.data());
        TaskEvaluation e = TaskEvaluation.of(m.network(), task, test);
        List<String> labels = new ArrayList<>();
        for (int c = 0; task.hasClasses() && c < m.network().outputSize(); c++) {
            labels.add(m.data().get("label." + c));
        }
        draw(m, task, test, e, labels, picture);
        Map<String, Object> r = report(task, e, labels);
        r.put("plot", picture.toString());
        out.printf(Locale.ROOT, "rnn4j evaluate: %s on %s, %s, %,d %s%n", model, data, task.cliName(), e.count(),
                task == Task.FORECAST ? "windows" : "sequences");
        if (task.hasClasses()) {
            out.printf(Locale.ROOT, "accuracy %.4f%s%n", e.accuracy(), task == Task.TAG ? " (per step)" : "");
            out.println("class  precision  recall  f1      (confusion: rows actual, columns predicted)");
            for (int c = 0; c < labels.size(); c++) {
                out.printf(Locale.ROOT, "%-6s %-10s %-7s %-7s %s%n", labels.get(c), fmt(precision(e.confusion(), c)),
                        fmt(recall(e.confusion(), c)), fmt(f1(e.confusion(), c)), Arrays.toString(
                        e.confusion()[c]));
            }
        } else {
            out.printf(Locale.ROOT, "RMSE %.6g, MAE %.6g, R^2 %.4f%s%n", e.rmse(), e.mae(), e.r2(), task == Task.FORECAST
                    ? String.format(Locale.ROOT, "; repeating the last value: RMSE %.6g", e.naiveRmse()) : "");
        }
        out.println("picture: " + picture);
        if (json) {
            out.println(Json.of(r));
        }
        out.flush();
        return 0;
    }

    private void draw(SavedModel m, Task task, TaskData.TestPart test, TaskEvaluation e, List<String> labels,
            Path picture) {
        String title = data.getFileName() + ": " + task.cliName();
        try {
            if (e.confusion() != null) {
                EvaluationPlots.confusion(e.confusion(), labels, title + ", confusion" + (task == Task.TAG
                        ? " (steps)" : ""), picture);
            } else {
                EvaluationPlots.predictedVsActual(EvaluationPlots.pairs(m.network(), test), title
                        + ", predicted against actual", picture);
            }
        } catch (IOException ex) {
            throw new IllegalArgumentException("--plot: cannot write " + picture + ": " + ex.getMessage());
        }
    }

    /** {@code runs/order.safetensors} with {@code .confusion.png}: {@code runs/order.confusion.png}. */
    private static Path beside(Path model, String suffix) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return model.resolveSibling(stem + suffix);
    }

    private static Map<String, Object> report(Task task, TaskEvaluation e, List<String> labels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task.cliName());
        m.put("count", e.count());
        m.put("accuracy", finite(e.accuracy()));
        boolean classes = e.confusion() != null;
        m.put("classes", classes ? labels : null);
        Map<String, Object> p = new LinkedHashMap<>();
        Map<String, Object> rc = new LinkedHashMap<>();
        Map<String, Object> f = new LinkedHashMap<>();
        List<List<Integer>> confusion = new ArrayList<>();
        for (int c = 0; classes && c < labels.size(); c++) {
            p.put(labels.get(c), finite(precision(e.confusion(), c)));
            rc.put(labels.get(c), finite(recall(e.confusion(), c)));
            f.put(labels.get(c), finite(f1(e.confusion(), c)));
            List<Integer> row = new ArrayList<>();
            for (int v : e.confusion()[c]) {
                row.add(v);
            }
            confusion.add(row);
        }
        m.put("precision", classes ? p : null);
        m.put("recall", classes ? rc : null);
        m.put("f1", classes ? f : null);
        m.put("confusion", classes ? confusion : null);
        m.put("rmse", finite(e.rmse()));
        m.put("mae", finite(e.mae()));
        m.put("r2", finite(e.r2()));
        m.put("naive_rmse", finite(e.naiveRmse()));
        return m;
    }

    /** Of the predictions of class c, the fraction right; NaN when c was never predicted. */
    static double precision(int[][] confusion, int c) {
        long predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return confusion[c][c] / (double) predicted;
    }

    /** Of the examples of class c, the fraction found; NaN when there are none. */
    static double recall(int[][] confusion, int c) {
        long actual = 0;
        for (int v : confusion[c]) {
            actual += v;
        }
        return confusion[c][c] / (double) actual;
    }

    /** The harmonic mean of precision and recall; 0 when both are 0, NaN when either is undefined. */
    static double f1(int[][] confusion, int c) {
        double p = precision(confusion, c);
        double r = recall(confusion, c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
