package org.rnn4j.testkit.conformance;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One layer of a case: its kind, its size (hidden size, or outputs of a feed-forward layer)
 * and the settings the kit chose for it.
 *
 * @param kind an installed layer kind ({@code "elman"})
 * @param size features per step out, 1 to {@value Choices#MAX_SIZE}
 * @param options settings such as {@code activation=tanh}, sorted by name
 */
public record LayerChoice(String kind, int size, Map<String, String> options) {

    /** Copies the options into a sorted, unmodifiable map. */
    public LayerChoice {
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /**
     * @param s a new size
     * @return this layer with that size
     */
    public LayerChoice withSize(int s) {
        return new LayerChoice(kind, s, options);
    }

    /**
     * @param key a setting
     * @param value its new value, or null to drop it
     * @return this layer with that setting changed
     */
    public LayerChoice withOption(String key, String value) {
        Map<String, String> m = new TreeMap<>(options);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return new LayerChoice(kind, size, m);
    }

    /** @return {@code "elman 3 {activation=tanh}"} */
    @Override
    public String toString() {
        return kind + " " + size + (options.isEmpty() ? "" : " " + options);
    }
}
