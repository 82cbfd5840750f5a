package org.rnn4j.examples.charlm;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The characters of a character-level language model: the distinct code points of a text in
 * ascending order (as char-rnn and min-char-rnn sort theirs), index i standing for input and
 * output feature i (one-hot). Stored in a model file's metadata {@code vocabulary} as the
 * string of those characters.
 */
public final class Vocabulary {

    private final int[] symbols;
    private final Map<Integer, Integer> index = new HashMap<>();

    private Vocabulary(int[] symbols) {
        this.symbols = symbols;
        for (int i = 0; i < symbols.length; i++) {
            if (index.put(symbols[i], i) != null) {
                throw new IllegalArgumentException("the vocabulary has " + describe(symbols[i]) + " twice");
            }
        }
    }

    /**
     * @param text a text with at least one character
     * @return its distinct characters, sorted by code point
     * @throws IllegalArgumentException for an empty text
     */
    public static Vocabulary of(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the text is empty; a language model needs at least one character");
        }
        return new Vocabulary(text.codePoints().distinct().sorted().toArray());
    }

    /**
     * @param stored the characters in index order, as a model file stores them
     * @return the vocabulary
     * @throws IllegalArgumentException if it is empty or has a character twice
     */
    public static Vocabulary parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            throw new IllegalArgumentException("the model has no vocabulary; it was not trained on text");
        }
        return new Vocabulary(stored.codePoints().toArray());
    }

    /** @return the number of characters, V */
    public int size() {
        return symbols.length;
    }

    /**
     * @param i an index in [0, V)
     * @return the character's code point
     */
    public int symbol(int i) {
        return symbols[i];
    }

    /**
     * @param codePoint a character
     * @return its index, or -1 if it is not in the vocabulary
     */
    public int indexOf(int codePoint) {
        return index.getOrDefault(codePoint, -1);
    }

    /**
     * @param text characters of this vocabulary
     * @param what what the text is, for the message ("the prime", "the text")
     * @return their indices
     * @throws IllegalArgumentException naming the first character that is not in the vocabulary
     */
    public int[] encode(String text, String what) {
        int[] cps = text.codePoints().toArray();
        int[] out = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            out[i] = indexOf(cps[i]);
            if (out[i] < 0) {
                throw new IllegalArgumentException(what + " has " + describe(cps[i]) + " at character " + i
                        + ", which is not in the model's vocabulary of " + size() + " characters: " + quoted());
            }
        }
        return out;
    }

    /**
     * @param indices indices in [0, V)
     * @return the text they stand for
     */
    public String decode(int[] indices) {
        StringBuilder s = new StringBuilder();
        for (int i : indices) {
            s.appendCodePoint(symbols[i]);
        }
        return s.toString();
    }

    /**
     * Where sampling starts when no prime is given: a newline if the vocabulary has one (a
     * text's natural start), else its first character (B for the Reber grammar).
     *
     * @return one character
     */
    public String defaultPrime() {
        return indexOf('\n') >= 0 ? "\n" : new String(Character.toChars(symbols[0]));
    }

    /** @return the characters in index order, as a model file stores them */
    @Override
    public String toString() {
        return new String(symbols, 0, symbols.length);
    }

    /** @return the characters in index order, escaped so that the line stays one line */
    public String quoted() {
        StringBuilder s = new StringBuilder("\"");
        for (int cp : symbols) {
            s.append(escape(cp));
        }
        return s.append('"').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(symbols, v.symbols);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(symbols);
    }

    private static String describe(int cp) {
        return "'" + escape(cp) + "' (U+" + String.format("%04X", cp) + ")";
    }

    private static String escape(int cp) {
        return switch (cp) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            default -> Character.isISOControl(cp) ? String.format("\\u%04x", cp) : new String(Character.toChars(cp));
        };
    }
}
