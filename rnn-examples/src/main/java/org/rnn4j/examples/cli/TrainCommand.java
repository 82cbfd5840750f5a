package org.rnn4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.GradientCluster;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.examples.limits.InputFile;
import org.rnn4j.examples.training.DataCheckpoint;
import org.rnn4j.examples.training.DataSettings;
import org.rnn4j.examples.training.Progress;
import org.rnn4j.examples.training.ResumeText;
import org.rnn4j.examples.training.StopOnSignal;
import org.rnn4j.examples.training.TrainRun;
import org.rnn4j.examples.training.TrainSettings;
import org.rnn4j.io.model.Checkpoint;
import org.rnn4j.io.model.CheckpointFile;
import org.rnn4j.io.model.TrainingPosition;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j train}: the main job. With no options it learns the embedded Reber grammar
 * (strings generated from the seed, nothing to download) and reports how many of the strings it
 * samples the grammar accepts; with {@code --text FILE} it trains a character-level language
 * model on any UTF-8 text, batched as char-rnn. Progress goes to standard error, the report to
 * standard output; with {@code --json} the report's last line is one JSON object.
 *
 * <p>An earlier run's files are never replaced without {@code --overwrite}: without {@code --save}
 * a run takes the first free name ({@code runs/reber.safetensors}, {@code runs/reber-2.safetensors},
 * ...). SIGTERM or Ctrl-C stops the run after its current step with every file saved and a line
 * saying how to resume; the process then exits with 143 (SIGTERM) or 130 (SIGINT), as the JVM
 * does after those signals ({@link StopOnSignal}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Train a recurrent network to predict the next character, then save the model, a checkpoint, "
            + "the loss curve (PNG) and its numbers (CSV) side by side.",
            "",
            "With no options: the embedded Reber grammar (Hochreiter & Schmidhuber 1997), strings generated from the "
            + "seed; at the end, the fraction of strings sampled from the model that the grammar accepts and the "
            + "next-symbol accuracy on held-out strings.",
            "With --text FILE: any UTF-8 text, one-hot characters, batched as char-rnn (B streams, chunks of T "
            + "characters, the state carried between chunks).",
            "Ctrl-C or SIGTERM stops after the current step with every file saved (exit code 130 or 143); "
            + "--resume continues bit for bit.",
            "--precision float32 (the default, as PyTorch) or float64 decides the network's parameters and its files' "
            + "tensors (F32 or F64); ./rnn4j tutorial and gradcheck stay in float64.",
            ""},
        footer = {"", "Examples:",
            "  ./rnn4j train",
            "  ./rnn4j train --text shakespeare.txt --steps 2000 --every 500",
            "  ./rnn4j train --resume runs/shakespeare.ckpt.safetensors --steps 4000",
            "  ./rnn4j train --text shakespeare.txt --spark local[2]",
            "  ./rnn4j train --data order.csv --task classify --id id --time t --target class",
            "  ./rnn4j train --data mackey.csv --task forecast --target x --time t --window 20 --horizon 1",
            "  ./rnn4j sample --model runs/shakespeare.safetensors --prime ROMEO:"})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--text", paramLabel = "FILE", description = "A UTF-8 text to learn. Default: the embedded Reber "
            + "grammar.")
    private Path text;

    @Option(names = "--cell", paramLabel = "KIND", description = "Recurrent layer: elman, lstm, gru (or a plug-in). "
            + "Default: lstm.")
    private String cell;

    @Option(names = "--layers", paramLabel = "N", description = "Recurrent layers. Default: 1 (Reber), 2 (text).")
    private Integer layers;

    @Option(names = "--hidden", paramLabel = "N", description = "Units per recurrent layer. Default: 32 (Reber), "
            + "128 (text).")
    private Integer hidden;

    @Option(names = "--activation", paramLabel = "NAME", description = "The layers' activation (Elman's "
            + "nonlinearity, the gated cells' candidate activation). Default: tanh.")
    private String activation;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd, adagrad, rmsprop, adam, adamw. "
            + "Default: adam.")
    private String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate. Default: 0.01 (Reber), 2e-3 (text), "
            + "or the chosen optimizer's own.")
    private String lr;

    @Option(names = "--lr-decay", paramLabel = "F", description = "Multiply the learning rate by F at each new "
            + "epoch once --lr-decay-after epochs have run, as char-rnn (e.g. 0.97); in (0, 1]. Default: 1, no decay.")
    private Double lrDecay;

    @Option(names = "--lr-decay-after", paramLabel = "N", description = "Epochs at the full learning rate before "
            + "--lr-decay starts. Default: 10.")
    private Integer lrDecayAfter;

    @Option(names = "--opt", paramLabel = "KEY=VALUE", description = "An optimizer hyperparameter, checked by the "
            + "optimizer (e.g. beta2=0.99, momentum=0.9, weight_decay=1e-4); repeatable.")
    private Map<String, String> opt = new LinkedHashMap<>();

    @Option(names = "--seq", paramLabel = "T", description = "Characters per stream per step (text). Default: 64.")
    private Integer seq;

    @Option(names = "--batch", paramLabel = "B", description = "Streams of the text (or Reber strings) per step. "
            + "Default: 16 (Reber), 32 (text).")
    private Integer batch;

    @ArgGroup(exclusive = true)
    private Length length;

    /** --epochs or --steps, not both. */
    static final class Length {
        @Option(names = "--epochs", paramLabel = "N", description = "Passes over the data. Default: 15 (Reber), "
                + "1 (text).")
        private Integer epochs;

        @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps in all (instead of --epochs).")
        private Long steps;
    }

    @Option(names = "--clip", paramLabel = "NORM", description = "Clip the global gradient norm to this; 0 for none. "
            + "Default: 5.")
    private Double clip;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout between recurrent layers, in [0, 1). "
            + "Default: 0.")
    private Double dropout;

    @Option(names = "--val-fraction", paramLabel = "F", description = "The last fraction of the data held out for "
            + "validation, in [0, 1). Default: 0.2 (Reber), 0.1 (text).")
    private Double valFraction;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the weights, the data order, the Reber strings "
            + "and the samples. Default: 42.")
    private Long seed;

    @Option(names = "--precision", paramLabel = "P", description = "float32 or float64: the network's parameters, "
            + "its computation and its files (F32 or F64 tensors). Default: float32, as PyTorch. A resumed run keeps "
            + "its checkpoint's.")
    private String precision;

    @Option(names = "--save", paramLabel = "FILE", description = "The model file; the checkpoint, plot and CSV go "
            + "beside it. Default: runs/reber.safetensors, or runs/<text name>.safetensors (then -2, -3, ... if an "
            + "earlier run has that name).")
    private Path save;

    @Option(names = "--overwrite", description = "Replace the files of an earlier run at --save (deleted when this "
            + "run writes its first file). Without it, existing files are an error.")
    private boolean overwrite;

    @Option(names = "--resume", paramLabel = "CKPT", description = "Continue from a checkpoint, bit for bit as if "
            + "never stopped; its settings apply (only --epochs, --steps, --every, --save and --text may be given, and "
            + "--spark, --workers; a --data run's checkpoint needs --data, the same file, and takes --epochs).")
    private Path resume;

    @Option(names = "--keep-best", description = "Save the model of the epoch with the lowest validation loss "
            + "instead of the last one (Keras' restore_best_weights); the checkpoint still holds the last state, so "
            + "--resume continues exactly. Needs validation (--val-fraction above 0).")
    private boolean keepBest;

    @Option(names = "--every", paramLabel = "N", description = "Every N steps: validation loss, checkpoint (with the "
            + "model, CSV and plot) and a sample in the log.")
    private Integer every;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Compute each step's gradients on Apache Spark: "
            + "local[N] (N threads here) or spark://host:port; the same training, the same files. Needs rnn-spark, "
            + "which ./rnn4j adds for this option.")
    private String spark;

    @Option(names = "--workers", paramLabel = "N", description = "With --spark: shards of each batch, one Spark "
            + "task each. Default: Spark's default parallelism (N for local[N]).")
    private Integer workers;

    /** The options of a {@code --data} run. */
    @Mixin
    private DataOptions dataOptions = new DataOptions();

    @Option(names = "--json", description = "End the report with one JSON line: model, plot, csv, steps (in all, "
            + "a resumed run's earlier ones included), train_loss, val_loss (of the epoch saved), chars_per_s, "
            + "precision (float32 or float64); grammar_accept, next_symbol_accuracy for Reber; task, test_accuracy, "
            + "test_rmse, test_mae, naive_rmse for --data; every key is always present.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Registry registry = Registry.installed();
        GradientCluster where = Clusters.find(spark, workers);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainOptions given = options();
        Checkpoint c = resume != null ? load(resume, registry) : null;
        if (c != null && !DataCheckpoint.isDataRun(c.position()) && dataOptions.given()) {
            throw new IllegalArgumentException(resume + " is the checkpoint of a text or Reber run, not a --data run; "
                    + "drop --data and --task (or train again with them)");
        }
        if (dataOptions.given() || c != null && DataCheckpoint.isDataRun(c.position())) {
            DataSettings s = c == null ? NewRunSettings.data(given, dataOptions)
                    : ResumedSettings.data(given, dataOptions, c);
            return DataTraining.run(s, c == null ? null : new DataTraining.Resume(c, resume), save, overwrite, json,
                    new DataTraining.Cluster(where, spark, workers), out, err);
        }
        dataOptions.requireNone();
        Progress progress = Progress.forConsole(err);
        TrainRun run;
        TrainSettings s;
        ResumeText resumeText = null;
        long fromStep = 0;
        if (c != null) {
            fromStep = TrainingPosition.parse(c.position()).step();
            ResumedSettings.Text resumed = ResumedSettings.text(given, c);
            s = resumed.settings();
            resumeText = resumed.text();
            run = TrainRun.resumed(registry, c, resume, s, save, overwrite, progress);
        } else {
            s = given.keepBestFits(NewRunSettings.text(given));
            run = TrainRun.fresh(registry, s, save, overwrite, progress);
        }
        try (run; GradientCluster.Session cluster = Clusters.connect(where, spark, workers)) {
            run.keepBest(keepBest).gradientsOn(cluster);
            out.println("rnn4j train: " + run.describeData());
            out.println("  " + s.describe() + (resume != null ? ", resumed from " + resume : ""));
            if (cluster != null) {
                out.println("  " + cluster.describe());
            }
            if (resumeText != null) {
                out.println("  " + resumeText.describe());
            }
            if (run.filesNote() != null) {
                out.println("  " + run.filesNote());
            }
            out.flush();
            try (StopOnSignal stop = StopOnSignal.install()) {
                TrainRun.Outcome o = run.stopWhen(stop::requested).run();
                TrainReport.print(o, resume == null ? -1 : fromStep, run.resumeCommand(), json, out);
                if (o.stopped()) {
                    err.println("rnn4j train: stopped by a signal (SIGTERM or Ctrl-C) after step " + o.result().steps()
                            + ", every file saved; continue with " + run.resumeCommand());
                    err.flush();
                    return 1;
                }
                if (o.result().reason() == StopReason.NON_FINITE) {
                    err.println("rnn4j train: " + o.result().message() + " " + TrainReport.whatWasSaved(o));
                    return 1;
                }
                return 0;
            }
        }
    }

    /** @return the options as given, for the settings of the run ({@link NewRunSettings}, {@link ResumedSettings}) */
    private TrainOptions options() {
        return new TrainOptions(text, cell, layers, hidden, activation, optimizer, lr, lrDecay, lrDecayAfter, opt, seq,
                batch, length != null ? length.epochs : null, length != null ? length.steps : null, clip, dropout,
                valFraction, seed, precision, resume, keepBest, every);
    }

    private static Checkpoint load(Path file, Registry registry) {
        long bytes = InputFile.requireRegular("--resume", file, "the checkpoint", "a checkpoint file");
        ModelArgument.requireHeap("loading the checkpoint " + file, "the checkpoint", file, bytes);
        try {
            return CheckpointFile.load(file, registry);
        } catch (IOException e) {
            throw FileErrors.cannotRead("the checkpoint", file, e);
        }
    }
}
