package org.rnn4j.testkit.property;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A named claim about every case a generator can make. The check passes by returning and fails
 * by throwing (an {@link AssertionError} with a message that says what disagreed, or any
 * runtime exception the code under test threw).
 *
 * @param name what is claimed, for reports ({@code "sigmoid: derivative matches finite differences"})
 * @param gen where the cases come from
 * @param check the claim about one case
 * @param <T> the case type
 */
public record Property<T>(String name, Gen<T> gen, Consumer<? super T> check) {

    /** Checks that nothing is missing. */
    public Property {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gen, "gen");
        Objects.requireNonNull(check, "check");
    }

    /**
     * A claim about one fixed case (a declaration, a fixed table), run once however many tries
     * are asked for.
     *
     * @param name what is claimed
     * @param check the claim
     * @return the property
     */
    public static Property<Fixed> once(String name, Runnable check) {
        Objects.requireNonNull(check, "check");
        return new Property<>(name, Fixed.GEN, f -> check.run());
    }

    /** The single case of a property made by {@link #once}. */
    public enum Fixed {
        /** The only value. */
        CASE;

        static final Gen<Fixed> GEN = random -> CASE;

        @Override
        public String toString() {
            return "the fixed case";
        }
    }
}
