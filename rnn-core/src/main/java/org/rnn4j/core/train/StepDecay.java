package org.rnn4j.core.train;

/**
 * Step decay, as PyTorch's {@code torch.optim.lr_scheduler.StepLR}: the rate drops by a factor
 * every {@code stepSize} epochs,
 *
 * <pre>
 *   lr(epoch) = base * gamma^floor(epoch / stepSize)        (epoch: epochs completed, 0 in the first)
 * </pre>
 *
 * @param stepSize epochs between decays, at least 1
 * @param gamma the factor, in (0, 1]
 */
public record StepDecay(int stepSize, double gamma) implements LearningRateSchedule {

    /** Checks the settings. */
    public StepDecay {
        if (stepSize < 1) {
            throw new IllegalArgumentException("step decay: step_size must be >= 1 epoch, got " + stepSize);
        }
        ExponentialDecay.checkGamma("step decay", gamma);
    }

    @Override
    public double rate(double base, int epoch) {
        return base * Math.pow(gamma, Math.floorDiv(epoch, stepSize));
    }
}
