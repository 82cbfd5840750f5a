package org.rnn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Precision;

/** The printed table: a line per workload and precision, each against its own peak and targets. */
class TableTest {

    @Test
    void oneLinePerWorkloadAndPrecision() {
        // W3 at 20.48 ms per step, training and inference: 100,000 chars/s, 137.9328 GFLOP/s; 50% of a 275.87 sgemm peak,
        // 100% of a 137.93 dgemm peak
        List<Row> rows = List.of(new Row(Workload.of("W3"), Precision.FLOAT32, 2.048e7, 2.048e7, 500, 275.8656),
                new Row(Workload.of("W3"), Precision.FLOAT64, 2.048e7, 2.048e7, 500, 137.9328));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), rows);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("workload precision"), lines.get(0));
        assertTrue(lines.get(1).startsWith("W3       float32"), lines.get(1));
        assertTrue(lines.get(1).contains(" 50.0% "), lines.get(1));
        assertTrue(lines.get(1).endsWith(">= 35% of sgemm peak met; >= 180,000 infer chars/s MISSED; "
                + "< 64 KB alloc/step met"), lines.get(1));
        assertTrue(lines.get(2).startsWith("W3       float64"), lines.get(2));
        assertTrue(lines.get(2).contains(" 100.0% "), lines.get(2));
        assertTrue(lines.get(2).endsWith(">= 40% of dgemm peak met; >= 100,000 infer chars/s met; "
                + "< 64 KB alloc/step met"), lines.get(2));
        assertTrue(lines.get(3).startsWith("% peak: of the sgemm peak for float32 rows"), lines.get(3));
    }
}
