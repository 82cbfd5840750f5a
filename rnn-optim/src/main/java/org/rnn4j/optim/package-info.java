/**
 * The five standard optimizers: {@code sgd}, {@code adagrad}, {@code rmsprop}, {@code adam} and
 * {@code adamw}, each a public provider class with its hyperparameters documented and a
 * package-private optimizer class with its update equations.
 *
 * <p>Notation of the equations: {@code theta} is a parameter's value, {@code g} its gradient
 * dL/dtheta (never modified by a step), {@code lr} the learning rate now in force, {@code t} the
 * number of the step since creation or the last {@code reset()}, counting from 1. All operations
 * are elementwise. State named with an index {@code _0} starts at zero unless stated otherwise.
 * In the code, {@code i} indexes the element a step reads and {@code j} the position it writes
 * (the same element in place, a scratch position in the check pass of {@code stepIfFinite}).
 *
 * <p>Each equation block is PyTorch 2.x's algorithm box for the optimizer of the same name with
 * {@code maximize = False}; the defaults and the range checks are PyTorch's too.
 */
package org.rnn4j.optim;
