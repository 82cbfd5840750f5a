package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Untrusted text is printed on one line that cannot drive a terminal, and otherwise as itself. */
class QuotingTest {

    @Test
    void controlAndFormatCharactersAreEscaped() {
        assertEquals("'\\u001b[31mred'", Quoting.quote("\u001b[31mred"));
        assertEquals("'a\\u000ab\\u000dc\\u0000'", Quoting.quote("a\nb\rc\0"));
        assertEquals("'\\u007f\\u009b2J'", Quoting.quote("\u007f\u009b2J"), "DEL and the C1 CSI");
        assertEquals("'abc\\u202egnp.exe'", Quoting.quote("abc\u202egnp.exe"), "a right-to-left override");
        assertEquals("'\\u200b\\u2028\\u2029'", Quoting.quote("\u200b\u2028\u2029"));
        assertEquals("'x\\ud800y'", Quoting.quote("x\ud800y"), "an unpaired surrogate");
    }

    @Test
    void printableTextIsKeptAsItIs() {
        String names = "sigmoid \u00e9l\u00e9ment \u0436 \u03c3 \u5f62 \uD83D\uDE00";
        assertEquals("'" + names + "'", Quoting.quote(names));
        assertEquals(names, Quoting.escape(names));
    }

    @Test
    void longTextIsCutWithItsLengthAndNeverInsideAPair() {
        String s = "a".repeat(100);
        assertEquals("'" + "a".repeat(64) + "...(100 chars)'", Quoting.quote(s));
        String pairAtTheCut = "a".repeat(63) + "\uD83D\uDE00" + "b".repeat(10);
        String q = Quoting.quote(pairAtTheCut);
        assertEquals("'" + "a".repeat(63) + "...(75 chars)'", q);
        assertTrue(q.chars().noneMatch(c -> Character.isSurrogate((char) c)), q);
    }
}
