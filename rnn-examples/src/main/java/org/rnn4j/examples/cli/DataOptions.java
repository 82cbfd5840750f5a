package org.rnn4j.examples.cli;

import static org.rnn4j.examples.cli.ResumedSettings.same;

import java.nio.file.Path;
import java.util.List;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Registry;
import org.rnn4j.io.data.Task;
import org.rnn4j.examples.training.DataSettings;
import org.rnn4j.examples.training.DenseLayers;
import picocli.CommandLine.Option;

/**
 * The options of {@code ./rnn4j train --data FILE.csv --task ...} (a picocli mixin of
 * {@link TrainCommand}): which file, which task, which columns, and the held-out part. The
 * options {@code --data} runs share with the others (sizes, epochs, seed) stay in the command.
 */
final class DataOptions {

    @Option(names = "--data", paramLabel = "FILE.csv", description = "Learn from numeric sequences in a CSV file "
            + "(a header row, one row per time step) instead of characters; needs --task. Defaults for --data: "
            + DataSettings.DEFAULTS + ".")
    private Path data;

    @Option(names = "--task", paramLabel = "TASK", description = "With --data: classify or regress (one target per "
            + "sequence, from its last row), tag (one class per step), forecast (the next --horizon values of one "
            + "series from windows of --window steps).")
    private String task;

    @Option(names = "--id", paramLabel = "COL", description = "With --data (not forecast): the column whose value "
            + "names a row's sequence; a sequence's rows are contiguous.")
    private String id;

    @Option(names = "--target", paramLabel = "COL", description = "With --data: the column to learn (class labels "
            + "may be any strings).")
    private String target;

    @Option(names = "--time", paramLabel = "COL", description = "With --data: the column that orders the rows "
            + "(then not a feature). Default: file order.")
    private String time;

    @Option(names = "--features", paramLabel = "C1,C2,...", split = ",", description = "With --data: the input "
            + "columns. Default: every other column holding numbers.")
    private List<String> features;

    @Option(names = "--window", paramLabel = "W", description = "With --task forecast: the steps each forecast reads.")
    private Integer window;

    @Option(names = "--horizon", paramLabel = "H", description = "With --task forecast: the values each forecast "
            + "predicts.")
    private Integer horizon;

    @Option(names = "--test-fraction", paramLabel = "F", description = "With --data: held out before training, in "
            + "[0, 1) (whole sequences, stratified by class; for forecast the last windows in time). Default: 0.2.")
    private Double testFraction;

    @Option(names = "--dense", paramLabel = "N[,N...]", description = "With --data: hidden dense layers between the "
            + "sequence head and the output layer, one per size (e.g. 32 or 32,16); with --task tag they act on every "
            + "step. Default: none.")
    private String dense;

    @Option(names = "--dense-activation", paramLabel = "NAME", description = "With --dense: their activation (any "
            + "installed one: relu, tanh, sigmoid, ...). Default: " + DenseLayers.DEFAULT_ACTIVATION + ".")
    private String denseActivation;

    /** @return whether {@code --data} or {@code --task} was given */
    boolean given() {
        return data != null || task != null;
    }

    /** @return {@code --data}, or null */
    Path file() {
        return data;
    }

    /**
     * A resumed run takes its checkpoint's settings: each of these options given must say the same.
     *
     * @param was the checkpoint's settings
     * @throws IllegalArgumentException naming the first option that differs
     */
    void requireSame(DataSettings was) {
        same("--task", task == null ? null : Task.of(task), was.task());
        same("--id", id, was.id());
        same("--target", target, was.target());
        same("--time", time, was.time());
        same("--features", features, was.features().isEmpty() ? null : was.features());
        same("--window", window, was.window());
        same("--horizon", horizon, was.horizon());
        same("--test-fraction", testFraction, was.testFraction());
        String wasDense = was.dense().any() ? was.dense().sizesText() : null;
        same("--dense", dense == null ? null : DenseLayers.parse(dense, null).sizesText(), wasDense);
        same("--dense-activation", denseActivation, wasDense == null ? null : was.dense().activation());
    }

    /**
     * {@code --dense} and {@code --dense-activation}, the activation looked up among the installed ones.
     *
     * @param registry the installed plug-ins
     * @return the hidden dense layers asked for
     * @throws IllegalArgumentException if a size is not valid or the activation not installed
     */
    private DenseLayers dense(Registry registry) {
        DenseLayers d = DenseLayers.parse(dense, denseActivation);
        if (denseActivation != null) {
            try {
                registry.activation(denseActivation);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--dense-activation: " + e.getMessage(), e);
            }
        }
        return d;
    }

    /**
     * A run without {@code --data} (Reber or text) takes none of these options.
     *
     * @throws IllegalArgumentException naming the first one given
     */
    void requireNone() {
        Object[][] options = {{"--id", id}, {"--target", target}, {"--time", time}, {"--features", features},
            {"--window", window}, {"--horizon", horizon}, {"--test-fraction", testFraction}, {"--dense", dense},
            {"--dense-activation", denseActivation}};
        NewRunSettings.requireNone(options, " applies to --data runs only (with --data FILE.csv --task ...), not to "
                + "the Reber grammar or a --text run; see ./rnn4j train --help");
    }

    /** @throws IllegalArgumentException unless both {@code --data} and {@code --task} are given */
    void requireComplete() {
        if (data == null || task == null) {
            throw new IllegalArgumentException(data == null ? "--task needs --data FILE.csv, the data to learn"
                    : "--data needs --task classify, regress, tag or forecast");
        }
    }

    /**
     * @param valFraction the validation fraction of what is not held out for testing
     * @param cell the recurrent layer kind
     * @param layers how many recurrent layers
     * @param hidden their width
     * @param registry the installed plug-ins, for {@code --dense-activation}
     * @param epochs passes over the training part
     * @param lr Adam's learning rate, as given
     * @param batch sequences per batch
     * @param clip the gradient norm clip
     * @param seed the seed of the split, the weights and the order
     * @param precision the network's precision
     * @return the run's settings
     * @throws IllegalArgumentException if {@code --data} or {@code --task} is missing or the task unknown
     */
    DataSettings settings(double valFraction, String cell, int layers, int hidden, Registry registry, int epochs,
            String lr, int batch, double clip, long seed, Precision precision) {
        requireComplete();
        DenseLayers d = dense(registry);
        return new DataSettings(data, Task.of(task), id, target, time, features == null ? List.of() : features,
                window == null ? 0 : window, horizon == null ? 0 : horizon,
                testFraction == null ? DataSettings.TEST_FRACTION : testFraction, valFraction, cell, layers, hidden,
                d, epochs, lr, batch, clip, seed, precision);
    }
}
