/**
 * The built-in activation functions, one class per function. Not exported: they are found
 * through {@link org.rnn4j.api.Activation} and {@link java.util.ServiceLoader} by name.
 *
 * <p>Every function returns a finite value and a finite, non-negative derivative for every
 * finite input, including |x| in the hundreds where naive formulas overflow (e^800) or lose
 * all digits to cancellation (1 - y for y rounded to 1). Where a derivative is tiny but
 * representable (sigmoid'(40) is about 4.2e-18) it is computed to full relative precision.
 * At a kink the derivative takes the value PyTorch's autograd uses there.
 */
package org.rnn4j.activations;
