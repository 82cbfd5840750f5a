package org.rnn4j.core.train;

import java.util.List;

/**
 * How a training run ended.
 *
 * @param reason why it stopped
 * @param message one line for a user: what happened and, for {@link StopReason#NON_FINITE},
 *     what to try; it also says when the run ended far above its best validation loss and
 *     when the best weights were restored
 * @param steps optimizer steps done in all
 * @param history the metrics of every epoch, oldest first
 * @param state where to resume from: for {@link StopReason#STEP_LIMIT} and
 *     {@link StopReason#NON_FINITE}, the position right after the last good step, before any
 *     end-of-epoch work, so that resuming continues exactly as an uninterrupted run would; with
 *     restored weights, still the last position (resuming needs the last weights, not the best)
 * @param restored the epoch whose weights the network was set back to at the end
 *     ({@link TrainingConfig#restoreBestWeights(boolean)}), or null if it holds the last weights
 */
public record TrainingResult(StopReason reason, String message, long steps, List<EpochMetrics> history,
        TrainingState state, EpochMetrics restored) {

    /**
     * A last validation loss above this many times the best counts as far above it
     * ({@link #endedFarAboveBest()}): 20% worse.
     */
    public static final double FAR_ABOVE = 1.2;

    /** Copies the history. */
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** @return the last epoch's metrics, or null if none ended */
    public EpochMetrics lastEpoch() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /**
     * @return the epoch of the history with the lowest validation loss (the first of equals), or
     *     null if no epoch has a finite one
     */
    public EpochMetrics bestEpoch() {
        EpochMetrics best = null;
        for (EpochMetrics m : history) {
            if (Double.isFinite(m.validationLoss()) && (best == null || m.validationLoss() < best.validationLoss())) {
                best = m;
            }
        }
        return best;
    }

    /**
     * Whether training drifted away from its best: the last epoch's validation loss is more than
     * {@link #FAR_ABOVE} times the lowest of the run (or infinite), whatever weights the
     * network holds now.
     *
     * @return false without validation
     */
    public boolean endedFarAboveBest() {
        EpochMetrics last = lastEpoch();
        EpochMetrics best = bestEpoch();
        if (last == null || best == null || !last.validated()) {
            return false;
        }
        return !(last.validationLoss() <= FAR_ABOVE * best.validationLoss());
    }
}
