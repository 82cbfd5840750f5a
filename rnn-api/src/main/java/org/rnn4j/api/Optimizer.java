package org.rnn4j.api;

import java.util.List;
import java.util.Map;

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
 *
 * <h2>Checkpoints</h2>
 * {@link #state()} takes a snapshot of everything that decides the next steps (step count,
 * learning rate now in force, per-parameter buffers) as named arrays of numbers, and
 * {@link #restore(Map)} puts such a snapshot into an optimizer made by the same provider with the
 * same hyperparameters: the steps that follow are then bit for bit those the original would have
 * taken. The hyperparameters themselves are not part of the state; a checkpoint stores them
 * beside it.
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

    /**
     * A snapshot of the optimizer's state for a checkpoint: named arrays, copied (later steps do
     * not change them). Implementations document their names; the standard ones use
     * {@code step} (the step count), {@code lr} (the learning rate in force), {@code sizes} (the
     * parameter sizes, after the first step) and {@code <index>.<buffer>} per parameter, with
     * PyTorch's buffer names ({@code 0.exp_avg}, {@code 0.momentum_buffer}, ...).
     *
     * @return the state, in a stable order
     * @throws UnsupportedOperationException if this optimizer cannot be checkpointed (the
     *     default, so that optimizers written before checkpoints existed still compile)
     */
    default Map<String, double[]> state() {
        throw new UnsupportedOperationException("optimizer '" + name() + "' cannot save its state for a checkpoint");
    }

    /**
     * Replaces the whole state with a snapshot from {@link #state()} of an optimizer of the same
     * kind and hyperparameters; the arrays are copied. Nothing changes if the snapshot is rejected.
     *
     * @param state the snapshot
     * @throws IllegalArgumentException if a name is missing or unknown, a length does not fit,
     *     or a value is not finite or out of range (the message names the entry)
     * @throws UnsupportedOperationException if this optimizer cannot be checkpointed (the default)
     */
    default void restore(Map<String, double[]> state) {
        throw new UnsupportedOperationException("optimizer '" + name() + "' cannot restore a checkpoint");
    }
}
