package org.rnn4j.core.train;

/**
 * What a training run is about to do, for progress bars and ETAs.
 *
 * @param epochs the epochs configured
 * @param batchesPerEpoch optimizer steps per epoch
 * @param maxSteps the step limit, 0 for none
 * @param startEpoch the number of the epoch training starts in (1, or later when resuming)
 * @param startStep steps already done (0, or more when resuming)
 * @param validating whether each epoch ends with a validation loss
 */
public record TrainingPlan(int epochs, int batchesPerEpoch, long maxSteps, int startEpoch, long startStep,
        boolean validating) {

    /** @return the step count at which training will end, unless stopped early */
    public long totalSteps() {
        long all = (long) epochs * batchesPerEpoch;
        return maxSteps > 0 ? Math.min(all, maxSteps) : all;
    }
}
