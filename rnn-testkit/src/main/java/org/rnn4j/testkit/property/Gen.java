package org.rnn4j.testkit.property;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws random cases of one type and proposes simpler variants of a case.
 *
 * <p>{@link #generate} must depend on nothing but the random source, so that one seed always
 * gives the same case. {@link #shrink} returns candidates that are each strictly simpler than
 * the given case (fewer layers, smaller sizes, shorter sequences, plainer functions), most
 * promising first; the runner keeps the first candidate that still fails and asks again, so a
 * shrink that never ends in a fixed point is impossible as long as every candidate is simpler.
 *
 * @param <T> the case type; immutable, with a {@code toString} that a person can read
 */
public interface Gen<T> {

    /**
     * Draws a case.
     *
     * @param random the seeded source; the only source of randomness
     * @return a new case
     */
    T generate(SplittableRandom random);

    /**
     * Simpler variants of {@code value}, most promising first; none by default.
     *
     * @param value a failing case
     * @return candidates, each strictly simpler than {@code value}
     */
    default List<T> shrink(T value) {
        return List.of();
    }
}
