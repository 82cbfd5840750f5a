package org.rnn4j.core;

/** How a network combines the per-row losses of a batch into one number. */
public enum Reduction {
    /** The sum over real (unmasked) rows: the tutorial's convention. */
    SUM,
    /** The sum divided by the number of real rows: PyTorch's default. */
    MEAN
}
