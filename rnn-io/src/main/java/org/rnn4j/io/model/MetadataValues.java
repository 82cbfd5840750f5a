package org.rnn4j.io.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.rnn4j.core.LayerConfig;

/**
 * One entry of an rnn4j file's {@code __metadata__} read and checked ({@link MetadataReader} reads
 * the whole map with them): present, a whole number or a probability in range, a layer (kind, size
 * and options), a JSON object of strings. Each failure is an {@link InvalidModelFileException}
 * naming the entry and what is allowed.
 */
final class MetadataValues {

    private static final Set<String> LAYER_KEYS = Set.of("kind", "size", "options");

    private MetadataValues() {
    }

    /**
     * @param value a parsed JSON layer
     * @param what what it is, for messages ("metadata 'layers' entry 0")
     * @param where the file, for messages
     * @return the layer: an object of exactly a non-empty kind, a size in [1, 2^31) and options that
     *     are strings
     * @throws InvalidModelFileException on the first thing that is not so
     */
    static LayerConfig layer(Object value, String what, String where) {
        if (!(value instanceof Map<?, ?> m) || !m.keySet().equals(LAYER_KEYS)) {
            throw new InvalidModelFileException(where, what + " must be an object with exactly kind, size and options");
        }
        if (!(m.get("kind") instanceof String kind) || kind.isEmpty()) {
            throw new InvalidModelFileException(where, what + " 'kind' must be a layer kind's name");
        }
        if (!(m.get("size") instanceof Integer size) || size < 1) {
            throw new InvalidModelFileException(where, what + " 'size' must be a whole number in [1, "
                    + Integer.MAX_VALUE + "]");
        }
        return new LayerConfig(kind, size, strings(m.get("options"), what + " 'options'", what + " option", where));
    }

    /**
     * Settings (the loss's, the data description's): a JSON object of strings.
     *
     * @param value a parsed JSON value
     * @param what what it is, for messages ("metadata 'loss_options'")
     * @param where the file, for messages
     * @return its entries, in order
     * @throws InvalidModelFileException if it is not an object, or a value is not a string
     */
    static Map<String, String> strings(Object value, String what, String where) {
        return strings(value, what, what + " setting", where);
    }

    /**
     * A JSON object of strings.
     *
     * @param value a parsed JSON value
     * @param what what it is, for the message when it is not an object
     * @param entry what one of its entries is, for the message when a value is not a string
     * @param where the file, for messages
     * @return its entries, in order
     */
    private static Map<String, String> strings(Object value, String what, String entry, String where) {
        if (!(value instanceof Map<?, ?> options)) {
            throw new InvalidModelFileException(where, what + " must be an object of strings");
        }
        Map<String, String> o = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : options.entrySet()) {
            if (!(e.getValue() instanceof String v)) {
                throw new InvalidModelFileException(where, entry + " " + Text.quote((String) e.getKey())
                        + " must be a string");
            }
            o.put((String) e.getKey(), v);
        }
        return o;
    }

    /**
     * @param m the metadata
     * @param key the entry
     * @param where the file, for messages
     * @return its value
     * @throws InvalidModelFileException if there is none
     */
    static String require(Map<String, String> m, String key, String where) {
        String v = m.get(key);
        if (v == null) {
            throw new InvalidModelFileException(where, "metadata has no '" + key + "'");
        }
        return v;
    }

    /**
     * @param s {@code seed}
     * @param where the file, for messages
     * @return it as a long
     * @throws InvalidModelFileException if it is not a whole number in long's range
     */
    static long seed(String s, String where) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InvalidModelFileException(where, "metadata 'seed' is " + Text.quote(s)
                    + "; it must be a whole number in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]", e);
        }
    }

    /**
     * @param s {@code dropout}
     * @param where the file, for messages
     * @return it as a number
     * @throws InvalidModelFileException if it is not a number in [0, 1)
     */
    static double dropout(String s, String where) {
        try {
            double p = Double.parseDouble(s);
            if (p >= 0 && p < 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidModelFileException(where, "metadata 'dropout' is " + Text.quote(s)
                + "; it must be a number in [0, 1)");
    }

    /**
     * @param s a size or count
     * @param key its entry, for messages
     * @param where the file, for messages
     * @return it as an int
     * @throws InvalidModelFileException if it is not a whole number in [1, 2^31)
     */
    static int positive(String s, String key, String where) {
        try {
            int v = Integer.parseInt(s);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidModelFileException(where, "metadata '" + key + "' is " + Text.quote(s)
                + "; it must be a whole number in [1, " + Integer.MAX_VALUE + "]");
    }
}
