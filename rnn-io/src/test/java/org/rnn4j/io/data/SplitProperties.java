package org.rnn4j.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rnn4j.testkit.property.Gen;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/**
 * Splits on random tables and series: by sequence, a partition of the sequences, the same for
 * the same seed, stratified for classes; in time, the held-out windows last and nothing a
 * training window reads lies at or after a step they forecast.
 */
class SplitProperties {

    private static final PropertyRunner RUNNER = new PropertyRunner(RunSettings.fromSystemProperties());

    /** A table, fractions and a seed. */
    record TableCase(SequenceTable table, double test, double val, long seed) {

        @Override
        public String toString() {
            return table.size() + " sequences (" + table.task().cliName() + ", " + table.labels().size()
                    + " classes), test " + test + ", val " + val + ", seed " + seed;
        }
    }

    /** Windows and fractions. */
    record WindowCase(int length, int window, int horizon, double test, double val) {
    }

    static SequenceTable randomTable(SplittableRandom r, int n, int classes, boolean classify) {
        List<String> ids = new ArrayList<>();
        List<double[][]> x = new ArrayList<>();
        List<int[]> lines = new ArrayList<>();
        int[] c = new int[n];
        double[] v = new double[n];
        int line = 2;
        for (int i = 0; i < n; i++) {
            int steps = 1 + r.nextInt(4);
            double[][] s = new double[steps][2];
            int[] at = new int[steps];
            for (int t = 0; t < steps; t++) {
                s[t][0] = r.nextDouble(-5, 5);
                s[t][1] = r.nextInt(3);
                at[t] = line++;
            }
            ids.add("s" + i);
            x.add(s);
            lines.add(at);
            // every class at least twice, so that classification can be split
            c[i] = i < 2 * classes ? i % classes : r.nextInt(classes);
            v[i] = r.nextDouble();
        }
        List<String> labels = IntStream.range(0, classes).mapToObj(k -> "c" + k).toList();
        return classify ? SequenceTable.classes("gen", List.of("u", "w"), "y", labels, ids, x, lines, c)
                : SequenceTable.numbers("gen", List.of("u", "w"), "y", ids, x, lines, v);
    }

    static final Gen<TableCase> TABLES = r -> {
        boolean classify = r.nextBoolean();
        int classes = 1 + r.nextInt(4);
        int n = (classify ? 2 * classes : 2) + r.nextInt(60);
        double test = r.nextInt(4) == 0 ? 0 : r.nextDouble(0.05, 0.5);
        double val = r.nextInt(3) == 0 ? 0 : r.nextDouble(0.05, 0.4);
        return new TableCase(randomTable(r, n, classes, classify), test, val, r.nextLong());
    };

    static void check(PropertyResult<?> result) {
        assertTrue(result.passed(), result.report());
    }

    @Test
    void aSplitPartitionsTheSequencesExactly() {
        check(RUNNER.run(new Property<>("split by sequence: each sequence in exactly one part", TABLES, c -> {
            SequenceSplit s;
            try {
                s = SequenceSplit.of(c.table(), c.test(), c.val(), c.seed());
            } catch (IllegalArgumentException tooFew) {
                // stratified validation may find no class with a spare sequence: refused, not wrong
                return;
            }
            int[] all = IntStream.concat(IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation())),
                    Arrays.stream(s.test())).sorted().toArray();
            assertArrayEquals(IntStream.range(0, c.table().size()).toArray(), all, "union of the parts");
            assertTrue(s.train().length >= 1, "training part empty");
            int n = c.table().size();
            if (c.test() > 0) {
                long want = Math.max(1, Math.min(n - 1, Math.round(n * c.test())));
                assertEquals(want, s.test().length, "test size");
            } else {
                assertEquals(0, s.test().length);
            }
            if (c.table().task() == Task.CLASSIFY) {
                for (int k = 0; k < c.table().labels().size(); k++) {
                    int cls = k;
                    assertTrue(Arrays.stream(s.train()).anyMatch(i -> c.table().classOf(i) == cls),
                            "class " + k + " missing from training");
                    long inTest = Arrays.stream(s.test()).filter(i -> c.table().classOf(i) == cls).count();
                    long inAll = IntStream.range(0, n).filter(i -> c.table().classOf(i) == cls).count();
                    double share = (double) s.test().length * inAll / n;
                    assertTrue(Math.abs(inTest - share) < 1 + 1e-9 || inTest == inAll - 1,
                            "class " + k + ": " + inTest + " in test, its share is " + share);
                }
            }
        })));
    }

    @Test
    void theSameSeedGivesTheSameSplit() {
        check(RUNNER.run(new Property<>("split by sequence: same seed, same split", TABLES, c -> {
            SequenceSplit a;
            try {
                a = SequenceSplit.of(c.table(), c.test(), c.val(), c.seed());
            } catch (IllegalArgumentException tooFew) {
                return;
            }
            SequenceSplit b = SequenceSplit.of(c.table(), c.test(), c.val(), c.seed());
            assertArrayEquals(a.train(), b.train());
            assertArrayEquals(a.validation(), b.validation());
            assertArrayEquals(a.test(), b.test());
        })));
    }

    @Test
    void otherSeedsGiveOtherSplits() {
        SequenceTable t = randomTable(new SplittableRandom(3), 100, 1, false);
        SequenceSplit a = SequenceSplit.of(t, 0.2, 0, 1);
        SequenceSplit b = SequenceSplit.of(t, 0.2, 0, 2);
        assertTrue(!Arrays.equals(a.test(), b.test()), "seeds 1 and 2 chose the same 20 of 100");
    }

    static final Gen<WindowCase> WINDOWS = r -> {
        int window = 1 + r.nextInt(8);
        int horizon = 1 + r.nextInt(5);
        int length = window + horizon + r.nextInt(80);
        double test = r.nextInt(5) == 0 ? 0 : r.nextDouble(0.05, 0.5);
        double val = r.nextInt(3) == 0 ? 0 : r.nextDouble(0.05, 0.4);
        return new WindowCase(length, window, horizon, test, val);
    };

    static ForecastWindows windows(WindowCase c) {
        double[][] v = new double[c.length()][1];
        int[] lines = new int[c.length()];
        for (int t = 0; t < v.length; t++) {
            v[t][0] = t;
            lines[t] = t + 2;
        }
        return new ForecastWindows(new Series("gen", List.of("x"), v, lines), c.window(), c.horizon());
    }

    @Test
    void noTrainingWindowReadsTheFutureOfAHeldOutOne() {
        check(RUNNER.run(new Property<>("chronological split: test last, no future data in training", WINDOWS, c -> {
            ForecastWindows w = windows(c);
            WindowSplit s;
            try {
                s = WindowSplit.chronological(w, c.test(), c.val());
            } catch (DataFileException tooShort) {
                return;
            }
            int n = w.count();
            assertEquals(0, s.train().from());
            assertTrue(s.train().size() >= 1);
            if (c.test() > 0) {
                assertEquals(n, s.test().to(), "the test windows are the last ones");
                assertTrue(s.test().size() >= 1);
            }
            assertTrue(s.train().to() <= s.validation().from() || s.validation().size() == 0);
            assertTrue(s.validation().to() <= s.test().from() || s.test().size() == 0);
            // The values are the step numbers: what training reads is checked through them.
            for (int i = s.train().from(); i < s.train().to(); i++) {
                double latest = Math.max(w.stepTargets(i)[c.window() - 1][c.horizon() - 1], w.inputs(i)[c.window() - 1][0]);
                for (WindowSplit.Range held : List.of(s.validation(), s.test())) {
                    if (held.size() > 0) {
                        double firstForecast = w.forecast(held.from())[0];
                        assertTrue(latest < firstForecast, "training window " + i + " reads step " + latest
                                + ", held-out window " + held.from() + " forecasts step " + firstForecast);
                    }
                }
            }
            for (int i = s.validation().from(); i < s.validation().to() && s.test().size() > 0; i++) {
                assertTrue(w.lastStepUsed(i) < w.firstForecastStep(s.test().from()), "validation window " + i);
            }
            if (s.train().size() > 0 && s.validation().size() + s.test().size() > 0) {
                int next = s.validation().size() > 0 ? s.validation().from() : s.test().from();
                assertEquals(next - (c.horizon() - 1), s.train().to(), "only the H - 1 windows that must go are left out");
            }
            assertEquals(w.lastStepUsed(s.train().to() - 1) + 1, s.trainSteps(w));
        })));
    }
}
