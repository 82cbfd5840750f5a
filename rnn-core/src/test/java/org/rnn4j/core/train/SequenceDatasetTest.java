package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Batching of variable-length sequences: padding, masks, order, shuffling, splitting, bad input. */
class SequenceDatasetTest {

    /** Example e has length lengths[e]; input step t is {e + t/10}, target step t is {-(e + t/10)}. */
    private static SequenceDataset numbered(int batch, int... lengths) {
        List<double[][]> xs = new ArrayList<>();
        List<double[][]> ds = new ArrayList<>();
        for (int e = 0; e < lengths.length; e++) {
            double[][] x = new double[lengths[e]][1];
            double[][] d = new double[lengths[e]][1];
            for (int t = 0; t < lengths[e]; t++) {
                x[t][0] = e + t / 10.0;
                d[t][0] = -(e + t / 10.0);
            }
            xs.add(x);
            ds.add(d);
        }
        return SequenceDataset.of(xs, ds, batch);
    }

    @Test
    void aBatchIsPaddedToItsLongestSequenceWithAMask() {
        Batch b = numbered(3, 2, 4, 1).batch(0, 1, 2);
        assertEquals(4, b.input().steps());
        assertEquals(3, b.input().batch());
        // rows t * B + b
        assertArrayEquals(new boolean[] {true, true, true, true, true, false, false, true, false, false, true, false},
                b.input().mask());
        assertArrayEquals(new double[] {0, 1, 2, 0.1, 1.1, 0, 0, 1.2, 0, 0, 1.3, 0}, b.input().data(), 0.0);
        assertArrayEquals(new double[] {-0.0, -1, -2, -0.1, -1.1, 0, 0, -1.2, 0, 0, -1.3, 0}, b.target().data(), 0.0);
        assertEquals(7, b.realSteps());
        assertArrayEquals(new int[] {0, 1, 2}, b.examples());
    }

    @Test
    void equalLengthsNeedNoMask() {
        Batch b = numbered(2, 3, 3).batch(1, 0);
        assertNull(b.input().mask());
        assertEquals(6, b.realSteps());
        assertEquals(1.0, b.input().get(0, 0, 0), 0.0);
        assertEquals(0.0, b.input().get(0, 1, 0), 0.0);
    }

    @Test
    void withoutShuffleTheOrderIsKeptAndTheLastBatchIsSmaller() {
        SequenceDataset data = numbered(2, 1, 2, 3, 4, 5);
        assertEquals(3, data.batchesPerEpoch());
        Iterator<Batch> it = data.epoch(null, 0);
        assertArrayEquals(new int[] {0, 1}, it.next().examples());
        assertArrayEquals(new int[] {2, 3}, it.next().examples());
        assertArrayEquals(new int[] {4}, it.next().examples());
        assertFalse(it.hasNext());
        assertArrayEquals(new int[] {4}, data.epoch(null, 2).next().examples(), "starting at batch 2");
    }

    @Test
    void shufflingVisitsEveryExampleOnceAndDependsOnlyOnTheGenerator() {
        SequenceDataset data = numbered(3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        int[] a = order(data, 7);
        int[] again = order(data, 7);
        int[] other = order(data, 8);
        assertArrayEquals(a, again, "the same seed, the same order");
        assertFalse(Arrays.equals(a, other), "another seed, another order");
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        int[] all = new int[17];
        Arrays.setAll(all, i -> i);
        assertArrayEquals(all, sorted, "each example exactly once");
        assertNotEquals(Arrays.toString(all), Arrays.toString(a), "shuffled");
        // Resuming at batch 2 gives the rest of the same permutation.
        Iterator<Batch> rest = data.epoch(new SplittableRandom(7), 2);
        assertArrayEquals(Arrays.copyOfRange(a, 6, 9), rest.next().examples());
    }

    private static int[] order(SequenceDataset data, long seed) {
        List<Integer> seen = new ArrayList<>();
        data.epoch(new SplittableRandom(seed), 0).forEachRemaining(b -> Arrays.stream(b.examples()).forEach(seen::add));
        return seen.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void splitHoldsOutTheLastExamples() {
        Dataset.Split s = numbered(2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10).split(0.2);
        SequenceDataset train = (SequenceDataset) s.train();
        SequenceDataset val = (SequenceDataset) s.validation();
        assertEquals(8, train.size());
        assertEquals(2, val.size());
        assertEquals(9, val.batch(0).input().steps(), "example 8 (length 9) is the first held out");
        assertEquals(8.0, val.batch(0).input().get(0, 0, 0), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> numbered(1, 1, 2).split(0.6));
        assertTrue(e.getMessage().contains("each part needs at least one"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> numbered(1, 1, 2).split(1.0));
        assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
    }

    @Test
    void badInputIsRejectedNamingTheExample() {
        List<double[][]> xs = List.of(new double[][] {{1}, {2}}, new double[][] {{1}});
        List<double[][]> ds = List.of(new double[][] {{1}, {2}}, new double[][] {{1}, {2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SequenceDataset.of(xs, ds, 1));
        assertTrue(e.getMessage().contains("example 1 has 1 input steps and 2 target steps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SequenceDataset.of(
                List.of(new double[][] {{1}}, new double[][] {{1, 2}}), List.of(new double[][] {{1}}, new double[][] {{1}}), 1));
        assertTrue(e.getMessage().contains("example 1, input step 0 has 2 features; example 0 has 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SequenceDataset.of(
                List.<double[][]>of(new double[][] {{Double.NaN}}), List.<double[][]>of(new double[][] {{1}}), 1));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> numbered(0, 1));
        assertTrue(e.getMessage().contains("batch size must be >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SequenceDataset.of(List.of(), List.of(), 1));
        assertTrue(e.getMessage().contains("at least one sequence"), e.getMessage());
    }
}
