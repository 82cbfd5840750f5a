package org.rnn4j.examples.reber;

import java.util.random.RandomGenerator;

/**
 * The Reber grammar (A. S. Reber, "Implicit learning of artificial grammars", Journal of Verbal
 * Learning and Verbal Behavior 6, 1967), as used to test recurrent nets by Cleeremans,
 * Servan-Schreiber and McClelland (1989), Fahlman (1991) and Hochreiter and Schmidhuber ("Long
 * Short-Term Memory", Neural Computation 9, 1997, section 5, experiment 1). A finite automaton
 * over the symbols B T P S X V E; every string starts with B and ends with E:
 *
 * <pre>
 *   start --B--&gt; 0
 *   0 --T--&gt; 1      0 --P--&gt; 2
 *   1 --S--&gt; 1      1 --X--&gt; 3
 *   2 --T--&gt; 2      2 --V--&gt; 4
 *   3 --X--&gt; 2      3 --S--&gt; 5
 *   4 --P--&gt; 3      4 --V--&gt; 5
 *   5 --E--&gt; end
 * </pre>
 *
 * Generating takes each of a node's two edges with probability 1/2 (as the papers do), so
 * the shortest strings are BTXSE and BPVVE and the loops (S at node 1, T at node 2, the cycles
 * through nodes 2, 3 and 4) make some strings long.
 */
public final class ReberGrammar {

    /** The symbols, in no particular order. */
    public static final String SYMBOLS = "BTPSXVE";

    /** The state before the first symbol. */
    static final int START = -1;
    /** The state after the final E. */
    static final int END = 6;
    /** No state: the symbol is not allowed here. */
    static final int REJECT = -2;

    /** The symbols on the edges out of each node 0..5, in the order of {@link #TO}. */
    private static final String[] OUT = {"TP", "SX", "TV", "XS", "PV", "E"};
    /** The node each of those edges leads to. */
    private static final int[][] TO = {{1, 2}, {1, 3}, {2, 4}, {2, 5}, {3, 5}, {END}};

    private ReberGrammar() {
    }

    /**
     * The state after reading {@code symbol} in {@code state}.
     *
     * @param state {@link #START}, a node 0..5, or {@link #END}
     * @param symbol the next symbol
     * @return the next state, or {@link #REJECT} if the grammar does not allow the symbol here
     */
    static int next(int state, char symbol) {
        int edge = allowed(state).indexOf(symbol);
        if (edge < 0) {
            return REJECT;
        }
        return state == START ? 0 : TO[state][edge];
    }

    /**
     * @param state {@link #START}, a node 0..5, or {@link #END}
     * @return the symbols the grammar allows next (empty at the end)
     */
    static String allowed(int state) {
        if (state == START) {
            return "B";
        }
        return state >= 0 && state < OUT.length ? OUT[state] : "";
    }

    /**
     * Generates one string, each edge of a node with probability 1/2.
     *
     * @param random the source of the choices
     * @return a string of the grammar, B first and E last
     */
    public static String generate(RandomGenerator random) {
        StringBuilder s = new StringBuilder("B");
        int state = 0;
        while (state != END) {
            int edge = OUT[state].length() == 1 ? 0 : random.nextInt(2);
            s.append(OUT[state].charAt(edge));
            state = TO[state][edge];
        }
        return s.toString();
    }

    /**
     * @param s a string
     * @return whether the grammar generates it
     */
    public static boolean accepts(String s) {
        int state = START;
        for (int i = 0; i < s.length() && state != REJECT; i++) {
            state = next(state, s.charAt(i));
        }
        return state == END;
    }
}
