package org.rnn4j.examples.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.rnn4j.api.Precision;
import org.rnn4j.io.data.Task;

/**
 * What decides a run of {@code ./rnn4j train --data FILE.csv --task ...}, checked: the file and
 * its columns, the held-out fractions, the network and the loop. Options left out take the
 * defaults below, chosen so that the embedded benchmarks (temporal order, Mackey-Glass, the
 * adding problem) are learned well by a user who gives only the task options.
 *
 * @param data the CSV file
 * @param task classify, regress, tag or forecast
 * @param id the id column (not forecast)
 * @param target the target column
 * @param time the time column, or null for file order
 * @param features the feature columns, or empty for every other column holding numbers
 * @param window W, steps a forecast reads (forecast only, else 0)
 * @param horizon H, steps a forecast predicts (forecast only, else 0)
 * @param testFraction held out before training, in [0, 1)
 * @param valFraction of the rest, held out for validation, in [0, 1)
 * @param cell the recurrent layer kind
 * @param layers recurrent layers
 * @param hidden units per recurrent layer
 * @param dense the hidden dense layers between the head and the output layer ({@code --dense})
 * @param epochs passes over the training data
 * @param lr Adam's learning rate
 * @param batch sequences (or windows) per step
 * @param clip the maximum global gradient norm, 0 for none
 * @param seed the seed of the split, the weights and the order
 * @param precision the network's precision ({@code --precision}, float32 unless given)
 */
public record DataSettings(Path data, Task task, String id, String target, String time, List<String> features,
        int window, int horizon, double testFraction, double valFraction, String cell, int layers, int hidden,
        DenseLayers dense, int epochs, String lr, int batch, double clip, long seed, Precision precision) {

    /** The recurrent layer unless {@code --cell} says otherwise. */
    public static final String CELL = "lstm";
    /** Recurrent layers unless {@code --layers}. */
    public static final int LAYERS = 1;
    /** Units unless {@code --hidden}. */
    public static final int HIDDEN = 32;
    /** Epochs unless {@code --epochs}. */
    public static final int EPOCHS = 30;
    /** Adam's learning rate unless {@code --lr}. */
    public static final String LR = "0.01";
    /** Batch size unless {@code --batch}. */
    public static final int BATCH = 32;
    /** Gradient-norm clipping unless {@code --clip}. */
    public static final double CLIP = 1.0;
    /** The held-out test fraction unless {@code --test-fraction}. */
    public static final double TEST_FRACTION = 0.2;
    /** The validation fraction of the rest unless {@code --val-fraction}. */
    public static final double VAL_FRACTION = 0.2;
    /** The seed unless {@code --seed}. */
    public static final long SEED = 42;

    /** The defaults in one line, for {@code --help}. */
    public static final String DEFAULTS = "lstm, 1 layer of 32, Adam lr 0.01, 30 epochs, batch 32, clip 1, "
            + "test fraction 0.2, validation fraction 0.2 of the rest (the model of the best validation epoch is kept)";

    /** Checks the values; the messages name the command-line option. */
    public DataSettings {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(dense, "dense");
        features = List.copyOf(features);
        if (task == Task.FORECAST) {
            require(window >= 1, "--window", ">= 1 step (forecast reads windows of W steps)", window);
            require(horizon >= 1, "--horizon", ">= 1 step (forecast predicts the next H values)", horizon);
            if (id != null) {
                throw new IllegalArgumentException("--id does not apply to --task forecast: the file is one series");
            }
        } else if (window != 0 || horizon != 0) {
            throw new IllegalArgumentException("--window and --horizon apply to --task forecast only, not "
                    + task.cliName());
        }
        require(testFraction >= 0 && testFraction < 1, "--test-fraction", "at least 0 and below 1", testFraction);
        require(valFraction >= 0 && valFraction < 1, "--val-fraction", "at least 0 and below 1", valFraction);
        require(layers >= 1 && layers <= TrainSettings.MAX_LAYERS, "--layers", "in [1, " + TrainSettings.MAX_LAYERS
                + "]", layers);
        require(hidden >= 1 && hidden <= TrainSettings.MAX_HIDDEN, "--hidden", "in [1, " + TrainSettings.MAX_HIDDEN
                + "]", hidden);
        require(epochs >= 1, "--epochs", ">= 1", epochs);
        require(batch >= 1, "--batch", ">= 1", batch);
        require(clip >= 0 && Double.isFinite(clip), "--clip", "a finite number >= 0 (0 = no clipping)", clip);
    }

    /**
     * Settings in the default precision ({@link TrainSettings#DEFAULT_PRECISION}), without hidden
     * dense layers.
     *
     * @param data the CSV file
     * @param task the task
     * @param id the id column
     * @param target the target column
     * @param time the time column, or null
     * @param features the feature columns, or empty for all
     * @param window W (forecast)
     * @param horizon H (forecast)
     * @param testFraction held out before training
     * @param valFraction of the rest, held out for validation
     * @param cell the recurrent layer kind
     * @param layers recurrent layers
     * @param hidden units per layer
     * @param epochs passes over the training data
     * @param lr Adam's learning rate
     * @param batch sequences per step
     * @param clip the gradient norm clip
     * @param seed the seed
     */
    public DataSettings(Path data, Task task, String id, String target, String time, List<String> features,
            int window, int horizon, double testFraction, double valFraction, String cell, int layers, int hidden,
            int epochs, String lr, int batch, double clip, long seed) {
        this(data, task, id, target, time, features, window, horizon, testFraction, valFraction, cell, layers, hidden,
                DenseLayers.NONE, epochs, lr, batch, clip, seed, TrainSettings.DEFAULT_PRECISION);
    }

    /** @return the settings in one line, as the run prints them before it starts */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(task.cliName());
        if (task == Task.FORECAST) {
            s.append(" (window ").append(window).append(", horizon ").append(horizon).append(')');
        }
        s.append(", ").append(cell).append(' ').append(layers).append(" x ").append(hidden).append(dense.describe());
        s.append(", adam {lr=").append(lr).append("}, B ").append(batch).append(", ").append(epochs).append(" epoch")
                .append(epochs == 1 ? "" : "s");
        s.append(clip > 0 ? ", clip " + clip : ", no clipping");
        s.append(String.format(Locale.ROOT, ", test %.0f%%, validation %.0f%%", testFraction * 100, valFraction * 100));
        return s.append(", seed ").append(seed).append(", ").append(precision.label()).toString();
    }

    private static void require(boolean ok, String option, String allowed, Object got) {
        if (!ok) {
            throw new IllegalArgumentException(option + " must be " + allowed + ", got " + got);
        }
    }
}
