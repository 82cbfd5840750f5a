package org.rnn4j.examples.training;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.StepEvent;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingPlan;

/**
 * What a training run shows while it goes, on standard error: the step out of the total, the
 * epoch, characters per second, the recent training loss (the mean of the last
 * {@value #WINDOW} steps), the latest validation loss and the time left. On a terminal this is
 * a progress bar ({@link BarProgress}); otherwise (a CI log, a file) plain lines
 * ({@link LineProgress}), which never contain carriage returns or escape codes.
 */
public abstract class Progress implements TrainingListener {

    /** Steps in the running mean of the training loss. */
    static final int WINDOW = 50;

    private final double[] recent = new double[WINDOW];
    private int filled;
    private int next;
    /** The plan of the run, once it has started. */
    TrainingPlan plan;
    /** The last step's event. */
    StepEvent last;
    /** The latest validation loss, NaN before the first. */
    double validation = Double.NaN;
    /** When the run (or this process's part of it) started, System.nanoTime. */
    long startedNanos;

    /**
     * @param err where plain lines go (a bar goes to the process's standard error)
     * @return a bar when the process runs on a terminal, lines otherwise
     */
    public static Progress forConsole(PrintWriter err) {
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return terminal ? new BarProgress() : new LineProgress(err);
    }

    /**
     * Prints a line of its own (a sample, a checkpoint note) without breaking the display.
     *
     * @param line the text
     */
    public abstract void message(String line);

    /**
     * A validation loss measured outside the epoch ends (every N steps).
     *
     * @param loss the loss per character
     */
    public void validated(double loss) {
        validation = loss;
    }

    @Override
    public void onTrainStart(TrainingPlan p) {
        plan = p;
        startedNanos = System.nanoTime();
    }

    @Override
    public void onStep(StepEvent s) {
        last = s;
        recent[next] = s.loss();
        next = (next + 1) % WINDOW;
        filled = Math.min(filled + 1, WINDOW);
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        if (m.validated()) {
            validation = m.validationLoss();
        }
    }

    /** @return the mean training loss of the last steps, NaN before the first */
    double recentLoss() {
        double sum = 0;
        for (int i = 0; i < filled; i++) {
            sum += recent[i];
        }
        return filled == 0 ? Double.NaN : sum / filled;
    }

    /** @return "epoch e/E  train x  val y  n chars/s" for the last step */
    String numbers() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "epoch %d/%d  train %.4f", last.epoch(), plan.epochs(), recentLoss()));
        if (!Double.isNaN(validation)) {
            s.append(String.format(Locale.ROOT, "  val %.4f", validation));
        }
        s.append(String.format(Locale.ROOT, "  %,.0f chars/s", last.charsPerSecond()));
        return s.toString();
    }

    /** @return "epoch e/E train x val y n.nk chars/s": {@link #numbers()} short enough for a bar on 100 columns */
    String shortNumbers() {
        double cps = last.charsPerSecond();
        return String.format(Locale.ROOT, "epoch %d/%d train %.3f%s %s chars/s", last.epoch(), plan.epochs(),
                recentLoss(), Double.isNaN(validation) ? "" : String.format(Locale.ROOT, " val %.3f", validation),
                cps >= 1e4 ? String.format(Locale.ROOT, "%.0fk", cps / 1e3)
                        : cps >= 1e3 ? String.format(Locale.ROOT, "%.1fk", cps / 1e3)
                        : String.format(Locale.ROOT, "%.0f", cps));
    }

    /**
     * @param d a duration
     * @return it as h:mm:ss or m:ss
     */
    static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
