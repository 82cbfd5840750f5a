package org.rnn4j.core.train;

/** Why a {@link Trainer} stopped. */
public enum StopReason {
    /** Every configured epoch ran. */
    COMPLETED,
    /** The configured number of steps was reached. */
    STEP_LIMIT,
    /** The validation loss stopped improving for {@code patience} epochs. */
    EARLY_STOPPED,
    /** A loss, gradient norm or validation loss was NaN or infinite; see the result's message. */
    NON_FINITE
}
