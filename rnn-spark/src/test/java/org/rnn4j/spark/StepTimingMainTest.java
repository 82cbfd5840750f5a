package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * The bookkeeping of {@link StepTimingMain}, on a tiny network on {@code local[2]}: no timed
 * assertion, only that every measured step is counted once and that its parts add up (the
 * slowest worker's compute lies within the driver's step, the rest is communication).
 */
class StepTimingMainTest {

    @Test
    void everyMeasuredStepSplitsIntoComputeAndCommunication() {
        StepTimingMain.Shape tiny = new StepTimingMain.Shape("tiny", 2, 7, 65, 6, 5);
        StepTimingMain.Result r;
        try (JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster("local[2]")
                .setAppName("rnn4j-step-timing-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"))) {
            r = StepTimingMain.measure(spark, tiny, 2, 4, 2);
        }
        // 2 x 7 x (65 + 7) + 2 x 7 (layer 1) + 7 x (7 + 7) + 7 (layer 2) + 65 x 7 + 65 (output)
        assertEquals(7 * 72 + 7 + 7 * 14 + 7 + 65 * 7 + 65, r.parameters);
        List<Double> total = r.total.values();
        List<Double> compute = r.compute.values();
        List<Double> communicate = r.communicate.values();
        assertEquals(4, total.size());
        assertEquals(4, compute.size());
        assertEquals(4, communicate.size());
        assertEquals(4, r.oneProcess.values().size());
        assertEquals(4, r.update.values().size());
        for (int i = 0; i < 4; i++) {
            assertTrue(compute.get(i) > 0, "compute " + compute.get(i));
            assertTrue(communicate.get(i) >= 0, "communicate " + communicate.get(i));
            assertTrue(compute.get(i) + communicate.get(i) <= total.get(i) * (1 + 1e-12), "parts exceed the step");
        }
    }

    @Test
    void medianOfOddAndEvenCounts() {
        StepTimingMain.Samples s = new StepTimingMain.Samples(4);
        s.add(3);
        s.add(1);
        s.add(2);
        assertEquals(2, s.median());
        s.add(10);
        assertEquals(2.5, s.median());
    }

    @Test
    void unknownWorkloadIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepTimingMain.Shape.of("W9"));
        assertTrue(e.getMessage().contains("W9"), e.getMessage());
    }
}
