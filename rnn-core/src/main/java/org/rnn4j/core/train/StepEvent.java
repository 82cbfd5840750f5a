package org.rnn4j.core.train;

/**
 * One optimizer step, as a {@link TrainingListener} sees it.
 *
 * @param epoch the epoch's number: 1 for the first epoch
 * @param batch batches done in this epoch, counting this one (1 .. batchesPerEpoch)
 * @param batchesPerEpoch batches in an epoch
 * @param step optimizer steps done in all, counting this one
 * @param loss this batch's loss per real step (the mean over unpadded steps, whatever the
 *     network's reduction)
 * @param gradientNorm the global L2 norm of the gradients before clipping
 * @param learningRate the rate used
 * @param realSteps the unpadded steps of the batch (characters, for text)
 * @param charsPerSecond unpadded steps per second since the epoch (or the resumed part of it) began
 */
public record StepEvent(int epoch, int batch, int batchesPerEpoch, long step, double loss, double gradientNorm,
        double learningRate, int realSteps, double charsPerSecond) {
}
