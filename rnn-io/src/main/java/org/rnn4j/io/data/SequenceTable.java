package org.rnn4j.io.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Numeric sequences with their targets, as read from a long-format CSV file or generated: an
 * immutable value. Sequence i has an id, {@code steps(i)} rows of {@code featureCount()}
 * finite numbers, and a target: a class index into {@link #labels()} (classify), a number
 * (regress), or a class index per step (tag). Where each value came from (the file and the line
 * of every step) is kept, so that later checks (splits, windows, prediction) can point into the
 * file.
 *
 * <p>The arrays handed in are copied and those handed out are copies.
 */
public final class SequenceTable {

    private final String source;
    private final Task task;
    private final List<String> featureNames;
    private final String targetName;
    private final List<String> labels;
    private final List<String> ids;
    private final double[][][] features;
    private final int[][] lines;
    private final int[] classes;
    private final double[] values;
    private final int[][] stepClasses;

    private SequenceTable(String source, Task task, List<String> featureNames, String targetName, List<String> labels,
            List<String> ids, double[][][] features, int[][] lines, int[] classes, double[] values, int[][] stepClasses) {
        this.source = source;
        this.task = task;
        this.featureNames = featureNames;
        this.targetName = targetName;
        this.labels = labels;
        this.ids = ids;
        this.features = features;
        this.lines = lines;
        this.classes = classes;
        this.values = values;
        this.stepClasses = stepClasses;
    }

    /**
     * Sequences with one class each.
     *
     * @param source the file (or generator) they come from, for messages
     * @param featureNames the name of each feature
     * @param targetName the target's column
     * @param labels the class names, class index = position
     * @param ids one id per sequence
     * @param features per sequence, {@code [step][feature]}
     * @param lines per sequence, the line of each step in {@code source}
     * @param classes per sequence, its class index
     * @return the table
     */
    public static SequenceTable classes(String source, List<String> featureNames, String targetName, List<String> labels,
            List<String> ids, List<double[][]> features, List<int[]> lines, int[] classes) {
        checkClasses(labels, classes);
        return make(source, Task.CLASSIFY, featureNames, targetName, labels, ids, features, lines, classes.clone(),
                null, null);
    }

    /**
     * Sequences with one number each.
     *
     * @param source the file (or generator) they come from
     * @param featureNames the name of each feature
     * @param targetName the target's column
     * @param ids one id per sequence
     * @param features per sequence, {@code [step][feature]}
     * @param lines per sequence, the line of each step
     * @param values per sequence, its target, finite
     * @return the table
     */
    public static SequenceTable numbers(String source, List<String> featureNames, String targetName, List<String> ids,
            List<double[][]> features, List<int[]> lines, double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("targets must be finite, got " + v);
            }
        }
        return make(source, Task.REGRESS, featureNames, targetName, List.of(), ids, features, lines, null,
                values.clone(), null);
    }

    /**
     * Sequences with one class per step.
     *
     * @param source the file (or generator) they come from
     * @param featureNames the name of each feature
     * @param targetName the target's column
     * @param labels the class names
     * @param ids one id per sequence
     * @param features per sequence, {@code [step][feature]}
     * @param lines per sequence, the line of each step
     * @param stepClasses per sequence, the class index of each step
     * @return the table
     */
    public static SequenceTable stepClasses(String source, List<String> featureNames, String targetName,
            List<String> labels, List<String> ids, List<double[][]> features, List<int[]> lines, List<int[]> stepClasses) {
        int[][] tags = new int[stepClasses.size()][];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = stepClasses.get(i).clone();
            checkClasses(labels, tags[i]);
        }
        if (tags.length != ids.size()) {
            throw new IllegalArgumentException(ids.size() + " sequences but " + tags.length + " tag sequences");
        }
        for (int i = 0; i < tags.length; i++) {
            if (tags[i].length != features.get(i).length) {
                throw new IllegalArgumentException("sequence " + i + " has " + features.get(i).length + " steps but "
                        + tags[i].length + " tags");
            }
        }
        return make(source, Task.TAG, featureNames, targetName, labels, ids, features, lines, null, null, tags);
    }

    private static SequenceTable make(String source, Task task, List<String> featureNames, String targetName,
            List<String> labels, List<String> ids, List<double[][]> features, List<int[]> lines, int[] classes,
            double[] values, int[][] stepClasses) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(targetName, "targetName");
        int n = ids.size();
        if (n == 0) {
            throw new IllegalArgumentException("a sequence table needs at least one sequence");
        }
        if (features.size() != n || lines.size() != n || classes != null && classes.length != n
                || values != null && values.length != n) {
            throw new IllegalArgumentException("a table of " + n + " ids needs as many feature, line and target entries");
        }
        int width = featureNames.size();
        if (width == 0) {
            throw new IllegalArgumentException("a sequence table needs at least one feature");
        }
        double[][][] x = new double[n][][];
        int[][] at = new int[n][];
        for (int i = 0; i < n; i++) {
            double[][] seq = features.get(i);
            if (seq.length == 0 || lines.get(i).length != seq.length) {
                throw new IllegalArgumentException("sequence " + i + " needs at least one step and a line per step");
            }
            x[i] = new double[seq.length][];
            for (int t = 0; t < seq.length; t++) {
                if (seq[t].length != width) {
                    throw new IllegalArgumentException("sequence " + i + ", step " + t + " has " + seq[t].length
                            + " features; the table has " + width);
                }
                for (double v : seq[t]) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("features must be finite, got " + v);
                    }
                }
                x[i][t] = seq[t].clone();
            }
            at[i] = lines.get(i).clone();
        }
        return new SequenceTable(source, task, List.copyOf(featureNames), targetName, List.copyOf(labels),
                List.copyOf(ids), x, at, classes, values, stepClasses);
    }

    private static void checkClasses(List<String> labels, int[] classes) {
        for (int c : classes) {
            if (c < 0 || c >= labels.size()) {
                throw new IllegalArgumentException("class index " + c + " outside the " + labels.size() + " labels");
            }
        }
    }

    /** @return the file or generator the sequences come from */
    public String source() {
        return source;
    }

    /** @return classify, regress or tag */
    public Task task() {
        return task;
    }

    /** @return the number of sequences */
    public int size() {
        return ids.size();
    }

    /** @return the feature names, in column order */
    public List<String> featureNames() {
        return featureNames;
    }

    /** @return the number of features per step */
    public int featureCount() {
        return featureNames.size();
    }

    /** @return the target's column name */
    public String targetName() {
        return targetName;
    }

    /** @return the class names in class-index order (sorted), empty for regression */
    public List<String> labels() {
        return labels;
    }

    /** @return the ids, in file order */
    public List<String> ids() {
        return ids;
    }

    /**
     * @param i a sequence
     * @return its id
     */
    public String id(int i) {
        return ids.get(i);
    }

    /**
     * @param i a sequence
     * @return its number of steps
     */
    public int steps(int i) {
        return features[i].length;
    }

    /**
     * @param i a sequence
     * @return a copy of its features, {@code [step][feature]}
     */
    public double[][] features(int i) {
        double[][] copy = new double[features[i].length][];
        for (int t = 0; t < copy.length; t++) {
            copy[t] = features[i][t].clone();
        }
        return copy;
    }

    /**
     * @param i a sequence
     * @param t a step
     * @param f a feature
     * @return one value, without copying anything
     */
    public double feature(int i, int t, int f) {
        return features[i][t][f];
    }

    /**
     * @param i a sequence
     * @return the line of each of its steps in {@link #source()}
     */
    public int[] lines(int i) {
        return lines[i].clone();
    }

    /**
     * @param i a sequence
     * @return the line its per-sequence target was read from: its last step's
     */
    public int targetLine(int i) {
        return lines[i][lines[i].length - 1];
    }

    /**
     * @param i a sequence
     * @return its class index (classify)
     * @throws IllegalStateException for other tasks
     */
    public int classOf(int i) {
        requireTask(Task.CLASSIFY);
        return classes[i];
    }

    /**
     * @param i a sequence
     * @return its target number (regress)
     * @throws IllegalStateException for other tasks
     */
    public double valueOf(int i) {
        requireTask(Task.REGRESS);
        return values[i];
    }

    /**
     * @param i a sequence
     * @return the class index of each of its steps (tag), a copy
     * @throws IllegalStateException for other tasks
     */
    public int[] stepClasses(int i) {
        requireTask(Task.TAG);
        return stepClasses[i].clone();
    }

    /**
     * The sequences at the given positions, in that order, with the same names and labels (so
     * class indices mean the same in every part of a split).
     *
     * @param rows positions in this table, at least one
     * @return a new table
     */
    public SequenceTable subset(int[] rows) {
        List<String> subIds = new ArrayList<>();
        List<double[][]> x = new ArrayList<>();
        List<int[]> at = new ArrayList<>();
        for (int r : rows) {
            subIds.add(ids.get(r));
            x.add(features[r]);
            at.add(lines[r]);
        }
        switch (task) {
            case CLASSIFY -> {
                int[] c = new int[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    c[k] = classes[rows[k]];
                }
                return classes(source, featureNames, targetName, labels, subIds, x, at, c);
            }
            case REGRESS -> {
                double[] v = new double[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    v[k] = values[rows[k]];
                }
                return numbers(source, featureNames, targetName, subIds, x, at, v);
            }
            default -> {
                List<int[]> tags = new ArrayList<>();
                for (int r : rows) {
                    tags.add(stepClasses[r]);
                }
                return stepClasses(source, featureNames, targetName, labels, subIds, x, at, tags);
            }
        }
    }

    private void requireTask(Task wanted) {
        if (task != wanted) {
            throw new IllegalStateException("this table's targets are for " + task.cliName() + ", not "
                    + wanted.cliName());
        }
    }
}
