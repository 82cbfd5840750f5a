package org.rnn4j.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.io.data.DataFileException;
import org.rnn4j.io.data.ForecastWindows;
import org.rnn4j.io.data.Series;
import org.rnn4j.io.data.WindowSplit;

/** One series for forecasting: columns, order, windows, and the series too short for them. */
class SeriesCsvTest {

    static Series read(String csv, SeriesCsv.Columns columns) {
        return SeriesCsv.read("series.csv", new StringReader(csv), columns);
    }

    @Test
    void theTargetComesFirstThenTheOtherNumericColumnsInTimeOrder() {
        Series s = read("""
                date,station,temp,load
                2024-01-02,north,2.5,20
                2024-01-01,north,1.5,10
                2024-01-03,north,3.5,30
                """, SeriesCsv.Columns.of("load", "date"));
        assertEquals(List.of("load", "temp"), s.columns(), "station holds no number; date orders");
        assertEquals(3, s.length());
        assertEquals(10, s.target(0));
        assertEquals(1.5, s.value(0, 1));
        assertEquals(3, s.line(0), "the first step in time was on line 3");
    }

    @Test
    void windowsReadWStepsAndForecastTheNextH() {
        Series s = read("x,u\n0,10\n1,11\n2,12\n3,13\n4,14\n", SeriesCsv.Columns.of("x", null));
        ForecastWindows w = new ForecastWindows(s, 2, 2);
        assertEquals(2, w.count());
        assertArrayEquals(new double[][] {{1, 11}, {2, 12}}, w.inputs(1));
        assertArrayEquals(new double[] {3, 4}, w.forecast(1));
        assertArrayEquals(new double[][] {{2, 3}, {3, 4}}, w.stepTargets(1), "per step: the H values after it");
        assertArrayEquals(new double[] {2, 2}, w.naiveForecast(1), "the last value seen, H times");
    }

    @Test
    void aSeriesShorterThanOneWindow() {
        Series s = read("x\n1\n2\n3\n", SeriesCsv.Columns.of("x", null));
        DataFileException e = assertThrows(DataFileException.class, () -> new ForecastWindows(s, 3, 1));
        assertEquals("series.csv, line 4, column 'x': the series has 3 steps, shorter than one window: --window 3 "
                + "plus --horizon 1 needs at least 4 steps", e.getMessage());
    }

    @Test
    void aSeriesTooShortToLeaveATrainingWindowAfterTheHeldOutOnes() {
        Series s = read("x\n1\n2\n3\n4\n5\n", SeriesCsv.Columns.of("x", null));
        ForecastWindows w = new ForecastWindows(s, 2, 2);
        DataFileException e = assertThrows(DataFileException.class, () -> WindowSplit.chronological(w, 0.2, 0));
        assertEquals(6, e.line());
        assertEquals("x", e.column());
    }

    @Test
    void aTargetThatIsNotANumber() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> read("x,u\n1,2\nn/a,3\n", SeriesCsv.Columns.of("x", null)));
        assertEquals("series.csv, line 3, column 'x': 'n/a' is not a number; the target column needs a finite decimal "
                + "number such as 3, -0.25 or 1.5e-3", e.getMessage());
    }

    @Test
    void aRepeatedTime() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> read("t,x\n1,1\n2,2\n2,3\n", SeriesCsv.Columns.of("x", "t")));
        assertEquals(4, e.line());
        assertEquals("t", e.column());
    }
}
