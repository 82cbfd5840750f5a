package org.rnn4j.io.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.testkit.property.Gen;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/** Standardisation fitted on the training part: mean 0 and std 1 there, constant features 0, exact round trip. */
class StandardizerProperties {

    private static final PropertyRunner RUNNER = new PropertyRunner(RunSettings.fromSystemProperties());

    /** A table with a split. */
    record Case(SequenceTable table, SequenceSplit split, double offset) {

        @Override
        public String toString() {
            return table.size() + " sequences, " + split.train().length + " for training, offset " + offset;
        }
    }

    /** Feature 1 ("w") of the random tables takes 3 values; feature 0 is scaled and shifted far from 0. */
    static final Gen<Case> CASES = r -> {
        int n = 2 + r.nextInt(40);
        SequenceTable t = SplitProperties.randomTable(r, n, 1, false);
        double offset = r.nextDouble(-1e4, 1e4);
        double scale = Math.exp(r.nextDouble(-8, 8));
        SequenceTable shifted = shift(t, offset, scale);
        return new Case(shifted, SequenceSplit.of(shifted, 0.3, 0, r.nextLong()), offset);
    };

    static SequenceTable shift(SequenceTable t, double offset, double scale) {
        List<double[][]> x = new ArrayList<>();
        List<int[]> lines = new ArrayList<>();
        double[] v = new double[t.size()];
        for (int i = 0; i < t.size(); i++) {
            double[][] s = t.features(i);
            for (double[] row : s) {
                row[0] = offset + scale * row[0];
            }
            x.add(s);
            lines.add(t.lines(i));
            v[i] = t.valueOf(i);
        }
        return SequenceTable.numbers(t.source(), t.featureNames(), t.targetName(), t.ids(), x, lines, v);
    }

    @Test
    void fittedOnTrainingItGivesMeanZeroAndStdOneThere() {
        check(RUNNER.run(new Property<>("standardizer: training features get mean 0 and std 1", CASES, c -> {
            Standardizer s = Standardizer.fit(c.table(), c.split().train());
            int features = c.table().featureCount();
            double[] sum = new double[features];
            double[] sq = new double[features];
            long n = 0;
            double[] first = c.table().features(c.split().train()[0])[0];
            boolean[] constant = new boolean[features];
            Arrays.fill(constant, true);
            for (int i : c.split().train()) {
                double[][] raw = c.table().features(i);
                for (double[] row : raw) {
                    for (int f = 0; f < features; f++) {
                        constant[f] &= row[f] == first[f];
                    }
                }
                for (double[] row : s.apply(raw)) {
                    for (int f = 0; f < features; f++) {
                        sum[f] += row[f];
                        sq[f] += row[f] * row[f];
                    }
                    n++;
                }
            }
            for (int f = 0; f < features; f++) {
                double mean = sum[f] / n;
                double var = sq[f] / n - mean * mean;
                assertEquals(0, mean, 1e-9, "feature " + f + " mean");
                if (constant[f]) {
                    assertEquals(1, s.scale(f), "a constant feature's scale");
                    assertEquals(0, var, 1e-12, "a constant feature becomes 0");
                } else {
                    assertEquals(1, var, 1e-9, "feature " + f + " variance");
                }
            }
        })));
    }

    @Test
    void itIsFittedOnTheTrainingPartOnly() {
        check(RUNNER.run(new Property<>("standardizer: held-out data changes nothing", CASES, c -> {
            Standardizer s = Standardizer.fit(c.table(), c.split().train());
            SequenceTable trainOnly = c.table().subset(c.split().train());
            int[] all = new int[trainOnly.size()];
            Arrays.setAll(all, i -> i);
            assertEquals(Standardizer.fit(trainOnly, all), s);
        })));
    }

    @Test
    void itRoundTripsThroughItsMapForm() {
        check(RUNNER.run(new Property<>("standardizer: toMap then fromMap is the same, bit for bit", CASES, c -> {
            Standardizer s = Standardizer.fit(c.table(), c.split().train());
            Map<String, String> m = new HashMap<>(s.toMap());
            m.put("format", "rnn4j-model");
            Standardizer back = Standardizer.fromMap(m);
            assertEquals(s, back);
            for (int f = 0; f < s.names().size(); f++) {
                assertEquals(Double.doubleToRawLongBits(s.mean(f)), Double.doubleToRawLongBits(back.mean(f)));
                assertEquals(Double.doubleToRawLongBits(s.scale(f)), Double.doubleToRawLongBits(back.scale(f)));
            }
            assertEquals(c.table().featureNames(), back.names());
        })));
    }

    @Test
    void aConstantFeatureBecomesZeroNotNaN() {
        SequenceTable t = SequenceTable.numbers("t", List.of("k", "v"), "y", List.of("a", "b"),
                List.of(new double[][] {{7, 1}, {7, 3}}, new double[][] {{7, 5}}), List.of(new int[] {2, 3}, new int[] {4}),
                new double[] {0, 1});
        Standardizer s = Standardizer.fit(t, new int[] {0, 1});
        double[][] z = s.apply(new double[][] {{7, 3}, {8, 3}});
        assertEquals(0, z[0][0]);
        assertEquals(1, z[1][0], "one unit above the constant is 1: the scale is 1");
        assertEquals(0, z[0][1], "3 is the mean of 1, 3, 5");
    }

    @Test
    void aMapWithABadValueSaysWhichKey() {
        Map<String, String> m = new HashMap<>(Standardizer.fit(
                SplitProperties.randomTable(new SplittableRandom(1), 4, 1, false), new int[] {0, 1}).toMap());
        m.put("standardize.1.std", "0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fromMap(m));
        assertEquals("standardize.1.std must be above 0, got 0.0", e.getMessage());
        m.remove("standardize.0.mean");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Standardizer.fromMap(m)).getMessage()
                .contains("standardize.0.mean"));
    }

    static void check(PropertyResult<?> result) {
        assertTrue(result.passed(), result.report());
    }
}
