package org.rnn4j.core.train;

/**
 * Exponential decay after a number of epochs at the base rate, which covers both PyTorch's
 * {@code ExponentialLR(gamma)} ({@code decayAfter = 1}) and char-rnn's
 * {@code learning_rate_decay} / {@code learning_rate_decay_after} (0.97 and 10: char-rnn's
 * train.lua multiplies the rate by 0.97 at the end of every epoch whose number, counted from 1,
 * is at least 10):
 *
 * <pre>
 *   lr(epoch) = base * gamma^max(0, epoch - decayAfter + 1)      (epoch: epochs completed, 0 in the first)
 * </pre>
 *
 * so the first decayAfter epochs run at the base rate and the next one at base * gamma.
 *
 * @param gamma the factor per epoch, in (0, 1]
 * @param decayAfter how many epochs run at the base rate, at least 1
 */
public record ExponentialDecay(double gamma, int decayAfter) implements LearningRateSchedule {

    /** Checks the settings. */
    public ExponentialDecay {
        checkGamma("exponential decay", gamma);
        if (decayAfter < 1) {
            throw new IllegalArgumentException("exponential decay: decay_after must be >= 1 epoch, got " + decayAfter);
        }
    }

    @Override
    public double rate(double base, int epoch) {
        return base * Math.pow(gamma, Math.max(0, epoch - decayAfter + 1));
    }

    static void checkGamma(String what, double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException(what + ": gamma must be in (0, 1], got " + gamma);
        }
    }
}
