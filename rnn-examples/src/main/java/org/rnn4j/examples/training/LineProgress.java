package org.rnn4j.examples.training;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.StepEvent;
import org.rnn4j.core.train.TrainingPlan;

/**
 * Progress as plain lines, for logs: one about every tenth of the run and one at the end of
 * every epoch (with its validation loss).
 *
 * <pre>
 * step 188/1875 (10%)  epoch 2/15  train 0.5123  val 0.5035  35,041 chars/s  left 0:12
 * epoch 2/15 ended at step 250: train 0.5047  val 0.5035  35,041 chars/s
 * </pre>
 */
final class LineProgress extends Progress {

    private final PrintWriter err;
    private long every;

    LineProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onTrainStart(TrainingPlan p) {
        super.onTrainStart(p);
        every = Math.max(1, (p.totalSteps() + 9) / 10);
    }

    @Override
    public void onStep(StepEvent s) {
        super.onStep(s);
        long total = plan.totalSteps();
        if (s.step() % every == 0 && s.step() < total) {
            long done = s.step() - plan.startStep();
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            Duration left = Duration.ofMillis((long) (seconds / done * (total - s.step()) * 1000));
            err.printf(Locale.ROOT, "step %d/%d (%.0f%%)  %s  left %s%n", s.step(), total, 100.0 * s.step() / total,
                    numbers(), clock(left));
            err.flush();
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        super.onEpochEnd(m);
        err.printf(Locale.ROOT, "epoch %d/%d ended at step %d: train %.4f%s  %,.0f chars/s%n", m.epoch(),
                plan.epochs(), m.step(), m.trainLoss(),
                m.validated() ? String.format(Locale.ROOT, "  val %.4f", m.validationLoss()) : "", m.charsPerSecond());
        err.flush();
    }

    @Override
    public void message(String line) {
        err.println(line);
        err.flush();
    }
}
