package org.rnn4j.io.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature standardisation, z = (x - mean) / std per feature, as scikit-learn's
 * {@code StandardScaler}: the mean and the population standard deviation (divisor n) of each
 * feature over every step of the training part only, then applied unchanged to validation, test
 * and prediction data. A constant feature (std 0) gets a scale of 1, so it becomes 0 everywhere
 * it has its training value (as scikit-learn does), never NaN.
 *
 * <p>It is stored as strings ({@link #toMap()}), for a model file's metadata: {@code
 * standardize.count}, then for each feature i {@code standardize.i.name},
 * {@code standardize.i.mean} and {@code standardize.i.std}, numbers written by
 * {@link Double#toString(double)} so that they read back exactly.
 */
public final class Standardizer {

    /** The prefix of every key of {@link #toMap()}. */
    public static final String PREFIX = "standardize.";

    private final List<String> names;
    private final double[] mean;
    private final double[] scale;

    private Standardizer(List<String> names, double[] mean, double[] scale) {
        this.names = List.copyOf(names);
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Fits the features of the given sequences.
     *
     * @param table the sequences
     * @param train the positions of the training sequences, at least one
     * @return the fitted standardizer
     */
    public static Standardizer fit(SequenceTable table, int[] train) {
        if (train.length == 0) {
            throw new IllegalArgumentException("standardisation is fitted on the training part, which is empty");
        }
        Moments m = new Moments(table.featureCount());
        for (int i : train) {
            for (int t = 0; t < table.steps(i); t++) {
                for (int f = 0; f < table.featureCount(); f++) {
                    m.add(f, table.feature(i, t, f));
                }
            }
        }
        return m.standardizer(table.featureNames());
    }

    /**
     * Fits the columns of a series' first steps (all its inputs, the target included).
     *
     * @param series the series
     * @param steps how many steps from the start: {@link WindowSplit#trainSteps}
     * @return the fitted standardizer
     */
    public static Standardizer fit(Series series, int steps) {
        if (steps < 1 || steps > series.length()) {
            throw new IllegalArgumentException("standardisation needs 1 to " + series.length() + " steps, got " + steps);
        }
        Moments m = new Moments(series.width());
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < series.width(); c++) {
                m.add(c, series.value(t, c));
            }
        }
        return m.standardizer(series.columns());
    }

    /** @return the feature names it was fitted on, in order */
    public List<String> names() {
        return names;
    }

    /**
     * @param f a feature
     * @return its training mean
     */
    public double mean(int f) {
        return mean[f];
    }

    /**
     * @param f a feature
     * @return what it divides by: the training standard deviation, or 1 for a constant feature
     */
    public double scale(int f) {
        return scale[f];
    }

    /**
     * Standardises rows in place.
     *
     * @param rows {@code [step][feature]}, each as wide as {@link #names()}
     * @return {@code rows}
     */
    public double[][] apply(double[][] rows) {
        for (double[] row : rows) {
            if (row.length != mean.length) {
                throw new IllegalArgumentException("a row of " + row.length + " features; the standardisation has "
                        + mean.length + " (" + String.join(", ", names) + ")");
            }
            for (int f = 0; f < row.length; f++) {
                row[f] = (row[f] - mean[f]) / scale[f];
            }
        }
        return rows;
    }

    /**
     * Undoes the standardisation of one value (a prediction in standardised units).
     *
     * @param f the feature
     * @param z the standardised value
     * @return {@code z * scale + mean}
     */
    public double invert(int f, double z) {
        return z * scale[f] + mean[f];
    }

    /**
     * @return the strings to store: see the class comment
     */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "count", Integer.toString(names.size()));
        for (int f = 0; f < names.size(); f++) {
            m.put(PREFIX + f + ".name", names.get(f));
            m.put(PREFIX + f + ".mean", Double.toString(mean[f]));
            m.put(PREFIX + f + ".std", Double.toString(scale[f]));
        }
        return m;
    }

    /**
     * Reads what {@link #toMap()} wrote (other keys are ignored).
     *
     * @param map the strings
     * @return the standardizer
     * @throws IllegalArgumentException naming the key that is missing or not a finite number
     *     (a std must be above 0)
     */
    public static Standardizer fromMap(Map<String, String> map) {
        int n = (int) number(map, PREFIX + "count");
        if (n < 1 || n > 1_000_000) {
            throw new IllegalArgumentException(PREFIX + "count must be a whole number from 1 to 1000000, got "
                    + map.get(PREFIX + "count"));
        }
        List<String> names = new ArrayList<>();
        double[] mean = new double[n];
        double[] scale = new double[n];
        for (int f = 0; f < n; f++) {
            String name = map.get(PREFIX + f + ".name");
            if (name == null) {
                throw new IllegalArgumentException("the standardisation lacks " + PREFIX + f + ".name");
            }
            names.add(name);
            mean[f] = number(map, PREFIX + f + ".mean");
            scale[f] = number(map, PREFIX + f + ".std");
            if (!(scale[f] > 0)) {
                throw new IllegalArgumentException(PREFIX + f + ".std must be above 0, got " + scale[f]);
            }
        }
        return new Standardizer(names, mean, scale);
    }

    private static double number(Map<String, String> map, String key) {
        String s = map.get(key);
        if (s == null) {
            throw new IllegalArgumentException("the standardisation lacks " + key);
        }
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a finite number, got '" + s + "'");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && names.equals(s.names) && Arrays.equals(mean, s.mean)
                && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "Standardizer" + toMap();
    }

    /** Sums for the mean and variance, two-pass free: Welford's update per feature. */
    private static final class Moments {

        private final long[] n;
        private final double[] mean;
        private final double[] m2;

        Moments(int features) {
            n = new long[features];
            mean = new double[features];
            m2 = new double[features];
        }

        void add(int f, double x) {
            n[f]++;
            double d = x - mean[f];
            mean[f] += d / n[f];
            m2[f] += d * (x - mean[f]);
        }

        Standardizer standardizer(List<String> names) {
            double[] scale = new double[mean.length];
            for (int f = 0; f < scale.length; f++) {
                double std = Math.sqrt(m2[f] / n[f]);
                scale[f] = std > 0 ? std : 1;
            }
            return new Standardizer(names, mean.clone(), scale);
        }
    }
}
