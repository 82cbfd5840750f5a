package org.rnn4j.io.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.rnn4j.io.csv.SequenceColumns;
import org.rnn4j.io.csv.SequenceCsv;

/** The errors of a split by sequence. */
class SequenceSplitTest {

    @Test
    void aClassSeenOnceCannotBeBothLearnedAndTested() {
        SequenceTable t = SequenceCsv.read("data.csv", new StringReader("""
                id,x,label
                a,1,cat
                b,1,cat
                c,1,dog
                c,2,dog
                d,1,cat
                """), SequenceColumns.of(Task.CLASSIFY, "id", "label", null));
        DataFileException e = assertThrows(DataFileException.class, () -> SequenceSplit.of(t, 0.2, 0, 1));
        assertEquals("data.csv, line 5, column 'label': the class 'dog' has only one sequence (id 'c'); to be learned "
                + "and tested every class needs at least two sequences (or --test-fraction 0)", e.getMessage());
        assertEquals(4, SequenceSplit.of(t, 0, 0, 1).train().length, "without a test part it is allowed");
    }

    @Test
    void fractionsOutOfRangeAndTooFewSequences() {
        SequenceTable t = SequenceCsv.read("d.csv", new StringReader("id,x,y\na,1,2\n"),
                SequenceColumns.of(Task.REGRESS, "id", "y", null));
        assertThrows(IllegalArgumentException.class, () -> SequenceSplit.of(t, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SequenceSplit.of(t, 0.2, -0.1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SequenceSplit.of(t, 0.2, 0, 1));
        assertEquals("a test fraction of 0.2 needs at least 2 sequences to split, 1 left of 1; give more sequences "
                + "or a fraction of 0", e.getMessage());
    }
}
