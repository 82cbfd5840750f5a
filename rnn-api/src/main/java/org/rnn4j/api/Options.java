package org.rnn4j.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named settings of a plug-in (a layer's {@code activation} and {@code bias}, an optimizer's
 * {@code lr} and {@code momentum}), kept as strings as a user types them, with typed getters
 * that validate and explain.
 *
 * <p>Every error message names the plug-in, the setting, the value given and what is allowed.
 * A plug-in calls {@link #requireOnly(Set)} with the names it knows, so a misspelt setting is
 * an error rather than silently ignored.
 */
public final class Options {

    private final String owner;
    private final Map<String, String> values;

    /**
     * @param owner what the settings belong to, for messages ({@code "optimizer 'adam'"})
     * @param values the settings; copied
     */
    public Options(String owner, Map<String, String> values) {
        this.owner = owner;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * No settings.
     *
     * @param owner what the settings belong to
     * @return empty options
     */
    public static Options none(String owner) {
        return new Options(owner, Map.of());
    }

    /** @return what these settings belong to */
    public String owner() {
        return owner;
    }

    /** @return the settings as given, unmodifiable */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * A copy with one more setting (or one replaced).
     *
     * @param key the name
     * @param value the value
     * @return new options
     */
    public Options with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new Options(owner, m);
    }

    /**
     * Rejects settings outside {@code known}.
     *
     * @param known the names the plug-in understands
     * @throws IllegalArgumentException listing the unknown and the known names
     */
    public void requireOnly(Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + " has no setting " + String.join(", ", unknown)
                    + "; its settings are " + String.join(", ", new TreeSet<>(known)));
        }
    }

    /**
     * @param key the name
     * @param fallback the default
     * @return the string value, or the default
     */
    public String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /**
     * A finite number within {@code [min, max]}.
     *
     * @param key the name
     * @param fallback the default when absent
     * @param min the smallest allowed
     * @param max the largest allowed
     * @return the value
     * @throws IllegalArgumentException if not a number or out of range
     */
    public double number(String key, double fallback, double min, double max) {
        return number(key, fallback, min, true, max, true);
    }

    /**
     * A finite number within a range whose ends may be open.
     *
     * @param key the name
     * @param fallback the default when absent
     * @param min lower end
     * @param minInclusive whether {@code min} itself is allowed
     * @param max upper end
     * @param maxInclusive whether {@code max} itself is allowed
     * @return the value
     * @throws IllegalArgumentException if not a number or out of range
     */
    public double number(String key, double fallback, double min, boolean minInclusive, double max,
            boolean maxInclusive) {
        String raw = values.get(key);
        double v;
        if (raw == null) {
            v = fallback;
        } else {
            try {
                v = Double.parseDouble(raw.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(owner + ": " + key + " must be a number, got '" + raw + "'", e);
            }
        }
        boolean ok = Double.isFinite(v)
                && (minInclusive ? v >= min : v > min)
                && (maxInclusive ? v <= max : v < max);
        if (!ok) {
            throw new IllegalArgumentException(owner + ": " + key + " must be in " + (minInclusive ? "[" : "(")
                    + fmt(min) + ", " + fmt(max) + (maxInclusive ? "]" : ")") + ", got " + (raw == null ? v : raw));
        }
        return v;
    }

    /**
     * A whole number within {@code [min, max]}.
     *
     * @param key the name
     * @param fallback the default when absent
     * @param min smallest allowed
     * @param max largest allowed
     * @return the value
     * @throws IllegalArgumentException if not a whole number or out of range
     */
    public int integer(String key, int fallback, int min, int max) {
        String raw = values.get(key);
        int v;
        if (raw == null) {
            v = fallback;
        } else {
            try {
                v = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(owner + ": " + key + " must be a whole number, got '" + raw + "'", e);
            }
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(owner + ": " + key + " must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    /**
     * A flag, {@code true} or {@code false}.
     *
     * @param key the name
     * @param fallback the default when absent
     * @return the value
     * @throws IllegalArgumentException on anything but true or false
     */
    public boolean flag(String key, boolean fallback) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        String t = raw.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException(owner + ": " + key + " must be true or false, got '" + raw + "'");
    }

    private static String fmt(double d) {
        if (d == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public String toString() {
        return owner + " " + values;
    }
}
