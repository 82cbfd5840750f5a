package org.rnn4j.optim;

import org.rnn4j.api.Options;

/** Names of the hyperparameters and the range checks that several optimizers share. */
final class Settings {

    static final String LR = "lr";
    static final String MOMENTUM = "momentum";
    static final String DAMPENING = "dampening";
    static final String NESTEROV = "nesterov";
    static final String WEIGHT_DECAY = "weight_decay";
    static final String LR_DECAY = "lr_decay";
    static final String INITIAL_ACCUMULATOR_VALUE = "initial_accumulator_value";
    static final String EPS = "eps";
    static final String ALPHA = "alpha";
    static final String CENTERED = "centered";
    static final String BETA1 = "beta1";
    static final String BETA2 = "beta2";
    static final String AMSGRAD = "amsgrad";

    private Settings() {
    }

    /**
     * A finite value {@code >= 0}, the range PyTorch checks for lr, momentum, weight_decay,
     * lr_decay, initial_accumulator_value and alpha.
     */
    static double nonNegative(Options options, String key, double fallback) {
        return options.number(key, fallback, 0, true, Double.POSITIVE_INFINITY, false);
    }

    /**
     * A finite value {@code > 0}: {@code eps}, which the adaptive optimizers add to a square root
     * they divide by. PyTorch allows 0, but then a parameter whose gradient is exactly zero (the
     * weights of a character absent from a batch) gets the update 0 / 0 = NaN at once, so rnn4j
     * rejects it with a message instead.
     */
    static double positive(Options options, String key, double fallback) {
        return options.number(key, fallback, 0, false, Double.POSITIVE_INFINITY, false);
    }

    /**
     * A fraction in {@code [0, 1]}: SGD's dampening and RMSprop's alpha. PyTorch does not check
     * these, but outside [0, 1] the running averages grow without bound or change sign, so rnn4j
     * rejects them with a message instead of producing NaN later.
     */
    static double fraction(Options options, String key, double fallback) {
        return options.number(key, fallback, 0, true, 1, true);
    }

    /** A value in {@code [0, 1)}, as PyTorch checks Adam's betas. */
    static double beta(Options options, String key, double fallback) {
        return options.number(key, fallback, 0, true, 1, false);
    }

    /**
     * @return {@code lr}, if finite and {@code >= 0}
     * @throws IllegalArgumentException otherwise
     */
    static double checkLearningRate(String optimizer, double lr) {
        if (!(Double.isFinite(lr) && lr >= 0)) {
            throw new IllegalArgumentException("optimizer '" + optimizer + "': " + LR
                    + " must be a finite number >= 0, got " + lr);
        }
        return lr;
    }
}
