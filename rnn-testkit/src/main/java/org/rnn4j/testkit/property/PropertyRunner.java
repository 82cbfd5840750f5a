package org.rnn4j.testkit.property;

import java.util.SplittableRandom;

/**
 * Runs a property over N seeded cases; on the first failure shrinks the case to the smallest
 * one that still fails the same way, and reports it with the seed that replays it.
 *
 * <p>Shrinking is greedy: ask the generator for simpler candidates, keep the first that fails
 * with the same kind of error (same exception class, so that a shrink cannot wander off to a
 * different bug), repeat until no candidate fails: the case reached is a local minimum. A
 * generator whose candidates are each strictly simpler under a well-founded order gets there in
 * few steps; as a guard against one that does not (a cycle, or endless tiny steps), shrinking
 * stops after {@value #MAX_SHRINK_ATTEMPTS} candidates, and the failure then says that its case
 * is not minimal ({@link PropertyResult.Failure#minimal()}).
 */
public final class PropertyRunner {

    /** The most shrink candidates tried for one failure. */
    public static final int MAX_SHRINK_ATTEMPTS = 2000;

    private final RunSettings settings;
    private final int maxShrinkAttempts;

    /**
     * @param settings tries and seed
     */
    public PropertyRunner(RunSettings settings) {
        this(settings, MAX_SHRINK_ATTEMPTS);
    }

    /**
     * @param settings tries and seed
     * @param maxShrinkAttempts the most shrink candidates tried for one failure, at least 0
     */
    public PropertyRunner(RunSettings settings, int maxShrinkAttempts) {
        if (maxShrinkAttempts < 0) {
            throw new IllegalArgumentException("maxShrinkAttempts must be at least 0, got " + maxShrinkAttempts);
        }
        this.settings = settings;
        this.maxShrinkAttempts = maxShrinkAttempts;
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

    private <T> PropertyResult.Failure<T> shrink(Property<T> property, int index, long caseSeed, T original,
            Throwable firstError) {
        T current = original;
        Throwable error = firstError;
        int steps = 0;
        int attempts = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (T candidate : property.gen().shrink(current)) {
                if (attempts == maxShrinkAttempts) {
                    return new PropertyResult.Failure<>(index, caseSeed, original, current, steps, false, attempts,
                            error);
                }
                attempts++;
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
        return new PropertyResult.Failure<>(index, caseSeed, original, current, steps, true, attempts, error);
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
