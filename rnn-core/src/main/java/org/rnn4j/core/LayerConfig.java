package org.rnn4j.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One layer of an {@link Architecture} as the user described it: the kind, the size and the
 * settings given (defaults left to the layer kind, so that replaying the description through the
 * same registry makes the same layer).
 *
 * @param kind the installed layer kind ({@code "elman"}, {@code "dense"})
 * @param size the hidden size of a recurrent layer, the output size of the output layer
 * @param options the settings as given ({@code activation=tanh}); copied and sorted by name, so
 *     that a description (and the model file holding it) does not depend on the iteration order
 *     of the map it came from ({@code Map.of} changes it from run to run)
 */
public record LayerConfig(String kind, int size, Map<String, String> options) {

    /** Copies the options and checks that nothing is null. */
    public LayerConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(options, "options");
        options.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("layer '" + kind + "': settings may not be null, got " + k + "=" + v);
            }
        });
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }
}
