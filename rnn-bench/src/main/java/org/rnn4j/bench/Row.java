package org.rnn4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the report: a workload's measured times and what follows from them.
 *
 * @param workload what ran
 * @param trainNanos mean time of a training step, ns
 * @param inferNanos mean time of a forward pass, ns
 * @param allocBytes bytes allocated per training step (JMH's gc profiler)
 * @param peakGflops the dgemm peak of the same run, GFLOP/s
 */
record Row(Workload workload, double trainNanos, double inferNanos, double allocBytes, double peakGflops) {

    /** @return training characters per second, T x B per step */
    double trainCharsPerSecond() {
        return workload.charsPerStep() * 1e9 / trainNanos;
    }

    /** @return inference characters per second */
    double inferCharsPerSecond() {
        return workload.charsPerStep() * 1e9 / inferNanos;
    }

    /** @return training GFLOP/s by docs/BENCHMARKS.md's count */
    double gflops() {
        return trainCharsPerSecond() * workload.trainingFlopsPerChar() / 1e9;
    }

    /** @return training GFLOP/s over the dgemm peak */
    double peakFraction() {
        return gflops() / peakGflops;
    }

    /**
     * The JSON object of {@code ./rnn4j bench --json}: exactly the keys the issue fixes.
     *
     * @return the keys and values, in order
     */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", workload.id());
        m.put("ns_per_step", round(trainNanos, 1));
        m.put("train_chars_per_s", round(trainCharsPerSecond(), 1));
        m.put("infer_chars_per_s", round(inferCharsPerSecond(), 1));
        m.put("gflops", round(gflops(), 3));
        m.put("peak_fraction", round(peakFraction(), 4));
        m.put("alloc_bytes_per_step", round(allocBytes, 0));
        return m;
    }

    private static double round(double x, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(x * scale) / scale;
    }
}
