package org.rnn4j.io.data;

import java.util.Locale;

/**
 * What is learned from numeric sequences: the values of {@code ./rnn4j train --task}.
 */
public enum Task {
    /** One class per sequence, from its last row (any strings as labels). */
    CLASSIFY,
    /** One number per sequence, from its last row. */
    REGRESS,
    /** One class per step. */
    TAG,
    /** The next values of one series, from windows of its past. */
    FORECAST;

    /** @return the name on the command line: {@code classify}, {@code regress}, {@code tag}, {@code forecast} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the targets are classes (labels) rather than numbers */
    public boolean hasClasses() {
        return this == CLASSIFY || this == TAG;
    }

    /** @return whether there is one target per sequence (rather than one per step or window) */
    public boolean perSequence() {
        return this == CLASSIFY || this == REGRESS;
    }

    /**
     * @param name a command-line name, in any case
     * @return the task
     * @throws IllegalArgumentException listing the tasks when there is none of that name
     */
    public static Task of(String name) {
        for (Task t : values()) {
            if (t.cliName().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; the tasks are classify, regress, tag and forecast");
    }
}
