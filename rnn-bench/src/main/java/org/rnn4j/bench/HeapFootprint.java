package org.rnn4j.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Registry;

/**
 * The heap a workload's training holds, against docs/BENCHMARKS.md's floor: parameters + optimizer
 * state + activations saved for backpropagation through time.
 *
 * <p>Measured: the live heap (after full collections) once two training steps have run, minus
 * the live heap before the workload was built (so it includes the 4 MB synthetic text the
 * workload reads). Every buffer of a step is made in the first step
 * and reused after it, and a step allocates only a few kilobytes more (the gc profiler's
 * figure), so the live heap after a step is the peak live heap of training. The figure is the
 * collector's own count (for G1, whole regions for arrays of half a region or more), under the
 * JVM's default collector and heap settings, as a user would run; {@code RNN4J_JAVA_OPTS}
 * changes them ({@code -XX:+UseParallelGC} counts bytes without G1's rounding to regions).
 *
 * <p>The floor counts the parameter values (not their gradients), the optimizer's state as
 * {@code Optimizer.state()} gives it, and per recurrent layer its pre-activations and outputs
 * for every step (H + H values per character for the workloads' Elman layers), plus the output
 * layer's scores (V per character): what BPTT cannot do without.
 *
 * @param workload the workload
 * @param measuredBytes live heap after two training steps, less the heap before
 * @param parameterBytes the parameter values
 * @param optimizerBytes the optimizer's state
 * @param activationBytes the activations saved for BPTT
 */
record HeapFootprint(Workload workload, long measuredBytes, long parameterBytes, long optimizerBytes,
        long activationBytes) {

    /** docs/BENCHMARKS.md's bound on the measured heap, as a multiple of the floor. */
    static final double LIMIT = 1.5;

    /**
     * Builds the workload in this JVM, trains two steps and measures.
     *
     * @param w a workload with a recurrent stack (W2-W4)
     * @return the measurement
     */
    static HeapFootprint measure(Workload w) {
        long before = liveHeap();
        WorkloadRun run = new WorkloadRun(w, Registry.installed());
        run.train();
        run.train();
        long after = liveHeap();
        long params = 0;
        for (Parameter p : run.network().parameters()) {
            params += p.size();
        }
        long state = run.optimizer().state().values().stream().mapToLong(a -> a.length).sum();
        long perChar = (long) w.layers() * 2 * w.hidden() + w.vocab();
        long activations = perChar * w.charsPerStep();
        return new HeapFootprint(w, after - before, 8 * params, 8 * state, 8 * activations);
    }

    /** @return parameters + optimizer state + activations, bytes */
    long floorBytes() {
        return parameterBytes + optimizerBytes + activationBytes;
    }

    /** @return measured / floor */
    double ratio() {
        return (double) measuredBytes / floorBytes();
    }

    /** @return one line for the report */
    String describe() {
        return String.format(Locale.ROOT, "%s training heap (%s): %.1f MB live after a step = %.2f x (parameters %.1f MB"
                + " + optimizer state %.1f MB + activations for BPTT %.1f MB = %.1f MB); <= %.1f x %s",
                workload.id(), collectors(), measuredBytes / 1e6, ratio(), parameterBytes / 1e6, optimizerBytes / 1e6,
                activationBytes / 1e6, floorBytes() / 1e6, LIMIT, ratio() <= LIMIT ? "met" : "MISSED");
    }

    /** @return the collectors of this JVM, as its management beans name them */
    private static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
    }

    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // a few collections, keeping the smallest count: one may leave garbage a later one frees
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
