package org.rnn4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnn4j.examples.limits.InputFile;
import org.rnn4j.examples.training.TaskPredictions;
import org.rnn4j.io.model.AtomicFile;
import org.rnn4j.io.model.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j predict --model M --data FILE.csv [--out FILE.csv]}: the predictions of a model
 * trained with {@code ./rnn4j train --data} on a CSV file with its feature columns (the target
 * column may be absent), as CSV ({@link TaskPredictions}) on standard output or written
 * atomically to {@code --out}, which may not be the model or the data.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Predict with a model trained with ./rnn4j train --data on a CSV file with its feature columns "
            + "(the target column is not needed). classify: id, class, p_<label> per class; regress: id, value; tag: "
            + "one row per step (id, time or step, class, probabilities); forecast: one row per window (its last time "
            + "or step, h1..hH).", ""},
        footer = {"", "Example:", "  ./rnn4j predict --model runs/order.safetensors --data new.csv --out predictions.csv"})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M", description = "A model file written by ./rnn4j "
            + "train --data.")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "The data: the id, time and "
            + "feature columns the model was trained on (others are ignored).")
    private Path data;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the predictions here (atomically) instead "
            + "of to standard output.")
    private Path out;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        InputFile.requireRegular("--data", data, "the data", "a CSV file");
        if (out != null) {
            refuseOver("--out", "the predictions", out, data, "the data");
            refuseOver("--out", "the predictions", out, model, "the model");
            if (Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a directory; give a file name");
            }
        }
        SavedModel m = ModelArgument.loadTrainedOnData(model, "predict");
        StringBuilder csv = new StringBuilder();
        int rows;
        try {
            rows = TaskPredictions.write(m.network(), m.data(), data, csv);
        } catch (UncheckedIOException e) {
            throw FileErrors.cannotRead("the data", data, e.getCause());
        } catch (IOException e) {
            throw new IllegalStateException("cannot format the predictions: " + e.getMessage(), e);
        }
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(csv);
            w.flush();
            return 0;
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFile.write(out, o -> o.write(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write --out " + out + ": " + e.getMessage());
        }
        spec.commandLine().getErr().println("rnn4j predict: " + rows + " rows to " + out);
        return 0;
    }

    /**
     * Refuses an output that names an input (links and {@code ..} resolved where the files exist).
     *
     * @param option the output's option, for the message
     * @param written what would be written
     * @param out the output
     * @param in an input
     * @param what the input, with its article
     */
    static void refuseOver(String option, String written, Path out, Path in, String what) {
        boolean same;
        try {
            same = Files.exists(out) ? Files.isSameFile(out, in)
                    : out.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize());
        } catch (IOException e) {
            same = false;
        }
        if (same) {
            throw new IllegalArgumentException(option + " would write " + written + " over " + what + ", " + in
                    + "; give another file name");
        }
    }
}
