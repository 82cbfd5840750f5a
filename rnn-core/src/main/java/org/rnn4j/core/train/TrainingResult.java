package org.rnn4j.core.train;

import java.util.List;

/**
 * How a training run ended.
 *
 * @param reason why it stopped
 * @param message one line for a user: what happened and, for {@link StopReason#NON_FINITE},
 *     what to try
 * @param steps optimizer steps done in all
 * @param history the metrics of every epoch, oldest first
 * @param state where to resume from: for {@link StopReason#STEP_LIMIT} and
 *     {@link StopReason#NON_FINITE}, the position right after the last good step, before any
 *     end-of-epoch work, so that resuming continues exactly as an uninterrupted run would
 */
public record TrainingResult(StopReason reason, String message, long steps, List<EpochMetrics> history,
        TrainingState state) {

    /** Copies the history. */
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** @return the last epoch's metrics, or null if none ended */
    public EpochMetrics lastEpoch() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
