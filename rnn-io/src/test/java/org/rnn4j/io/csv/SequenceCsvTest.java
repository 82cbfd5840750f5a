package org.rnn4j.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.io.data.DataFileException;
import org.rnn4j.io.data.SequenceTable;
import org.rnn4j.io.data.Task;

/** The long format: what is read, and one test per kind of malformed input, each pinning line and column. */
class SequenceCsvTest {

    private static final SequenceColumns CLASSIFY = SequenceColumns.of(Task.CLASSIFY, "id", "label", "t");

    static SequenceTable read(String csv, SequenceColumns columns) {
        return SequenceCsv.read("data.csv", new StringReader(csv), columns);
    }

    static DataFileException error(String csv, SequenceColumns columns) {
        return assertThrows(DataFileException.class, () -> read(csv, columns));
    }

    @Test
    void rowsWithOneIdFormASequenceOrderedByTimeWithLabelsSorted() {
        SequenceTable t = read("""
                id,t,x,subject,y,label
                a,2,1.5,ann,10,walk
                a,1,0.5,ann,20,walk
                a,3,2.5,ann,30,run
                b,1,-1,bob,1e2,sit
                """, CLASSIFY);
        assertEquals(List.of("a", "b"), t.ids());
        assertEquals(List.of("x", "y"), t.featureNames(), "subject holds no number: not a feature by default");
        assertEquals(List.of("run", "sit"), t.labels(), "labels seen as targets, sorted");
        assertArrayEquals(new double[][] {{0.5, 20}, {1.5, 10}, {2.5, 30}}, t.features(0));
        assertArrayEquals(new int[] {3, 2, 4}, t.lines(0), "steps ordered by t keep their lines");
        assertEquals(0, t.classOf(0), "the last step in time (line 4) says run");
        assertEquals(1, t.classOf(1));
        assertArrayEquals(new double[][] {{-1, 100}}, t.features(1));
    }

    @Test
    void withoutTimeTheFileOrderHoldsAndTagTakesEveryRow() {
        SequenceTable t = read("""
                id,x,tag
                s,3,B
                s,1,A
                """, SequenceColumns.of(Task.TAG, "id", "tag", null));
        assertArrayEquals(new double[][] {{3}, {1}}, t.features(0));
        assertArrayEquals(new int[] {1, 0}, t.stepClasses(0));
    }

    @Test
    void regressionReadsTheLastRowsNumberAndNamedFeaturesInTheirOrder() {
        SequenceTable t = read("""
                id,x,y,z,target
                a,1,2,3,ignored
                a,4,5,6,0.25
                """, SequenceColumns.of(Task.REGRESS, "id", "target", null).withFeatures(List.of("z", "x")));
        assertEquals(List.of("z", "x"), t.featureNames());
        assertArrayEquals(new double[][] {{3, 1}, {6, 4}}, t.features(0));
        assertEquals(0.25, t.valueOf(0));
    }

    @Test
    void byteOrderMarkCrlfQuotesAndBlankLinesAreHandledAndLinesStayTrue() {
        SequenceTable t = read("\uFEFFid,t,x,label\r\n\"a\",1,2,\"multi\nline\"\r\n\r\na,2,3,ok\r\n",
                SequenceColumns.of(Task.TAG, "id", "label", "t"));
        assertEquals(List.of("a"), t.ids(), "the BOM is not part of the first column's name");
        assertArrayEquals(new int[] {2, 5}, t.lines(0), "a quoted line break and a blank line both count");
        assertEquals(List.of("multi\nline", "ok"), t.labels());
    }

    @Test
    void emptyFile() {
        DataFileException e = error("", CLASSIFY);
        assertEquals("data.csv, line 1: the file is empty; a CSV file with a header row naming the columns "
                + "and one row per time step is required", e.getMessage());
    }

    @Test
    void headerOnly() {
        assertEquals(2, error("id,t,x,label\n", CLASSIFY).line());
    }

    @Test
    void headerWithoutTheNamedColumn() {
        DataFileException e = error("id,t,x,class\na,1,2,c\n", CLASSIFY);
        assertEquals("data.csv, line 1, column 'label': no such column in the header (named by --target); "
                + "the columns are: id, t, x, class", e.getMessage());
    }

    @Test
    void duplicateColumnNames() {
        DataFileException e = error("id,t,x,x,label\na,1,2,3,c\n", CLASSIFY);
        assertEquals(1, e.line());
        assertEquals("x", e.column());
        assertEquals("data.csv, line 1, column 'x': the header names this column twice (columns 3 and 4); "
                + "column names must be unique", e.getMessage());
    }

    @Test
    void raggedShortRowNamesTheFirstMissingColumn() {
        DataFileException e = error("id,t,x,label\na,1,2,c\na,2,3\n", CLASSIFY);
        assertEquals(3, e.line());
        assertEquals("label", e.column());
        assertEquals("data.csv, line 3, column 'label': the row has 3 value(s) and so no value for this column; "
                + "every row needs one value for each of the 4 columns of the header", e.getMessage());
    }

    @Test
    void raggedLongRow() {
        DataFileException e = error("id,t,x,label\n\na,1,2,c,extra\n", CLASSIFY);
        assertEquals(3, e.line(), "the blank line 2 counts");
        assertEquals("data.csv, line 3: the row has 5 values but the header names 4 columns; every row needs "
                + "exactly one value per column", e.getMessage());
    }

    @Test
    void nonNumericFeature() {
        DataFileException e = error("id,t,x,label\na,1,2,c\na,2,abc,c\n", CLASSIFY);
        assertEquals("data.csv, line 3, column 'x': 'abc' is not a number; a feature column needs a finite decimal "
                + "number such as 3, -0.25 or 1.5e-3", e.getMessage());
    }

    @Test
    void hexAndJavaSuffixesAreNotNumbers() {
        assertEquals("x", error("id,x,label\na,1.5f,c\na,2,c\n", SequenceColumns.of(Task.CLASSIFY, "id", "label", null))
                .column());
        assertEquals(2, error("id,x,label\na,0x1p3,c\na,2,c\n", SequenceColumns.of(Task.CLASSIFY, "id", "label", null)).line());
    }

    @Test
    void emptyFeatureValue() {
        DataFileException e = error("id,t,x,label\na,1,,c\na,2,1,c\n", CLASSIFY);
        assertEquals("data.csv, line 2, column 'x': the value is empty; a feature column needs a finite decimal "
                + "number such as 3, -0.25 or 1.5e-3 on every row (missing values are not supported)", e.getMessage());
    }

    @Test
    void nanFeature() {
        DataFileException e = error("id,t,x,label\na,1,1,c\nb,1,NaN,c\n", CLASSIFY);
        assertEquals("data.csv, line 3, column 'x': 'NaN' is not a finite number; a feature column needs a finite "
                + "decimal number such as 3, -0.25 or 1.5e-3 (NaN and infinities are not allowed)", e.getMessage());
    }

    @Test
    void infiniteFeatureWrittenOrOverflowing() {
        DataFileException inf = error("id,t,x,label\na,1,-Infinity,c\n", CLASSIFY);
        assertEquals(2, inf.line());
        assertEquals("x", inf.column());
        DataFileException big = error("id,t,x,label\na,1,1,c\na,2,1e400,c\n", CLASSIFY);
        assertEquals("data.csv, line 3, column 'x': '1e400' is too large for a double; a feature column needs a finite "
                + "decimal number such as 3, -0.25 or 1.5e-3 of magnitude below 1.8e308", big.getMessage());
    }

    @Test
    void nonContiguousId() {
        DataFileException e = error("id,t,x,label\na,1,1,c\na,2,1,c\nb,1,1,c\na,3,1,c\n", CLASSIFY);
        assertEquals("data.csv, line 5, column 'id': the id 'a' appears again after its rows ended on line 3; the rows "
                + "of one sequence must be contiguous (sort the file by id, keeping the order of the steps)",
                e.getMessage());
    }

    @Test
    void emptyId() {
        DataFileException e = error("id,t,x,label\na,1,1,c\n,2,1,c\n", CLASSIFY);
        assertEquals(3, e.line());
        assertEquals("id", e.column());
    }

    @Test
    void twoRowsOfOneSequenceAtTheSameTime() {
        DataFileException e = error("id,t,x,label\na,1,1,c\na,2,1,c\na,1,1,c\n", CLASSIFY);
        assertEquals("data.csv, line 4, column 't': the time '1' is also on line 2 of sequence 'a'; the times of one "
                + "sequence must all differ", e.getMessage());
    }

    @Test
    void datesOrderToo() {
        SequenceTable t = read("id,t,x,label\na,2024-03-02,2,c\na,2024-03-01,1,c\n", CLASSIFY);
        assertArrayEquals(new double[][] {{1}, {2}}, t.features(0));
        DataFileException e = error("id,t,x,label\na,2024-03-02,2,c\na,3,1,c\n", CLASSIFY);
        assertEquals(3, e.line());
        assertEquals("t", e.column());
    }

    @Test
    void nonNumericRegressionTarget() {
        DataFileException e = error("id,x,y\na,1,2\na,1,high\n", SequenceColumns.of(Task.REGRESS, "id", "y", null));
        assertEquals("data.csv, line 3, column 'y': 'high' is not a number; the target of regression (each sequence's "
                + "last row) needs a finite decimal number such as 3, -0.25 or 1.5e-3", e.getMessage());
    }

    @Test
    void emptyClassLabel() {
        DataFileException e = error("id,x,y\na,1,A\nb,1,\n", SequenceColumns.of(Task.TAG, "id", "y", null));
        assertEquals(3, e.line());
        assertEquals("y", e.column());
    }

    @Test
    void aClassTheModelDoesNotKnow() {
        DataFileException e = error("id,x,y\na,1,A\nb,1,Z\n",
                SequenceColumns.of(Task.CLASSIFY, "id", "y", null).withLabels(List.of("A", "B")));
        assertEquals("data.csv, line 3, column 'y': the class 'Z' is not one the model knows; the classes are: A, B",
                e.getMessage());
    }

    @Test
    void noNumericFeatureLeft() {
        DataFileException e = error("id,name,y\na,ann,A\n", SequenceColumns.of(Task.CLASSIFY, "id", "y", null));
        assertEquals(1, e.line());
        assertEquals(null, e.column());
    }

    @Test
    void brokenQuoting() {
        DataFileException e = error("id,x,y\nb,1,A\na,\"1\"x,A\n", SequenceColumns.of(Task.CLASSIFY, "id", "y", null));
        assertEquals("data.csv, line 3: not readable as CSV (Invalid character between encapsulated token and "
                + "delimiter); a CSV file has comma-separated values, quoted with \" where they hold commas, quotes or "
                + "line breaks, a quote inside a quoted value doubled (\"\")", e.getMessage());
    }

    @Test
    void aTimeThatIsNeitherNumberNorDate() {
        DataFileException e = error("id,t,x,label\na,1,1,c\na,soon,1,c\n", CLASSIFY);
        assertEquals("data.csv, line 3, column 't': 'soon' is neither a number nor an ISO-8601 date or date-time; the "
                + "time column needs numbers on every row, like its first", e.getMessage());
    }

    @Test
    void notUtf8() throws IOException {
        Path file = Files.createTempFile("latin1", ".csv");
        try {
            Files.write(file, "id,x,label\na,1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
            DataFileException e = assertThrows(DataFileException.class, () -> SequenceCsv.read(file, CLASSIFY));
            assertEquals(file + ": the file is not UTF-8 text (it has a byte sequence that UTF-8 does not allow, as "
                    + "Latin-1 or Windows-1252 accents are); save it as UTF-8", e.getMessage());
        } finally {
            Files.delete(file);
        }
    }
}
