package org.rnn4j.examples.reber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Reber grammar and its embedded form against strings worked out by hand from the published graph. */
class EmbeddedReberTest {

    @Test
    void theShortestReberStringsAreTheFiveOfThePublishedGraph() {
        // From the graph: length 5 BTXSE, BPVVE; length 6 BTSXSE, BPTVVE, BPVPSE.
        Set<String> shortOnes = new TreeSet<>();
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            String s = ReberGrammar.generate(r);
            if (s.length() <= 6) {
                shortOnes.add(s);
            }
        }
        assertEquals(new TreeSet<>(Set.of("BTXSE", "BPVVE", "BTSXSE", "BPTVVE", "BPVPSE")), shortOnes);
    }

    @Test
    void theRecogniserAcceptsGrammarStringsAndNothingElse() {
        for (String s : new String[] {"BTXSE", "BPVVE", "BTSSXXTVVE", "BPTTVPXVPSE", "BTXXTTVPSE"}) {
            assertTrue(ReberGrammar.accepts(s), s);
        }
        for (String s : new String[] {"", "B", "BTXS", "BTXSEE", "TXSE", "BTVSE", "BPXVE", "BTXSEB", "BTXXE"}) {
            assertFalse(ReberGrammar.accepts(s), s);
        }
    }

    @Test
    void embeddedStringsWrapAReberStringInTheSameBranchSymbol() {
        assertTrue(EmbeddedReber.accepts("BTBTXSETE"));
        assertTrue(EmbeddedReber.accepts("BPBPVVEPE"));
        assertTrue(EmbeddedReber.accepts("BPBTSSXXTVVEPE"));
        assertFalse(EmbeddedReber.accepts("BTBTXSEPE"), "the branch symbol must repeat");
        assertFalse(EmbeddedReber.accepts("BPBPVVETE"), "the branch symbol must repeat");
        assertFalse(EmbeddedReber.accepts("BTBTXSET"), "incomplete");
        assertFalse(EmbeddedReber.accepts("BTBTXSETEB"), "nothing after the final E");
        assertFalse(EmbeddedReber.accepts("BXBTXSEXE"), "X cannot be the branch");
        assertFalse(EmbeddedReber.accepts("BTBTXXETE"), "the inner string must be a Reber string");
    }

    @Test
    void generatedStringsAreAcceptedAndCarryTheirBranchAcross() {
        SplittableRandom r = new SplittableRandom(7);
        int t = 0;
        for (int i = 0; i < 2_000; i++) {
            String s = EmbeddedReber.generate(r);
            assertTrue(EmbeddedReber.accepts(s), s);
            assertEquals(s.charAt(1), s.charAt(EmbeddedReber.longRangeIndex(s)), s);
            assertEquals(2, s.chars().filter(c -> c == 'E').count(), s);
            t += s.charAt(1) == 'T' ? 1 : 0;
        }
        assertTrue(t > 900 && t < 1100, "both branches about half the time, got T " + t + " of 2000");
    }

    @Test
    void theReaderSaysWhatMayComeNext() {
        String s = "BTBPVPSETE";
        String[] expected = {"B", "TP", "B", "TP", "TV", "PV", "XS", "E", "T", "E", ""};
        EmbeddedReber.Reader r = new EmbeddedReber.Reader();
        for (int i = 0; i < s.length(); i++) {
            assertEquals(expected[i], r.allowed(), "after " + s.substring(0, i));
            assertTrue(r.read(s.charAt(i)));
        }
        assertEquals(expected[s.length()], r.allowed());
        assertTrue(r.complete());
        assertFalse(r.read('B'), "nothing after the end");
        assertEquals("", r.allowed());
    }

    @Test
    void aRejectedReaderStaysRejected() {
        EmbeddedReber.Reader r = new EmbeddedReber.Reader();
        assertTrue(r.read('B'));
        assertFalse(r.read('S'));
        assertEquals("", r.allowed());
        assertFalse(r.read('T'), "T would have been allowed before the S");
        assertFalse(r.complete());
    }
}
