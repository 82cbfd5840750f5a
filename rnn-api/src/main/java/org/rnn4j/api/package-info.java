/**
 * The service-provider interfaces of rnn4j and the value types they speak in.
 *
 * <h2>The gradient convention (written once, here)</h2>
 * Every {@code backward} method receives dL/d(output) and
 * <ul>
 *   <li>returns dL/d(input), the true gradient of the scalar loss L, never its negative;</li>
 *   <li><b>adds</b> dL/d(parameter) into {@link org.rnn4j.api.Parameter#grad()} of each of its
 *       parameters (gradients accumulate until somebody calls
 *       {@link org.rnn4j.api.Parameter#zeroGrad()});</li>
 * </ul>
 * and every {@link org.rnn4j.api.Optimizer} <b>subtracts</b> a step along the gradient:
 * plain SGD is {@code theta <- theta - lr * dL/dtheta}.
 *
 * <p>Hand-written tutorials often compute the "delta" {@code (d - y) * ...}, which is
 * {@code -dL/dtheta} for L = 1/2 (d - y)^2, and then <i>add</i> it to the weights. That is the
 * same update with the sign folded into the delta; rnn4j never folds the sign.
 *
 * <h2>Layout of numbers</h2>
 * All numbers are {@code double}. A {@link org.rnn4j.api.Sequence} is time-major: row
 * {@code t * batch + b} holds the feature vector of sequence {@code b} at step {@code t}, so the
 * T x B rows of a whole batch form one row-major matrix that a single matrix product can
 * consume. Weight matrices are row-major, {@code out x in}, as in PyTorch.
 */
package org.rnn4j.api;
