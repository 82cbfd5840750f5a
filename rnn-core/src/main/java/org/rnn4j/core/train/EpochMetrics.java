package org.rnn4j.core.train;

/**
 * The numbers of one epoch.
 *
 * @param epoch the epoch's number: 1 for the first epoch
 * @param step optimizer steps done in all at its end
 * @param batches batches trained in it (fewer than an epoch's if a step limit cut it)
 * @param trainLoss the mean loss per real step over its batches, as they were trained (the
 *     parameters changing along the way, as Keras reports it)
 * @param validationLoss the mean loss per real step on the validation data after it, NaN
 *     without validation
 * @param learningRate the rate in force
 * @param seconds wall time of its training steps (validation excluded)
 * @param charsPerSecond real (unpadded) steps trained per second: characters per second for text
 */
public record EpochMetrics(int epoch, long step, int batches, double trainLoss, double validationLoss,
        double learningRate, double seconds, double charsPerSecond) {

    /** @return whether there is a validation loss */
    public boolean validated() {
        return !Double.isNaN(validationLoss);
    }
}
