package org.rnn4j.core.math;

import dev.ludovic.netlib.blas.BLAS;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Holds the kernels {@link Kernels#get()} returns, made on first use. netlib decides, once,
 * whether its JNI library and the system BLAS load (its system properties
 * {@code dev.ludovic.netlib.blas.nativeLib} and {@code nativeLibPath} name another library);
 * the work is spread over {@link Runtime#availableProcessors()} threads (the JVM's
 * {@code -XX:ActiveProcessorCount} changes that). rnn4j reads no switches of its own.
 */
final class Selection {

    static final Kernels ACTIVE = choose();

    private Selection() {
    }

    private static Kernels choose() {
        int threads = Runtime.getRuntime().availableProcessors();
        Kernels k = new ParallelKernels(new BlasKernels(BLAS.getInstance()), threads);
        Logger log = System.getLogger(Kernels.class.getName());
        log.log(Level.DEBUG, "rnn4j kernels: {0}", k.description());
        return k;
    }
}
