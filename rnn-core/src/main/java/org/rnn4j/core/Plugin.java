package org.rnn4j.core;

/**
 * An installed plug-in: its name, the module it came from, and the instance.
 *
 * @param name the name users choose it by
 * @param module the JPMS module that provides it, or {@code "class path"} for an unnamed one
 * @param instance the provider instance
 * @param <T> the service type
 */
public record Plugin<T>(String name, String module, T instance) {

    /** @return "name (module)" */
    @Override
    public String toString() {
        return name + " (" + module + ")";
    }
}
