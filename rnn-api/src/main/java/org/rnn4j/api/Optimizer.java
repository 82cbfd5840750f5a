package org.rnn4j.api;

import java.util.List;

/**
 * Updates parameters from their gradients; made by an {@link OptimizerProvider}.
 *
 * <h2>Life cycle</h2>
 * <ol>
 *   <li>The trainer computes gradients (backward passes add into {@link Parameter#grad()}).</li>
 *   <li>It may clip them, then calls {@link #step(List)} with the same list of parameters, in
 *       the same order, every time. {@code step} <b>subtracts</b> its update from each value
 *       (the package's gradient convention) and leaves the gradients alone.</li>
 *   <li>It zeroes the gradients before the next batch.</li>
 * </ol>
 * Per-parameter state (momentum buffers, running averages) is created on the first step and
 * kept, by position in the list, until {@link #reset()}. An optimizer serves one parameter list
 * and is not safe for concurrent use.
 */
public interface Optimizer {

    /** @return the provider name ({@code "adam"}) */
    String name();

    /**
     * One update of every parameter from its current gradient.
     *
     * @param parameters the same list, in the same order, at every step
     * @throws IllegalArgumentException if the list does not match the one of earlier steps
     */
    void step(List<Parameter> parameters);

    /** Forgets all state (buffers, step count), as if newly made; the learning rate is kept. */
    void reset();

    /** @return the learning rate now in force */
    double learningRate();

    /**
     * Sets the learning rate, for schedules.
     *
     * @param lr a finite value >= 0
     * @throws IllegalArgumentException if lr is negative or not finite
     */
    void setLearningRate(double lr);
}
