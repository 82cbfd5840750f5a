package org.rnn4j.examples.training;

import java.util.List;
import java.util.Map;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.StepEvent;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingPlan;

/**
 * Records the loss curve as training goes (a point of mean training loss every 1/{@value #POINTS}
 * of the run, a validation loss wherever one is measured) and the training speed: characters
 * per second of the steps themselves, without validation, checkpoints and samples.
 *
 * <p>The training loss of the steps since the last point is kept in a checkpoint
 * ({@link #pending()}) and restored on resuming ({@link #restore}), so that a resumed run's
 * curve has exactly the points of an uninterrupted one.
 */
final class CurveRecorder implements TrainingListener {

    /** Training-loss points over a whole run. */
    static final int POINTS = 200;
    /** The checkpoint entry of the loss summed since the last point (a double's bits, in hex). */
    static final String LOSS_SUM = "curve.loss_sum";
    /** The checkpoint entry of the characters it sums over. */
    static final String LOSS_CHARS = "curve.loss_chars";

    private final LossCurve curve;
    private long interval = 1;
    private double lossSum;
    private long lossChars;
    private long chars;
    private long trainNanos;
    private long mark;

    /** @param curve the curve to extend (empty, or the interrupted run's when resuming) */
    CurveRecorder(LossCurve curve) {
        this.curve = curve;
    }

    /** @return the curve it extends */
    LossCurve curve() {
        return curve;
    }

    @Override
    public void onTrainStart(TrainingPlan plan) {
        interval = Math.max(1, plan.totalSteps() / POINTS);
        mark = System.nanoTime();
    }

    @Override
    public void onEpochStart(int epoch, double learningRate) {
        mark = System.nanoTime();
    }

    @Override
    public void onStep(StepEvent s) {
        long now = System.nanoTime();
        trainNanos += now - mark;
        mark = now;
        chars += s.realSteps();
        lossSum += s.loss() * s.realSteps();
        lossChars += s.realSteps();
        if (s.step() % interval == 0) {
            point(s.step(), s.epoch(), Double.NaN);
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        point(m.step(), m.epoch(), m.validationLoss());
    }

    /**
     * A validation loss measured between epoch ends.
     *
     * @param step the step it was measured after
     * @param epoch its epoch
     * @param loss the loss
     */
    void validated(long step, int epoch, double loss) {
        point(step, epoch, loss);
    }

    /**
     * Leaves time spent inside a listener (validation, checkpoint, sample) out of the speed.
     *
     * @param nanos the time to leave out
     */
    void exclude(long nanos) {
        mark += nanos;
    }

    /** @return the steps since the last point, as checkpoint entries ({@link #restore} reads them) */
    Map<String, String> pending() {
        return Map.of(LOSS_SUM, Long.toHexString(Double.doubleToRawLongBits(lossSum)), LOSS_CHARS,
                Long.toString(lossChars));
    }

    /**
     * Continues the steps since the last point of an interrupted run.
     *
     * @param position the checkpoint's entries; a checkpoint without {@link #pending()}'s entries
     *     (from before they were kept) starts the next point afresh
     * @throws IllegalArgumentException if an entry is malformed
     */
    void restore(Map<String, String> position) {
        String sum = position.get(LOSS_SUM);
        String n = position.get(LOSS_CHARS);
        if (sum == null || n == null) {
            return;
        }
        try {
            lossSum = Double.longBitsToDouble(Long.parseUnsignedLong(sum, 16));
            lossChars = Long.parseLong(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's '" + LOSS_SUM + "' or '" + LOSS_CHARS + "' is not a "
                    + "number: " + sum + ", " + n);
        }
    }

    /** @return characters trained per second in this process, NaN before any step */
    double charsPerSecond() {
        return trainNanos == 0 ? Double.NaN : chars / (trainNanos / 1e9);
    }

    /** Adds the training loss since the last point (if any steps) and the validation loss (if any). */
    private void point(long step, int epoch, double val) {
        if (lossChars > 0) {
            curve.add(new LossCurve.Point(step, epoch, lossSum / lossChars, val));
            lossSum = 0;
            lossChars = 0;
            return;
        }
        if (Double.isNaN(val)) {
            return;
        }
        List<LossCurve.Point> all = curve.points();
        LossCurve.Point last = all.isEmpty() ? null : all.get(all.size() - 1);
        if (last != null && last.step() == step) {
            curve.replaceLast(new LossCurve.Point(step, epoch, last.trainLoss(), val));
        } else {
            curve.add(new LossCurve.Point(step, epoch, Double.NaN, val));
        }
    }
}
