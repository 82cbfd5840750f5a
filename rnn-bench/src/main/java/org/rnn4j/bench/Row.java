package org.rnn4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.api.Precision;

/**
 * One line of the report: a workload's measured times in one precision and what follows from
 * them.
 *
 * @param workload what ran
 * @param precision what its network computed in
 * @param trainNanos mean time of a training step, ns
 * @param inferNanos mean time of a forward pass, ns
 * @param allocBytes bytes allocated per training step (JMH's gc profiler)
 * @param peakGflops the peak of the same run in the row's precision (dgemm for float64, sgemm for
 *     float32), GFLOP/s
 */
record Row(Workload workload, Precision precision, double trainNanos, double inferNanos, double allocBytes,
        double peakGflops) {

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

    /** @return training GFLOP/s over the peak of the row's precision */
    double peakFraction() {
        return gflops() / peakGflops;
    }

    /**
     * The JSON object of {@code ./rnn4j bench --json}: exactly the keys the issues fix (the
     * precision's label, "float32" or "float64", beside the workload).
     *
     * @return the keys and values, in order
     */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", workload.id());
        m.put("precision", precision.label());
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
