package org.rnn4j.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.GradientCluster;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.examples.training.DataSettings;
import org.rnn4j.examples.training.Progress;
import org.rnn4j.examples.training.StopOnSignal;
import org.rnn4j.examples.training.TaskEvaluation;
import org.rnn4j.examples.training.TaskRun;
import org.rnn4j.io.data.Task;
import org.rnn4j.io.model.Checkpoint;

/**
 * {@code ./rnn4j train --data FILE.csv --task ...}: runs a {@link TaskRun} and reports it as
 * {@code train} reports every run (the files saved; with {@code --json} one last line of JSON
 * with the keys of {@code train} (its {@code precision} among them) plus {@code task}, {@code test_accuracy}, {@code test_rmse},
 * {@code test_mae} and {@code naive_rmse}, null where they do not apply).
 */
final class DataTraining {

    private DataTraining() {
    }

    /**
     * @param s the settings
     * @param resume the checkpoint to continue ({@code --resume}) and its file, or null for a new run
     * @param save {@code --save}, or null
     * @param overwrite {@code --overwrite}
     * @param json {@code --json}
     * @param cluster {@code --spark} and {@code --workers}, connected once the data are read
     * @param out the report
     * @param err progress and messages
     * @return the exit code: 0, or 1 when the run stopped on a NaN or by a signal
     */
    static int run(DataSettings s, Resume resume, Path save, boolean overwrite, boolean json, Cluster cluster,
            PrintWriter out, PrintWriter err) {
        Progress progress = Progress.forConsole(err);
        try (TaskRun run = resume == null ? TaskRun.fresh(Registry.installed(), s, save, overwrite, progress)
                : TaskRun.resumed(Registry.installed(), resume.checkpoint(), resume.file(), s, save, overwrite, progress);
                GradientCluster.Session session = Clusters.connect(cluster.found(), cluster.master(),
                        cluster.workers())) {
            run.gradientsOn(session);
            out.println("rnn4j train: " + run.describeData());
            out.println("  " + s.describe() + (resume != null ? ", resumed from " + resume.file() : ""));
            if (session != null) {
                out.println("  " + session.describe());
            }
            if (run.filesNote() != null) {
                out.println("  " + run.filesNote());
            }
            out.flush();
            try (StopOnSignal stop = StopOnSignal.install()) {
                TaskRun.Outcome o = run.stopWhen(stop::requested).run();
                report(s.task(), o, json, out);
                if (o.stopped()) {
                    err.println("rnn4j train: stopped by a signal (SIGTERM or Ctrl-C) after step " + o.result().steps()
                            + ", every file saved; continue with " + run.resumeCommand());
                    return 1;
                }
                if (o.result().reason() == StopReason.NON_FINITE) {
                    err.println("rnn4j train: " + o.result().message());
                    return 1;
                }
                return 0;
            }
        }
    }

    /**
     * Where {@code --spark} computes the gradients.
     *
     * @param found the cluster found for {@code --spark}, or null without it
     * @param master {@code --spark}
     * @param workers {@code --workers}, or null for the cluster's default
     */
    record Cluster(GradientCluster found, String master, Integer workers) {
    }

    /**
     * {@code --resume}: the checkpoint of a {@code --data} run.
     *
     * @param checkpoint the checkpoint read
     * @param file its file
     */
    record Resume(Checkpoint checkpoint, Path file) {
    }

    private static void report(Task task, TaskRun.Outcome o, boolean json, PrintWriter out) {
        out.printf(Locale.ROOT, "trained %,d steps in %.1f s: training loss %.4f, validation loss %s%s%n",
                o.result().steps(), o.seconds(), o.trainLoss(), Double.isNaN(o.valLoss()) ? "-"
                        : String.format(Locale.ROOT, "%.4f", o.valLoss()), o.result().restored() != null
                        ? " (the best epoch, " + o.result().restored().epoch() + ", kept)" : "");
        TaskEvaluation t = o.test();
        if (t != null && t.count() > 0) {
            if (task.hasClasses()) {
                out.printf(Locale.ROOT, "test: accuracy %.4f on %,d held-out %s%n", t.accuracy(), t.count(),
                        task == Task.TAG ? "sequences (per step)" : "sequences");
            } else {
                out.printf(Locale.ROOT, "test: RMSE %.6g, MAE %.6g on %,d held-out %s%s%n", t.rmse(), t.mae(), t.count(),
                        task == Task.FORECAST ? "windows (the last in time)" : "sequences", task == Task.FORECAST
                                ? String.format(Locale.ROOT, "; repeating the last value: RMSE %.6g", t.naiveRmse()) : "");
            }
        }
        if (o.saved()) {
            out.println("saved:");
            out.println("  model       " + o.files().model());
            out.println("  checkpoint  " + o.files().checkpoint());
            out.println("  plot        " + (o.plotted() ? o.files().plot() : "(not drawn, see the message above)"));
            out.println("  csv         " + o.files().csv());
        } else {
            out.println("nothing saved: the run stopped before any good step; " + o.files().model()
                    + " and the files beside it are as they were");
        }
        if (json) {
            out.println(Json.of(json(task, o)));
        }
        out.flush();
    }

    private static Map<String, Object> json(Task task, TaskRun.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", o.saved() ? o.files().model().toString() : null);
        m.put("plot", o.plotted() ? o.files().plot().toString() : null);
        m.put("csv", o.saved() ? o.files().csv().toString() : null);
        m.put("steps", o.result().steps());
        m.put("train_loss", finite(o.trainLoss()));
        m.put("val_loss", finite(o.valLoss()));
        m.put("chars_per_s", null); // no characters: the steps per second are not characters
        m.put("precision", o.network().precision().label());
        m.put("task", task.cliName());
        TaskEvaluation t = o.test();
        m.put("test_accuracy", t == null ? null : finite(t.accuracy()));
        m.put("test_rmse", t == null ? null : finite(t.rmse()));
        m.put("test_mae", t == null ? null : finite(t.mae()));
        m.put("naive_rmse", t == null ? null : finite(t.naiveRmse()));
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
