package org.rnn4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.Precision;

/**
 * docs/BENCHMARKS.md's targets, checked against a report line. Each precision has its own: a
 * float64 row's fraction is of the dgemm peak, a float32 row's of the sgemm peak. The allocation
 * bound of W3 and W4 holds in both; the heap bound is checked by {@link HeapFootprint}.
 */
final class Targets {

    /** Allocation per training step allowed for W3 and W4, bytes. */
    static final double ALLOC_LIMIT = 64 * 1024;

    private Targets() {
    }

    /**
     * @param row a measured workload in one precision
     * @return one "target: met/MISSED" phrase per target of its workload in its precision
     */
    static List<String> check(Row row) {
        List<String> out = new ArrayList<>();
        if (row.precision() == Precision.FLOAT32) {
            float32(row, out);
        } else {
            float64(row, out);
        }
        if (row.workload().id().equals("W3") || row.workload().id().equals("W4")) {
            out.add(verdict("< 64 KB alloc/step", row.allocBytes() < ALLOC_LIMIT));
        }
        return out;
    }

    private static void float64(Row row, List<String> out) {
        switch (row.workload().id()) {
            case "W1" -> out.add(verdict("<= 2 us/step", row.trainNanos() <= 2000));
            case "W2" -> out.add(verdict(">= 70,000 train chars/s", row.trainCharsPerSecond() >= 70_000));
            case "W3" -> {
                out.add(verdict(">= 40% of dgemm peak", row.peakFraction() >= 0.40));
                out.add(verdict(">= 100,000 infer chars/s", row.inferCharsPerSecond() >= 100_000));
            }
            case "W4" -> out.add(verdict(">= 55% of dgemm peak", row.peakFraction() >= 0.55));
            default -> {
                // W5, W6 and the scaling variants carry no float64 target
            }
        }
    }

    private static void float32(Row row, List<String> out) {
        switch (row.workload().id()) {
            case "W3" -> {
                out.add(verdict(">= 35% of sgemm peak", row.peakFraction() >= 0.35));
                out.add(verdict(">= 180,000 infer chars/s", row.inferCharsPerSecond() >= 180_000));
            }
            case "W4" -> out.add(verdict(">= 55% of sgemm peak", row.peakFraction() >= 0.55));
            case "W5", "W6" -> out.add(verdict(">= 35% of sgemm peak", row.peakFraction() >= 0.35));
            default -> {
                // W1, W2 and the scaling variants carry no float32 target
            }
        }
    }

    private static String verdict(String target, boolean met) {
        return target + (met ? " met" : " MISSED");
    }
}
