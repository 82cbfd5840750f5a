package org.rnn4j.examples.training;

import java.util.Map;
import java.util.function.Function;
import org.rnn4j.api.Precision;
import org.rnn4j.io.model.Text;

/**
 * The {@code run.*} settings a checkpoint's position records, read back as typed values for
 * {@code --resume} ({@link TrainSettings#fromMap} for Reber and text runs, {@link DataCheckpoint#settings}
 * for {@code --data} runs): an entry that is missing or malformed is one line naming the key and
 * its value (escaped, since a checkpoint may come from anyone).
 */
final class RecordedSettings {

    private final Map<String, String> position;
    private final String whenMissing;

    /**
     * @param position a checkpoint's position
     * @param whenMissing what a missing entry says of the checkpoint, after "the checkpoint has no 'key'; "
     */
    RecordedSettings(Map<String, String> position, String whenMissing) {
        this.position = position;
        this.whenMissing = whenMissing;
    }

    /** @return whether the entry is recorded */
    boolean has(String key) {
        return position.containsKey(key);
    }

    /** @return the entry, or null if it is not recorded */
    String optional(String key) {
        return position.get(key);
    }

    /** @return the entry, which must be recorded */
    String text(String key) {
        String v = position.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the checkpoint has no '" + key + "'; " + whenMissing);
        }
        return v;
    }

    /** @return the entry as an int */
    int whole(String key) {
        return parsed(key, Integer::parseInt, "a whole number");
    }

    /** @return the entry as a long */
    long wholeLong(String key) {
        return parsed(key, Long::parseLong, "a whole number");
    }

    /** @return the entry as a double */
    double real(String key) {
        return parsed(key, Double::parseDouble, "a number");
    }

    /** @return the entry as a precision */
    Precision precision(String key) {
        String label = text(key);
        try {
            return Precision.parse(label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint's '" + key + "' is " + Text.quote(label) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The entry, stripped, read by {@code parse}; what it must be is named if it cannot be. */
    private <T> T parsed(String key, Function<String, T> parse, String what) {
        String v = text(key);
        try {
            return parse.apply(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's '" + key + "' is " + Text.quote(v) + ", not " + what
                    + "; was the checkpoint altered?", e);
        }
    }
}
