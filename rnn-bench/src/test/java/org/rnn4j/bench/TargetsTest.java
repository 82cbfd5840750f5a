package org.rnn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Precision;

/** docs/BENCHMARKS.md's targets, per workload and precision, on rows made to sit near them. */
class TargetsTest {

    /**
     * A row whose training reaches {@code fraction} of its peak and whose inference runs at
     * {@code inferCharsPerSecond}.
     */
    private static Row row(String id, Precision p, double fraction, double inferCharsPerSecond, double alloc) {
        Workload w = Workload.of(id);
        double trainNanos = 1e7;
        double gflops = w.charsPerStep() * 1e9 / trainNanos * w.trainingFlopsPerChar() / 1e9;
        return new Row(w, p, trainNanos, w.charsPerStep() * 1e9 / inferCharsPerSecond, alloc, gflops / fraction);
    }

    @Test
    void w3IsHeldToTheSgemmTargetsInFloat32AndTheDgemmTargetsInFloat64() {
        // 36% of the peak and 150,000 chars/s: enough for float32 training and float64 inference only
        assertEquals(List.of(">= 35% of sgemm peak met", ">= 180,000 infer chars/s MISSED", "< 64 KB alloc/step met"),
                Targets.check(row("W3", Precision.FLOAT32, 0.36, 150_000, 1000)));
        assertEquals(List.of(">= 40% of dgemm peak MISSED", ">= 100,000 infer chars/s met", "< 64 KB alloc/step met"),
                Targets.check(row("W3", Precision.FLOAT64, 0.36, 150_000, 1000)));
        assertEquals(List.of(">= 35% of sgemm peak MISSED", ">= 180,000 infer chars/s met",
                "< 64 KB alloc/step MISSED"), Targets.check(row("W3", Precision.FLOAT32, 0.34, 190_000, 70_000)));
    }

    @Test
    void w4NeedsFiftyFivePercentInBoth() {
        assertEquals(List.of(">= 55% of sgemm peak met", "< 64 KB alloc/step met"),
                Targets.check(row("W4", Precision.FLOAT32, 0.56, 1, 0)));
        assertEquals(List.of(">= 55% of sgemm peak MISSED", "< 64 KB alloc/step met"),
                Targets.check(row("W4", Precision.FLOAT32, 0.54, 1, 0)));
        assertEquals(List.of(">= 55% of dgemm peak MISSED", "< 64 KB alloc/step met"),
                Targets.check(row("W4", Precision.FLOAT64, 0.54, 1, 0)));
    }

    @Test
    void theGatedCellsHaveAFloat32TargetOnly() {
        for (String id : new String[] {"W5", "W6"}) {
            assertEquals(List.of(">= 35% of sgemm peak met"), Targets.check(row(id, Precision.FLOAT32, 0.36, 1, 0)));
            assertEquals(List.of(">= 35% of sgemm peak MISSED"),
                    Targets.check(row(id, Precision.FLOAT32, 0.30, 1, 0)));
            assertEquals(List.of(), Targets.check(row(id, Precision.FLOAT64, 0.30, 1, 0)));
        }
    }

    @Test
    void theSmallWorkloadsKeepTheirFloat64TargetsAndHaveNoneInFloat32() {
        Row w1 = new Row(Workload.of("W1"), Precision.FLOAT64, 1999, 1000, 0, 155);
        assertEquals(List.of("<= 2 us/step met"), Targets.check(w1));
        assertEquals(List.of(), Targets.check(new Row(Workload.of("W1"), Precision.FLOAT32, 1999, 1000, 0, 310)));
        // W2: 25 characters a step in 312,500 ns = 80,000 chars/s
        assertEquals(List.of(">= 70,000 train chars/s met"),
                Targets.check(new Row(Workload.of("W2"), Precision.FLOAT64, 312_500, 1000, 0, 155)));
        assertEquals(List.of(), Targets.check(new Row(Workload.of("W2"), Precision.FLOAT32, 312_500, 1000, 0, 310)));
    }
}
