package org.rnn4j.examples.reber;

import java.util.random.RandomGenerator;

/**
 * The embedded Reber grammar (Hochreiter and Schmidhuber, "Long Short-Term Memory", Neural
 * Computation 9, 1997, section 5.1; after Fahlman 1991): a {@link ReberGrammar Reber string}
 * wrapped as
 *
 * <pre>
 *   B T &lt;Reber string&gt; T E      or      B P &lt;Reber string&gt; P E      (each with probability 1/2)
 * </pre>
 *
 * The symbol before the final E repeats the second symbol, across the whole inner string: a net
 * that predicts it must remember one bit over that span, which is what makes the grammar a test
 * of long-range memory (simple recurrent nets trained by BPTT mostly fail it). Every other
 * symbol is predictable from the last few. A string contains exactly two E's (the inner one and
 * the final one) and two B's.
 */
public final class EmbeddedReber {

    private EmbeddedReber() {
    }

    /**
     * @param random the source of the choices
     * @return one string of the embedded grammar
     */
    public static String generate(RandomGenerator random) {
        char branch = random.nextBoolean() ? 'T' : 'P';
        return "B" + branch + ReberGrammar.generate(random) + branch + "E";
    }

    /**
     * @param s a string
     * @return whether the embedded grammar generates it
     */
    public static boolean accepts(CharSequence s) {
        Reader r = new Reader();
        for (int i = 0; i < s.length(); i++) {
            if (!r.read(s.charAt(i))) {
                return false;
            }
        }
        return r.complete();
    }

    /**
     * The index of the symbol that needs the long-range memory: the one before the final E.
     *
     * @param s a string of the grammar
     * @return {@code s.length() - 2}
     */
    public static int longRangeIndex(CharSequence s) {
        return s.length() - 2;
    }

    /**
     * Reads a string symbol by symbol and says what may come next: the grammar's successors of
     * the prefix read so far. The next symbol is not unique (mostly two choices), except at the
     * second-to-last position, where only the symbol read second is allowed.
     */
    public static final class Reader {

        private int phase;
        private char branch;
        private int inner = ReberGrammar.START;

        /** At the start of a string. */
        public Reader() {
        }

        /**
         * @return the symbols allowed next; empty once the string is complete or after a symbol
         *     the grammar does not allow
         */
        public String allowed() {
            return switch (phase) {
                case 0 -> "B";
                case 1 -> "TP";
                case 2 -> ReberGrammar.allowed(inner);
                case 3 -> String.valueOf(branch);
                case 4 -> "E";
                default -> "";
            };
        }

        /**
         * @param symbol the next symbol
         * @return whether the grammar allows it; once it is false, the reader stays rejected
         */
        public boolean read(char symbol) {
            if (allowed().indexOf(symbol) < 0) {
                phase = -1;
                return false;
            }
            switch (phase) {
                case 1 -> {
                    branch = symbol;
                    phase = 2;
                }
                case 2 -> {
                    inner = ReberGrammar.next(inner, symbol);
                    phase = inner == ReberGrammar.END ? 3 : 2;
                }
                default -> phase++;
            }
            return true;
        }

        /** @return whether a whole string has been read */
        public boolean complete() {
            return phase == 5;
        }
    }
}
