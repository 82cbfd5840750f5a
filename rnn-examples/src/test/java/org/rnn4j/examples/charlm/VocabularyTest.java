package org.rnn4j.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The vocabulary: sorted code points, the round trip through a model file's string, clear errors. */
class VocabularyTest {

    @Test
    void theCharactersAreDistinctAndSortedByCodePoint() {
        Vocabulary v = Vocabulary.of("hello\nworld \uD83D\uDE00\u00e9");
        assertEquals("\n dehlorw\u00e9\uD83D\uDE00", v.toString());
        assertEquals(11, v.size());
        assertEquals(0x1F600, v.symbol(10));
        assertEquals(10, v.indexOf(0x1F600));
        assertEquals(-1, v.indexOf('z'));
    }

    @Test
    void encodeAndDecodeAreInverse() {
        String text = "d\u00e9j\u00e0 vu \uD83D\uDE00";
        Vocabulary v = Vocabulary.of(text);
        int[] ids = v.encode(text, "the text");
        assertEquals(text.codePointCount(0, text.length()), ids.length);
        assertEquals(text, v.decode(ids));
        assertEquals(v, Vocabulary.parse(v.toString()));
        assertArrayEquals(ids, Vocabulary.parse(v.toString()).encode(text, "the text"));
    }

    @Test
    void aCharacterOutsideTheVocabularyIsNamedWithItsPosition() {
        Vocabulary v = Vocabulary.of("ab\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.encode("abz", "the prime"));
        assertEquals("the prime has 'z' (U+007A) at character 2, which is not in the model's vocabulary of 3 "
                + "characters: \"\\nab\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.encode("a\tb", "the prime"));
        assertTrue(e.getMessage().startsWith("the prime has '\\t' (U+0009) at character 1"), e.getMessage());
    }

    @Test
    void emptyOrRepeatedVocabulariesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(""));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.parse(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.parse("aba"));
        assertEquals("the vocabulary has 'a' (U+0061) twice", e.getMessage());
    }

    @Test
    void samplingStartsFromANewlineWhenThereIsOne() {
        assertEquals("\n", Vocabulary.of("xy\nz").defaultPrime());
        assertEquals("B", Vocabulary.of("TPBE").defaultPrime());
    }
}
