package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An option that takes one value, given more than once, is one line naming it and its values,
 * exit 2, in every command: picocli's own words ("expected only one match", "should be specified
 * only once") name neither.
 */
class RepeatedOptionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "train --steps 300 --steps 400       | rnn4j train: --steps given twice (300 and 400); give it once",
        "train --epochs 2 --epochs=3         | rnn4j train: --epochs given twice (2 and 3); give it once",
        "train --hidden 4 --seq 8 --hidden 5 --hidden 6 | rnn4j train: --hidden given 3 times (4, 5 and 6); give it once",
        "train --json --json                 | rnn4j train: --json given twice; give it once",
        "sample --model a --model b          | rnn4j sample: --model given twice (a and b); give it once",
        "tutorial --steps 1 --steps 2        | rnn4j tutorial: --steps given twice (1 and 2); give it once",
        "gradcheck --tries 1 --tries 2       | rnn4j gradcheck: --tries given twice (1 and 2); give it once",
    })
    void isOneLineNamingTheOptionAndItsValues(String line, String expected) {
        String[] r = Cli.run(line.split(" "));
        assertEquals("2", r[0], r[1] + r[2]);
        assertEquals(expected + "\n", r[2]);
        assertEquals("", r[1]);
    }
}
