package org.rnn4j.testkit.property;

import java.util.OptionalLong;

/**
 * How many cases each property tries, and from which seed.
 *
 * <p>From the command line of a build: {@code -Drnn4j.tries=N} (default {@value #DEFAULT_TRIES},
 * which CI uses) and {@code -Drnn4j.seed=S}. Without a seed every property starts from a fixed
 * seed of its own, derived from its name, so a build is reproducible; pass a seed to explore
 * other cases, or to replay a reported failure.
 *
 * <h2>Replaying</h2>
 * Case {@code i} of a run from seed S is drawn from {@link #caseSeed(long, int) caseSeed(S, i)},
 * and case 0 from S itself. A failure report gives the failing case's own seed; running again
 * with {@code -Drnn4j.seed=<that seed>} therefore draws that very case first (and shrinks it the
 * same way), whatever its position was in the original run.
 *
 * @param tries cases per property, at least 1
 * @param seed the run seed, or empty for each property's default
 */
public record RunSettings(int tries, OptionalLong seed) {

    /** The system property giving the number of tries. */
    public static final String TRIES_PROPERTY = "rnn4j.tries";
    /** The system property giving the run seed. */
    public static final String SEED_PROPERTY = "rnn4j.seed";
    /** Tries per property when none are asked for: what CI runs. */
    public static final int DEFAULT_TRIES = 100;
    /** The most tries one property may be asked for. */
    public static final int MAX_TRIES = 1_000_000;

    /** The golden-ratio increment of SplitMix64, spreading consecutive case indices apart. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Mixed with a property's name to make its default seed. */
    private static final long DEFAULT_SEED = 0x726E6E346AL;

    /**
     * @throws IllegalArgumentException if tries is outside [1, {@value #MAX_TRIES}]
     */
    public RunSettings {
        if (tries < 1 || tries > MAX_TRIES) {
            throw new IllegalArgumentException("tries must be in [1, " + MAX_TRIES + "], got " + tries);
        }
        if (seed == null) {
            throw new IllegalArgumentException("seed must be given or empty, not null");
        }
    }

    /**
     * The defaults: {@value #DEFAULT_TRIES} tries, each property from its own seed.
     *
     * @return the settings
     */
    public static RunSettings defaults() {
        return new RunSettings(DEFAULT_TRIES, OptionalLong.empty());
    }

    /**
     * Reads {@code rnn4j.tries} and {@code rnn4j.seed}; absent or blank values take the defaults.
     *
     * @return the settings
     * @throws IllegalArgumentException naming the property when a value is not a whole number in range
     */
    public static RunSettings fromSystemProperties() {
        String tries = System.getProperty(TRIES_PROPERTY, "").strip();
        String seed = System.getProperty(SEED_PROPERTY, "").strip();
        int n = DEFAULT_TRIES;
        if (!tries.isEmpty()) {
            try {
                n = Integer.parseInt(tries);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + TRIES_PROPERTY + " must be a whole number in [1, "
                        + MAX_TRIES + "], got '" + tries + "'", e);
            }
            if (n < 1 || n > MAX_TRIES) {
                throw new IllegalArgumentException("-D" + TRIES_PROPERTY + " must be a whole number in [1, "
                        + MAX_TRIES + "], got " + n);
            }
        }
        OptionalLong s = OptionalLong.empty();
        if (!seed.isEmpty()) {
            try {
                s = OptionalLong.of(Long.parseLong(seed));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + SEED_PROPERTY + " must be a whole number (a Java long), got '"
                        + seed + "'", e);
            }
        }
        return new RunSettings(n, s);
    }

    /**
     * The seed a property's run starts from: the given seed, or one derived from the name.
     *
     * @param property the property's name
     * @return the run seed
     */
    public long runSeed(String property) {
        return seed.isPresent() ? seed.getAsLong() : mix(DEFAULT_SEED ^ property.hashCode());
    }

    /**
     * The seed of case {@code i} of a run: the run seed itself for case 0, a SplitMix64 mix of
     * {@code runSeed + i * golden} after.
     *
     * @param runSeed the run's seed
     * @param i the case index from 0
     * @return the case's seed
     */
    public static long caseSeed(long runSeed, int i) {
        return i == 0 ? runSeed : mix(runSeed + i * GOLDEN);
    }

    /**
     * The finalizer of SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
     * generators", OOPSLA 2014): a bijection of longs that scatters nearby inputs.
     *
     * @param z any long
     * @return its mix
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
