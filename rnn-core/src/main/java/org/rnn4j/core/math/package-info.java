/**
 * Numeric kernels (matrix products, row operations, parallel slices) behind the
 * {@link org.rnn4j.core.math.Kernels} interface: netlib's BLAS with JNI to OpenBLAS, plain Java
 * for tiny products, and the threads that spread both over the cores. Internal to rnn-core:
 * not exported ({@link org.rnn4j.core.Backend} reports what runs).
 */
package org.rnn4j.core.math;
