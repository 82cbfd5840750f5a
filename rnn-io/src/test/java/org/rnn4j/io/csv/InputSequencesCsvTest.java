package org.rnn4j.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.io.data.DataFileException;
import org.rnn4j.io.data.InputSequences;

/** The target-free read of prediction: the model's columns only, every error still located. */
class InputSequencesCsvTest {

    static InputSequences read(String csv, String time, List<String> features) {
        return SequenceCsv.readInputs("data.csv", new StringReader(csv), "id", time, features);
    }

    static DataFileException error(String csv, String time, List<String> features) {
        return assertThrows(DataFileException.class, () -> read(csv, time, features));
    }

    @Test
    void noTargetColumnIsNeededAndFeaturesFollowTheModelsOrder() {
        InputSequences s = read("id,t,x,y,note\na,2,1,10,z\na,1,2,20,z\nb,1,3,30,z\n", "t", List.of("y", "x"));
        assertEquals(List.of("a", "b"), s.ids());
        assertArrayEquals(new double[][] {{20, 2}, {10, 1}}, s.features().get(0), "time order, the model's order");
        assertArrayEquals(new String[] {"1", "2"}, s.times().get(0));
        assertEquals(List.of("y", "x"), s.featureNames());
        assertNull(read("id,x\na,1\n", null, List.of("x")).times(), "no time column, no times");
    }

    @Test
    void aFeatureTheModelReadsButTheFileLacksIsNamed() {
        DataFileException e = error("id,t,x\na,1,1\n", "t", List.of("x", "speed"));
        assertEquals("data.csv, line 1, column 'speed': the model reads the feature column 'speed' but the header has "
                + "no such column; the columns are: id, t, x", e.getMessage());
        assertEquals("t", error("id,x\na,1\n", "t", List.of("x")).column(), "the model's time column");
    }

    @Test
    void malformedRowsKeepTheirLineAndColumn() {
        DataFileException e = error("id,t,x\na,1,2\na,2,abc\n", "t", List.of("x"));
        assertEquals("data.csv, line 3, column 'x': 'abc' is not a number; a feature column needs a finite decimal "
                + "number such as 3, -0.25 or 1.5e-3", e.getMessage());
        assertEquals(5, error("id,t,x\na,1,1\na,2,1\nb,1,1\na,3,1\n", "t", List.of("x")).line(), "non-contiguous id");
        assertEquals(4, error("id,t,x\na,1,1\na,2,1\na,1,1\n", "t", List.of("x")).line(), "a repeated time");
        assertEquals(3, error("id,t,x\na,1,1\na,2\n", "t", List.of("x")).line(), "a ragged row");
        assertEquals(2, error("id,t,x\na,1,NaN\n", "t", List.of("x")).line(), "NaN");
    }
}
