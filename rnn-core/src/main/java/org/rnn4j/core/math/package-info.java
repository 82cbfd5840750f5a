/**
 * Numeric kernels (matrix products, row operations) behind the {@link org.rnn4j.core.math.Kernels}
 * interface. Internal to rnn-core: not exported.
 */
package org.rnn4j.core.math;
