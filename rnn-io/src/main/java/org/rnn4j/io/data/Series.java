package org.rnn4j.io.data;

import java.util.List;
import java.util.Objects;

/**
 * One numeric time series in time order, as read from a CSV file or generated: an immutable
 * value. Column 0 is the target (the value forecast), the others are extra inputs observed at
 * the same times; every row is one time step, and each row keeps the line it came from.
 */
public final class Series {

    private final String source;
    private final List<String> columns;
    private final double[][] values;
    private final int[] lines;

    /**
     * @param source the file or generator, for messages
     * @param columns the column names, the target first
     * @param values {@code [step][column]}, finite, copied
     * @param lines the line of each step in {@code source}, copied
     */
    public Series(String source, List<String> columns, double[][] values, int[] lines) {
        this.source = Objects.requireNonNull(source, "source");
        this.columns = List.copyOf(columns);
        if (this.columns.isEmpty() || values.length == 0 || lines.length != values.length) {
            throw new IllegalArgumentException("a series needs a target column, at least one step and a line per step");
        }
        this.values = new double[values.length][];
        for (int t = 0; t < values.length; t++) {
            if (values[t].length != this.columns.size()) {
                throw new IllegalArgumentException("step " + t + " has " + values[t].length + " values for "
                        + this.columns.size() + " columns");
            }
            for (double v : values[t]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("series values must be finite, got " + v + " at step " + t);
                }
            }
            this.values[t] = values[t].clone();
        }
        this.lines = lines.clone();
    }

    /** @return the file or generator */
    public String source() {
        return source;
    }

    /** @return the column names: the target, then the extra inputs */
    public List<String> columns() {
        return columns;
    }

    /** @return the target's name */
    public String targetName() {
        return columns.get(0);
    }

    /** @return the number of time steps */
    public int length() {
        return values.length;
    }

    /** @return the number of columns, the target included: the inputs per step of a window */
    public int width() {
        return columns.size();
    }

    /**
     * @param t a step
     * @param c a column (0 = the target)
     * @return its value
     */
    public double value(int t, int c) {
        return values[t][c];
    }

    /**
     * @param t a step
     * @return the target at that step
     */
    public double target(int t) {
        return values[t][0];
    }

    /**
     * @param t a step
     * @return the line it came from
     */
    public int line(int t) {
        return lines[t];
    }
}
