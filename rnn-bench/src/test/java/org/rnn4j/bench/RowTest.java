package org.rnn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Precision;

/** A report row's figures and its {@code --json} object, worked by hand. */
class RowTest {

    /** W3 at 20.48 ms per step: 2048 characters a step, so 100,000 chars/s. */
    private static final double W3_NANOS = 2.048e7;

    @Test
    void theFiguresFollowFromTheTimesAndThePeakOfTheRowsPrecision() {
        Row r = new Row(Workload.of("W3"), Precision.FLOAT32, W3_NANOS, W3_NANOS / 4, 1000, 310);
        assertEquals(100_000, r.trainCharsPerSecond(), 1e-9);
        assertEquals(400_000, r.inferCharsPerSecond(), 1e-9);
        // 100,000 chars/s x 3 x 459,776 FLOPs = 137.9328 GFLOP/s, over the 310 GFLOP/s sgemm peak
        assertEquals(137.9328, r.gflops(), 1e-9);
        assertEquals(137.9328 / 310, r.peakFraction(), 1e-12);
    }

    @Test
    void theJsonObjectHasThePrecisionBesideTodaysKeys() {
        Row r = new Row(Workload.of("W3"), Precision.FLOAT32, W3_NANOS, W3_NANOS / 4, 1000, 310);
        Map<String, Object> m = r.json();
        assertEquals(List.of("workload", "precision", "ns_per_step", "train_chars_per_s", "infer_chars_per_s",
                "gflops", "peak_fraction", "alloc_bytes_per_step"), List.copyOf(m.keySet()));
        assertEquals("W3", m.get("workload"));
        assertEquals("float32", m.get("precision"));
        assertEquals(2.048e7, m.get("ns_per_step"));
        assertEquals(137.933, m.get("gflops"));
        assertEquals(0.4449, m.get("peak_fraction"));
        assertEquals("float64", new Row(Workload.of("W1"), Precision.FLOAT64, 1000, 500, 0, 155).json()
                .get("precision"));
    }

    @Test
    void theJsonArrayHasOneObjectPerWorkloadAndPrecision() throws IOException {
        List<Row> rows = List.of(new Row(Workload.of("W1"), Precision.FLOAT32, 1000, 500, 0, 310),
                new Row(Workload.of("W1"), Precision.FLOAT64, 1200, 600, 0, 155));
        List<Object> parsed = JSON.std.listFrom(BenchMain.toJson(rows));
        assertEquals(2, parsed.size());
        assertEquals("float32", ((Map<?, ?>) parsed.get(0)).get("precision"));
        assertEquals("float64", ((Map<?, ?>) parsed.get(1)).get("precision"));
        assertEquals(1200.0, ((Number) ((Map<?, ?>) parsed.get(1)).get("ns_per_step")).doubleValue());
    }
}
