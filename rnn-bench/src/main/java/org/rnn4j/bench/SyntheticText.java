package org.rnn4j.bench;

/**
 * The synthetic text of docs/BENCHMARKS.md, reproducible in any language: a 64-bit linear
 * congruential generator (Knuth's MMIX constants)
 *
 * <pre>
 *   s_{i+1} = 6364136223846793005 * s_i + 1442695040888963407   (mod 2^64),  s_0 = seed
 *   r_i     = s_{i+1} &gt;&gt;&gt; 33                                   (the state advances first)
 *   c_0     = r_0 mod 65
 *   c_i     = (17 * c_{i-1} + (r_i mod 8)) mod 65
 * </pre>
 *
 * over the 65 symbols of {@link #VOCABULARY} (index = position). Each symbol has 8 equally
 * likely successors, so a model that learns brings the loss from ln 65 = 4.17 toward
 * ln 8 = 2.08 nats.
 */
public final class SyntheticText {

    /** The 65 symbols; a symbol's index is its position here. */
    public static final String VOCABULARY =
            "\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** The seed docs/BENCHMARKS.md fixes. */
    public static final long SEED = 1234;

    static final long MULTIPLIER = 6364136223846793005L;
    static final long INCREMENT = 1442695040888963407L;

    private SyntheticText() {
    }

    /**
     * The first {@code n} symbols (as indices into {@link #VOCABULARY}) from {@link #SEED}.
     *
     * @param n how many, at least 1
     * @return the symbol indices
     */
    public static int[] symbols(int n) {
        return symbols(SEED, n);
    }

    /**
     * The first {@code n} symbols from a given seed.
     *
     * @param seed s_0
     * @param n how many, at least 1
     * @return the symbol indices, each in [0, 65)
     */
    public static int[] symbols(long seed, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the text needs at least 1 symbol, got " + n);
        }
        int v = VOCABULARY.length();
        int[] c = new int[n];
        long s = seed;
        for (int i = 0; i < n; i++) {
            s = s * MULTIPLIER + INCREMENT;
            long r = s >>> 33;
            c[i] = i == 0 ? (int) (r % v) : (int) ((17L * c[i - 1] + r % 8) % v);
        }
        return c;
    }

    /**
     * The symbols as text.
     *
     * @param symbols indices into {@link #VOCABULARY}
     * @return the characters
     */
    public static String text(int[] symbols) {
        StringBuilder sb = new StringBuilder(symbols.length);
        for (int s : symbols) {
            sb.append(VOCABULARY.charAt(s));
        }
        return sb.toString();
    }
}
