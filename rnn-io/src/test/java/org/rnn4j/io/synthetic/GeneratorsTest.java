package org.rnn4j.io.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnn4j.io.csv.CsvWriter;
import org.rnn4j.io.csv.SequenceColumns;
import org.rnn4j.io.csv.SequenceCsv;
import org.rnn4j.io.csv.SeriesCsv;
import org.rnn4j.io.data.SequenceTable;
import org.rnn4j.io.data.Series;
import org.rnn4j.io.data.Task;

/** The generated benchmarks: seeded, what the papers describe, and what the CSV readers read back. */
class GeneratorsTest {

    @Test
    void mackeyGlassWrittenAndReadBackIsTheSameSeries() throws IOException {
        Series s = MackeyGlass.standard().series(300, 7);
        StringBuilder csv = new StringBuilder();
        CsvWriter.series(csv, s, "t");
        Series back = SeriesCsv.read("mg.csv", new StringReader(csv.toString()), SeriesCsv.Columns.of("x", "t"));
        assertEquals(s.columns(), back.columns());
        for (int t = 0; t < s.length(); t++) {
            assertEquals(Double.doubleToRawLongBits(s.target(t)), Double.doubleToRawLongBits(back.target(t)), "step " + t);
            assertEquals(s.line(t), back.line(t));
        }
    }

    @Test
    void mackeyGlassIsSeededAndStaysOnItsAttractor() {
        MackeyGlass mg = MackeyGlass.standard();
        double[] a = mg.values(2000, 1);
        assertArrayEquals(a, mg.values(2000, 1), "same seed");
        assertFalse(Arrays.equals(a, mg.values(2000, 2)), "the seed draws the initial history");
        double min = Arrays.stream(a).min().orElseThrow();
        double max = Arrays.stream(a).max().orElseThrow();
        // tau = 17: the chaotic attractor spans about 0.4 to 1.3 (the familiar plots of the series)
        assertTrue(min > 0.3 && min < 0.5, "min " + min + ", max " + max);
        assertTrue(max > 1.2 && max < 1.4, "min " + min + ", max " + max);
    }

    @Test
    void mackeyGlassMatchesTheEquationAtEverySample() {
        // Independently of the integrator: the samples' slope by central differences (unit step)
        // against the right-hand side of the equation at the same sample.
        MackeyGlass mg = new MackeyGlass(17, 1.2, 500);
        double[] x = mg.values(400, 3);
        double worst = 0;
        double scale = 0;
        for (int t = 18; t < x.length - 1; t++) {
            double dx = (x[t + 1] - x[t - 1]) / 2;
            double lag = x[t - 17];
            double f = 0.2 * lag / (1 + Math.pow(lag, 10)) - 0.1 * x[t];
            worst = Math.max(worst, Math.abs(dx - f));
            scale = Math.max(scale, Math.abs(f));
        }
        // central differences at step 1 are only second-order accurate: a loose bound, but a wrong
        // sign, delay or coefficient gives residuals of the size of f itself
        assertTrue(worst < 0.1 * scale, "residual " + worst + " against derivatives up to " + scale);
    }

    @Test
    void temporalOrderWrittenAndReadBackIsTheSameTable() throws IOException {
        SequenceTable t = TemporalOrder.small().table(50, 11);
        StringBuilder csv = new StringBuilder();
        CsvWriter.sequences(csv, t, "id", "t");
        SequenceTable back = SequenceCsv.read("to.csv", new StringReader(csv.toString()),
                SequenceColumns.of(Task.CLASSIFY, "id", "class", "t"));
        assertEquals(t.ids(), back.ids());
        assertEquals(t.featureNames(), back.featureNames());
        assertEquals(TemporalOrder.CLASSES, back.labels());
        for (int i = 0; i < t.size(); i++) {
            assertArrayEquals(t.features(i), back.features(i), "sequence " + i);
            assertArrayEquals(t.lines(i), back.lines(i), "lines of sequence " + i);
            assertEquals(t.classOf(i), back.classOf(i));
        }
    }

    @Test
    void temporalOrderFollowsThePaper() {
        TemporalOrder task = TemporalOrder.standard();
        SequenceTable t = task.table(400, 5);
        int[] perClass = new int[4];
        for (int i = 0; i < t.size(); i++) {
            double[][] x = t.features(i);
            assertTrue(x.length >= 100 && x.length <= 110, "length " + x.length);
            assertEquals(1, x[0][5], "starts with E");
            assertEquals(1, x[x.length - 1][4], "ends with B");
            StringBuilder relevant = new StringBuilder();
            for (int s = 0; s < x.length; s++) {
                assertEquals(1, Arrays.stream(x[s]).sum(), "one-hot");
                if (x[s][6] == 1 || x[s][7] == 1) {
                    assertTrue(s >= 10 && s <= 20 || s >= 50 && s <= 60, "relevant symbol at " + s);
                    relevant.append(x[s][6] == 1 ? 'X' : 'Y');
                }
            }
            String cls = switch (relevant.toString()) {
                case "XX" -> "Q";
                case "XY" -> "R";
                case "YX" -> "S";
                default -> "U";
            };
            assertEquals(2, relevant.length());
            assertEquals(cls, t.labels().get(t.classOf(i)));
            perClass[t.classOf(i)]++;
        }
        for (int c : perClass) {
            assertTrue(c > 60, "classes drawn evenly: " + Arrays.toString(perClass));
        }
    }
}
