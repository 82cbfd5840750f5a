package org.rnn4j.bench;

import java.util.ArrayList;
import java.util.List;

/** docs/BENCHMARKS.md's targets, checked against a report line. */
final class Targets {

    /** Allocation per training step allowed for W3 and W4, bytes. */
    static final double ALLOC_LIMIT = 64 * 1024;

    private Targets() {
    }

    /**
     * @param row a measured workload
     * @return one "target: met/MISSED" phrase per target of its workload
     */
    static List<String> check(Row row) {
        List<String> out = new ArrayList<>();
        switch (row.workload().id()) {
            case "W1" -> out.add(verdict("<= 2 us/step", row.trainNanos() <= 2000));
            case "W2" -> out.add(verdict(">= 70,000 train chars/s", row.trainCharsPerSecond() >= 70_000));
            case "W3" -> {
                out.add(verdict(">= 40% of peak", row.peakFraction() >= 0.40));
                out.add(verdict(">= 100,000 infer chars/s", row.inferCharsPerSecond() >= 100_000));
                out.add(verdict("< 64 KB alloc/step", row.allocBytes() < ALLOC_LIMIT));
            }
            case "W4" -> {
                out.add(verdict(">= 55% of peak", row.peakFraction() >= 0.55));
                out.add(verdict("< 64 KB alloc/step", row.allocBytes() < ALLOC_LIMIT));
            }
            default -> {
                // scaling variants carry no target of their own
            }
        }
        return out;
    }

    private static String verdict(String target, boolean met) {
        return target + (met ? " met" : " MISSED");
    }
}
