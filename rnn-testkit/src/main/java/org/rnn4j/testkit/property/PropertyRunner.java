package org.rnn4j.testkit.property;

import java.util.SplittableRandom;

/**
 * Runs a property over N seeded cases; on the first failure shrinks the case to the smallest
 * one that still fails the same way, and reports it with the seed that replays it.
 *
 * <p>Shrinking is greedy: ask the generator for simpler candidates, keep the first that fails
 * with the same kind of error (same exception class, so that a shrink cannot wander off to a
 * different bug), repeat until no candidate fails or {@value #MAX_SHRINK_ATTEMPTS} candidates
 * have been tried.
 */
public final class PropertyRunner {

    /** The most shrink candidates tried for one failure. */
    public static final int MAX_SHRINK_ATTEMPTS = 2000;

    private final RunSettings settings;

    /**
     * @param settings tries and seed
     */
    public PropertyRunner(RunSettings settings) {
        this.settings = settings;
    }

    /** @return the tries and seed in use */
    public RunSettings settings() {
        return settings;
    }

    /**
     * Runs the property.
     *
     * @param property the claim and its generator
     * @param <T> the case type
     * @return the outcome: cases run and, if one failed, the shrunk counterexample
     */
    public <T> PropertyResult<T> run(Property<T> property) {
        long runSeed = settings.runSeed(property.name());
        int tries = property.gen() == Property.Fixed.GEN ? 1 : settings.tries();
        for (int i = 0; i < tries; i++) {
            long caseSeed = RunSettings.caseSeed(runSeed, i);
            T value;
            try {
                value = property.gen().generate(new SplittableRandom(caseSeed));
            } catch (RuntimeException e) {
                throw new IllegalStateException("the generator of '" + property.name() + "' failed on seed " + caseSeed, e);
            }
            Throwable error = failureOf(property, value);
            if (error != null) {
                return new PropertyResult<>(property.name(), i + 1, runSeed, shrink(property, i, caseSeed, value, error));
            }
        }
        return new PropertyResult<>(property.name(), tries, runSeed, null);
    }

    private static <T> PropertyResult.Failure<T> shrink(Property<T> property, int index, long caseSeed, T original,
            Throwable firstError) {
        T current = original;
        Throwable error = firstError;
        int steps = 0;
        int attempts = 0;
        boolean progress = true;
        while (progress && attempts < MAX_SHRINK_ATTEMPTS) {
            progress = false;
            for (T candidate : property.gen().shrink(current)) {
                if (++attempts > MAX_SHRINK_ATTEMPTS) {
                    break;
                }
                Throwable e = failureOf(property, candidate);
                if (e != null && e.getClass() == error.getClass()) {
                    current = candidate;
                    error = e;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        return new PropertyResult.Failure<>(index, caseSeed, original, current, steps, error);
    }

    /**
     * Runs the check on one case.
     *
     * @return what it threw, or null when it passed
     */
    private static <T> Throwable failureOf(Property<T> property, T value) {
        try {
            property.check().accept(value);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }
}
