package org.rnn4j.core.math;

/**
 * Work over a range of independent indices (batch rows, matrix rows), run by
 * {@link Kernels#parallel(int, long, Range)} on slices [from, to) that never share an index.
 */
@FunctionalInterface
public interface Range {

    /**
     * Does the work for indices {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from first index
     * @param to one past the last index
     */
    void run(int from, int to);
}
