package org.rnn4j.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
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
 * {@code Optimizer.state()} gives it, and per recurrent layer and character what its backward
 * step cannot do without ({@link #savedPerUnit}: the G H gate pre-activations and the state it
 * outputs, and for GRU the recurrent term the reset gate multiplies), plus the output layer's
 * scores (V per character). Every value is counted at the network's precision's width (4 bytes in
 * float32, 8 in float64), as docs/BENCHMARKS.md's float32 heap target asks: the floor is what a
 * network of that precision must hold at least, whatever arrays this version keeps them in.
 * (In this version a float32 network's parameter values, their gradients, the optimizer state and
 * the sequences its layers exchange are float arrays; still float64 are the loss's copy of the
 * output and its dL/dy, and the floor leaves out the gradients and the layers' working buffers.)
 *
 * @param workload the workload
 * @param precision what the network computed in
 * @param measuredBytes live heap after two training steps, less the heap before
 * @param parameterBytes the parameter values
 * @param optimizerBytes the optimizer's state
 * @param activationBytes the activations saved for BPTT
 */
record HeapFootprint(Workload workload, Precision precision, long measuredBytes, long parameterBytes,
        long optimizerBytes, long activationBytes) {

    /** docs/BENCHMARKS.md's bound on the measured heap, as a multiple of the floor. */
    static final double LIMIT = 1.5;

    /**
     * Values a recurrent layer's backward pass needs from each character's forward step, per
     * hidden unit: Elman 2 (the pre-activation and the output h); LSTM 6 (the four gate
     * pre-activations i, f, g, o, and the state's two blocks h and c); GRU 5 (the three gate
     * pre-activations r, z, n, the recurrent term u_n that r multiplies, and h).
     *
     * @param cell "elman", "lstm" or "gru"
     * @return values per hidden unit and character
     */
    static int savedPerUnit(String cell) {
        return switch (cell) {
            case "elman" -> 2;
            case "lstm" -> 6;
            case "gru" -> 5;
            default -> throw new IllegalArgumentException("no heap floor for cell '" + cell + "'");
        };
    }

    /**
     * @param w a workload with a recurrent stack
     * @return values saved for BPTT per character: every layer's {@link #savedPerUnit} x H, and
     *     the output layer's V scores
     */
    static long savedPerChar(Workload w) {
        return (long) w.layers() * savedPerUnit(w.cell()) * w.hidden() + w.vocab();
    }

    /**
     * Builds the workload in this JVM, trains two steps and measures.
     *
     * @param w a workload with a recurrent stack (W2-W6)
     * @param precision what the network computes in
     * @return the measurement
     */
    static HeapFootprint measure(Workload w, Precision precision) {
        long before = liveHeap();
        WorkloadRun run = new WorkloadRun(w, precision, Registry.installed());
        run.train();
        run.train();
        long after = liveHeap();
        long params = 0;
        for (Parameter p : run.network().parameters()) {
            params += p.size();
        }
        long state = run.optimizer().state().values().stream().mapToLong(a -> a.length).sum();
        long activations = savedPerChar(w) * w.charsPerStep();
        int width = precision.bytes();
        return new HeapFootprint(w, precision, after - before, width * params, width * state,
                width * activations);
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
        return String.format(Locale.ROOT, "%s %s training heap (%s): %.1f MB live after a step = %.2f x "
                + "(parameters %.1f MB + optimizer state %.1f MB + activations for BPTT %.1f MB = %.1f MB, "
                + "%d-byte values); <= %.1f x %s",
                workload.id(), precision.label(), collectors(), measuredBytes / 1e6, ratio(), parameterBytes / 1e6,
                optimizerBytes / 1e6, activationBytes / 1e6, floorBytes() / 1e6, precision.bytes(), LIMIT,
                ratio() <= LIMIT ? "met" : "MISSED");
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
