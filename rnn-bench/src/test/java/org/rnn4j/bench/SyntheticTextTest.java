package org.rnn4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The text of docs/BENCHMARKS.md, against values worked out by hand and with BigInteger. */
class SyntheticTextTest {

    @Test
    void theVocabularyHas65SymbolsInTheGivenOrder() {
        assertEquals(65, SyntheticText.VOCABULARY.length());
        assertEquals('\n', SyntheticText.VOCABULARY.charAt(0));
        assertEquals(' ', SyntheticText.VOCABULARY.charAt(1));
        assertEquals('?', SyntheticText.VOCABULARY.charAt(12));
        assertEquals('A', SyntheticText.VOCABULARY.charAt(13));
        assertEquals('z', SyntheticText.VOCABULARY.charAt(64));
    }

    @Test
    void theFirstSymbolsFromSeed1234() {
        // s_1 = 1234 * 6364136223846793005 + 1442695040888963407 mod 2^64 = 14920563941272094777
        //   r_0 = s_1 >>> 33 = 1736982253, c_0 = r_0 mod 65 = 58 ('t')
        // s_2 = 3951533726857345620, r_1 = 460019070, r_1 mod 8 = 6, c_1 = (17 * 58 + 6) mod 65 = 992 mod 65 = 17 ('E')
        // s_3 = 13131044597127048723, r_2 = 1528654782, r_2 mod 8 = 6, c_2 = (17 * 17 + 6) mod 65 = 295 mod 65 = 35 ('W')
        // s_4 = 13905980821991901094, r_3 = 1618869232, r_3 mod 8 = 0, c_3 = (17 * 35 + 0) mod 65 = 595 mod 65 = 10 (':')
        // then 47 ('i'), 24 ('L'), 23 ('K'), 6 (',')
        assertArrayEquals(new int[] {58, 17, 35, 10, 47, 24, 23, 6}, SyntheticText.symbols(8));
        assertEquals("tEW:iLK,", SyntheticText.text(SyntheticText.symbols(8)));
    }

    @Test
    void agreesWithTheDefinitionInExactArithmetic() {
        BigInteger mod = BigInteger.ONE.shiftLeft(64);
        BigInteger a = new BigInteger("6364136223846793005");
        BigInteger c = new BigInteger("1442695040888963407");
        BigInteger s = BigInteger.valueOf(1234);
        int[] text = SyntheticText.symbols(2000);
        int previous = -1;
        for (int i = 0; i < text.length; i++) {
            s = s.multiply(a).add(c).mod(mod);
            long r = s.shiftRight(33).longValueExact();
            int expected = i == 0 ? (int) (r % 65) : (int) ((17L * previous + r % 8) % 65);
            assertEquals(expected, text[i], "symbol " + i);
            previous = expected;
        }
    }

    @Test
    void eachSymbolHasEightSuccessors() {
        int[] text = SyntheticText.symbols(200_000);
        boolean[][] seen = new boolean[65][65];
        for (int i = 1; i < text.length; i++) {
            seen[text[i - 1]][text[i]] = true;
        }
        for (int from = 0; from < 65; from++) {
            int count = 0;
            for (int to = 0; to < 65; to++) {
                count += seen[from][to] ? 1 : 0;
                if (seen[from][to]) {
                    int step = Math.floorMod(to - 17 * from, 65);
                    assertTrue(step < 8, from + " -> " + to);
                }
            }
            assertEquals(8, count, "successors of " + from);
        }
    }

    @Test
    void refusesAnEmptyText() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticText.symbols(0));
    }
}
