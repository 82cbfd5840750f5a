package org.rnn4j.core.train;

/**
 * The learning rate of each epoch as a function of the base rate and the epoch number, in
 * closed form (so a resumed run needs only the epoch to know its rate). The {@link Trainer}
 * calls {@link org.rnn4j.api.Optimizer#setLearningRate} with it at the start of every epoch;
 * the base rate is the optimizer's rate when the run began (kept in {@link TrainingState}).
 *
 * <p>The argument counts the epochs completed before the one whose rate is asked, as PyTorch's
 * schedulers count them: {@code rate(base, 0)} is the rate of the first epoch (number 1 in
 * {@link EpochMetrics#epoch()}), which they also leave at the base rate.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The learning rate for an epoch.
     *
     * @param base the base rate, finite and &gt;= 0
     * @param epoch the epochs completed before it: 0 for the first epoch
     * @return the rate, finite and &gt;= 0
     */
    double rate(double base, int epoch);

    /**
     * PyTorch's {@code StepLR(step_size, gamma)}: {@code base * gamma^floor(epoch / stepSize)}.
     *
     * @param stepSize epochs between decays, at least 1
     * @param gamma the factor, in (0, 1]
     * @return the schedule
     */
    static LearningRateSchedule step(int stepSize, double gamma) {
        return new StepDecay(stepSize, gamma);
    }

    /**
     * PyTorch's {@code ExponentialLR(gamma)}: {@code base * gamma^epoch}.
     *
     * @param gamma the factor per epoch, in (0, 1]
     * @return the schedule
     */
    static LearningRateSchedule exponential(double gamma) {
        return new ExponentialDecay(gamma, 1);
    }

    /**
     * char-rnn's default ({@code -learning_rate_decay 0.97 -learning_rate_decay_after 10}): ten
     * epochs at the base rate, then times 0.97 after each further epoch.
     *
     * @return the schedule
     */
    static LearningRateSchedule charRnn() {
        return new ExponentialDecay(0.97, 10);
    }
}
