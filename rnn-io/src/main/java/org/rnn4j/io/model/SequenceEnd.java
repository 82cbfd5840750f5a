package org.rnn4j.io.model;

/**
 * Where a sequence a model generates ends, for a model of strings (the embedded Reber grammar)
 * rather than of endless text: a string ends with the {@code count}-th occurrence of
 * {@code symbol}, counted from the start of the string (the prime included). The Reber grammar's
 * strings end at their second E ({@code new SequenceEnd("E", 2)}); a grammar with one end
 * marker has count 1. A model file keeps it in its metadata as {@code eos} (the symbol) and
 * {@code eos_count}; a model of text has none and generates as long as it is asked to.
 *
 * @param symbol one character (code point) of the model's vocabulary
 * @param count how many of them end a sequence, at least 1
 */
public record SequenceEnd(String symbol, int count) {

    /**
     * Checks the symbol and the count.
     *
     * @throws IllegalArgumentException if the symbol is not one character or the count is below 1
     */
    public SequenceEnd {
        if (symbol == null || symbol.codePointCount(0, symbol.length()) != 1) {
            throw new IllegalArgumentException("the end-of-sequence symbol must be one character, got "
                    + (symbol == null ? "none" : Text.quote(symbol)));
        }
        if (count < 1) {
            throw new IllegalArgumentException("the end-of-sequence count must be >= 1, got " + count);
        }
    }

    /** @return the symbol's code point */
    public int codePoint() {
        return symbol.codePointAt(0);
    }
}
