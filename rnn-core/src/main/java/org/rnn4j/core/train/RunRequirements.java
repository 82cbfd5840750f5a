package org.rnn4j.core.train;

import org.rnn4j.core.Network;

/**
 * What a {@link Trainer}'s run needs of its settings, network and data before its first step;
 * each refusal a one-line message saying what to change.
 */
final class RunRequirements {

    private RunRequirements() {
    }

    /**
     * @param config the settings of a run given a separate validation dataset
     * @throws IllegalArgumentException if they also hold out a validation fraction
     */
    static void noValidationFraction(TrainingConfig config) {
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("training: a validation dataset was given and the validation fraction is "
                    + config.validationFraction() + "; use one or the other");
        }
    }

    /**
     * @param config the settings
     * @param net the network
     * @param truncates whether the run uses truncated BPTT
     * @param train the training data
     * @param validation the validation data, or null
     * @param from the position resumed from
     * @throws IllegalArgumentException on settings that do not fit the network or the data
     */
    static void check(TrainingConfig config, Network net, boolean truncates, Dataset train, Dataset validation,
            TrainingState from) {
        if (config.patience() > 0 && validation == null) {
            throw new IllegalArgumentException("training: early stopping needs validation data; set a validation "
                    + "fraction in (0, 1) or pass a validation dataset");
        }
        if (train.carriesState()) {
            TruncatedBptt.requireUnidirectional(net, "carrying the state from batch to batch (a stream dataset)");
        }
        if (truncates) {
            TruncatedBptt.requireUnidirectional(net, "truncated BPTT");
            if (net.head() != null) {
                throw new IllegalArgumentException("training: truncated BPTT cuts each sequence into chunks, but the "
                        + "network's sequence head reads whole sequences; train it without truncation");
            }
        }
        if (config.restoreBestWeights() && validation == null) {
            throw new IllegalArgumentException("training: restoring the best weights needs validation data; set a "
                    + "validation fraction in (0, 1) or pass a validation dataset");
        }
        if (from.batch() > train.batchesPerEpoch()) {
            throw new IllegalArgumentException("training: cannot resume at batch " + from.batch() + " of an epoch of "
                    + train.batchesPerEpoch() + " batches");
        }
    }
}
