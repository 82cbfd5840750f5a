package org.rnn4j.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * <h2>Float32 parameters</h2>
 * A float32 network's parameters store floats ({@link Parameter#precision()}). An optimizer
 * written against {@link Parameter#value()} and {@link Parameter#grad()} works on them unchanged,
 * through their double staging arrays (rounded back to float before the next forward pass, as
 * {@link Parameter} describes); one that reads {@link Parameter#floats()} and
 * {@link Parameter#floatGrad()} for them, as the built-in ones do, holds no double copy.
 *
 * <h2>Checkpoints</h2>
 * {@link #state()} takes a snapshot of everything that decides the next steps (step count,
 * learning rate now in force, per-parameter buffers) as named arrays of numbers, and
 * {@link #restore(Map)} puts such a snapshot into an optimizer made by the same provider with the
 * same hyperparameters: the steps that follow are then bit for bit those the original would have
 * taken. The hyperparameters themselves are not part of the state; a checkpoint stores them
 * beside it.
 *
 * <h2>Non-finite steps</h2>
 * A trainer calls {@link #stepIfFinite(List)} instead of {@link #step(List)}: a step that would
 * leave a NaN or an infinity in a parameter or in the state is then not applied at all, so that
 * what is saved afterwards is the last good step, never a half-updated or non-finite one.
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

    /**
     * One update as {@link #step(List)}, kept only if it leaves every parameter value and every
     * number of the state finite; otherwise the parameters and the state are exactly as they
     * were before the call (the step count included).
     *
     * <p>The default copies the values and the {@link #state()} before the step, checks them all
     * after it and puts the copies back if needed: a copy of everything at every step. An
     * optimizer can do better: rnn4j's compute the step once, a chunk at a time into small
     * buffers, only to check it, and then again in place (the same bits, since the update is a
     * function of the values, gradients and state). An optimizer without
     * {@link #state()} gets only its parameters checked and put back.
     *
     * @param parameters as for {@link #step(List)}
     * @return empty when the step was applied; otherwise one line naming the first number that
     *     would have become non-finite, beginning with {@code "parameter '"} for a parameter value
     *     ({@code parameter 'layer0.weight_ih' value 6 would become NaN}) and with
     *     {@code "the optimizer's state"} for a number of the state
     * @throws IllegalArgumentException as {@link #step(List)}
     */
    default Optional<String> stepIfFinite(List<Parameter> parameters) {
        double[][] values = new double[parameters.size()][];
        for (int p = 0; p < values.length; p++) {
            values[p] = parameters.get(p).value().clone();
        }
        Map<String, double[]> before;
        try {
            before = state();
        } catch (UnsupportedOperationException e) {
            before = null;
        }
        step(parameters);
        Optional<String> bad = firstNonFinite(parameters, before == null ? Map.of() : state());
        if (bad.isPresent()) {
            for (int p = 0; p < values.length; p++) {
                System.arraycopy(values[p], 0, parameters.get(p).value(), 0, values[p].length);
            }
            if (before != null) {
                restore(before);
            }
        }
        return bad;
    }

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

    private static Optional<String> firstNonFinite(List<Parameter> parameters, Map<String, double[]> state) {
        for (Parameter p : parameters) {
            double[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    return Optional.of("parameter '" + p.name() + "' value " + i + " would become " + v[i]);
                }
            }
        }
        for (Map.Entry<String, double[]> e : state.entrySet()) {
            double[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    return Optional.of("the optimizer's state '" + e.getKey() + "' value " + i + " would become "
                            + v[i]);
                }
            }
        }
        return Optional.empty();
    }
}
