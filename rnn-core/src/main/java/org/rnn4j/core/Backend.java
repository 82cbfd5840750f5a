package org.rnn4j.core;

import org.rnn4j.core.math.Kernels;

/**
 * Which numeric kernels this JVM runs the built-in layers on, for reports (the benchmark prints
 * it beside its figures). The choice itself is made once, inside rnn-core.
 */
public final class Backend {

    private Backend() {
    }

    /**
     * @return a one-line description, e.g. the native BLAS library that netlib loaded
     */
    public static String description() {
        return Kernels.get().description();
    }

    /**
     * @return whether matrix products run in a native BLAS (false: netlib's Java fallback)
     */
    public static boolean isNative() {
        return Kernels.get().isNative();
    }
}
