package org.rnn4j.io.csv;

import java.util.List;
import java.util.Objects;
import org.rnn4j.io.data.Task;

/**
 * Which columns of a long-format CSV file hold what: {@code --task}, {@code --id},
 * {@code --target}, {@code --time} and {@code --features} of {@code ./rnn4j train --data}.
 *
 * @param task classify, regress or tag
 * @param id the column whose value names a row's sequence
 * @param target the column of the target
 * @param time the column that orders the rows of a sequence (then not a feature), or null for
 *     file order
 * @param features the feature columns in the order given, or empty for every other column that
 *     holds numbers
 * @param labels for classes: the class names a model already knows (at prediction, from the
 *     model file; then any other label is an error), or empty to take the labels seen, sorted
 */
public record SequenceColumns(Task task, String id, String target, String time, List<String> features,
        List<String> labels) {

    /**
     * Checks the names.
     *
     * @throws IllegalArgumentException for a forecast task, a missing id or target, or the same
     *     column in two roles
     */
    public SequenceColumns {
        Objects.requireNonNull(task, "task");
        if (task == Task.FORECAST) {
            throw new IllegalArgumentException("forecast reads one series (SeriesCsv), not sequences with ids");
        }
        if (id == null || id.isEmpty() || target == null || target.isEmpty()) {
            throw new IllegalArgumentException("--id and --target name the id and target columns; both are required for "
                    + task.cliName());
        }
        features = List.copyOf(features);
        labels = List.copyOf(labels);
        if (id.equals(target) || id.equals(time) || target.equals(time)) {
            throw new IllegalArgumentException("--id, --target and --time must name different columns, got '" + id
                    + "', '" + target + "' and '" + time + "'");
        }
        for (String f : features) {
            if (f.equals(id) || f.equals(target) || f.equals(time)) {
                throw new IllegalArgumentException("--features may not list the " + (f.equals(id) ? "id" : f.equals(target)
                        ? "target" : "time") + " column '" + f + "'; the features are the inputs besides those");
            }
            if (features.indexOf(f) != features.lastIndexOf(f)) {
                throw new IllegalArgumentException("--features lists '" + f + "' twice; name each feature once");
            }
        }
    }

    /**
     * The common case: features by default, labels as seen.
     *
     * @param task classify, regress or tag
     * @param id the id column
     * @param target the target column
     * @param time the time column or null
     * @return the columns
     */
    public static SequenceColumns of(Task task, String id, String target, String time) {
        return new SequenceColumns(task, id, target, time, List.of(), List.of());
    }

    /**
     * @param names the feature columns, in order
     * @return these columns with explicit features
     */
    public SequenceColumns withFeatures(List<String> names) {
        return new SequenceColumns(task, id, target, time, names, labels);
    }

    /**
     * @param known the class names a model knows
     * @return these columns with fixed labels
     */
    public SequenceColumns withLabels(List<String> known) {
        return new SequenceColumns(task, id, target, time, features, known);
    }
}
