package org.rnn4j.core.train;

/**
 * Watches a {@link Trainer}: progress bars, logs, checkpoints, plots. Every method has a no-op
 * default; override what you need. The calls come in this order, on the training thread:
 *
 * <pre>
 *   onTrainStart
 *   ( onEpochStart  onStep*  onEpochEnd )*     (the last epoch may be cut short by a step limit)
 *   onTrainEnd                                 (always, also after a non-finite loss)
 * </pre>
 *
 * During {@link #onStep} the step is complete (parameters updated, state carried), so a
 * listener may call {@link Trainer#state()} for a checkpoint or {@link Trainer#evaluate} for a
 * validation loss. Exceptions thrown by a listener stop training and propagate.
 */
public interface TrainingListener {

    /**
     * Before the first step.
     *
     * @param plan epochs, batches per epoch, the step limit and where training starts
     */
    default void onTrainStart(TrainingPlan plan) {
    }

    /**
     * Before an epoch's first batch, after the schedule has set the learning rate.
     *
     * @param epoch the epoch's number: 1 for the first epoch
     * @param learningRate the rate in force for it
     */
    default void onEpochStart(int epoch, double learningRate) {
    }

    /**
     * After each optimizer step.
     *
     * @param step what happened in it
     */
    default void onStep(StepEvent step) {
    }

    /**
     * After an epoch (or the part of it a step limit allowed), with its validation loss.
     *
     * @param metrics the epoch's numbers
     */
    default void onEpochEnd(EpochMetrics metrics) {
    }

    /**
     * When training ends, for whatever reason. The network still holds the last weights (with
     * {@link TrainingConfig#restoreBestWeights}, the best are put back after every listener's
     * {@code onTrainEnd}), so a checkpoint of {@link TrainingResult#state()} written here
     * resumes exactly.
     *
     * @param result why it stopped, and the history
     */
    default void onTrainEnd(TrainingResult result) {
    }
}
