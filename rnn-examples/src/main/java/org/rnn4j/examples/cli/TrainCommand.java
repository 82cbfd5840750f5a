package org.rnn4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.GradientCluster;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.examples.limits.Heap;
import org.rnn4j.examples.limits.InputFile;
import org.rnn4j.examples.limits.RunMemory;
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

    /** The text a resume reads and why; null for a new run or the Reber grammar. */
    private ResumeText resumeText;

    @Override
    public Integer call() {
        Registry registry = Registry.installed();
        GradientCluster where = Clusters.find(spark, workers);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Checkpoint c = resume != null ? load(resume, registry) : null;
        if (c != null && !DataCheckpoint.isDataRun(c.position()) && dataOptions.given()) {
            throw new IllegalArgumentException(resume + " is the checkpoint of a text or Reber run, not a --data run; "
                    + "drop --data and --task (or train again with them)");
        }
        if (dataOptions.given() || c != null && DataCheckpoint.isDataRun(c.position())) {
            DataSettings s = c == null ? dataSettings() : resumedDataSettings(c);
            return DataTraining.run(s, c == null ? null : new DataTraining.Resume(c, resume), save, overwrite, json,
                    new DataTraining.Cluster(where, spark, workers), out, err);
        }
        dataOptions.requireNone();
        Progress progress = Progress.forConsole(err);
        TrainRun run;
        TrainSettings s;
        long fromStep = 0;
        if (c != null) {
            fromStep = TrainingPosition.parse(c.position()).step();
            s = keepBestFits(resumedSettings(c));
            run = TrainRun.resumed(registry, c, resume, s, save, overwrite, progress);
        } else {
            s = keepBestFits(newSettings());
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

    private TrainSettings newSettings() {
        TrainSettings d = text == null ? TrainSettings.reber() : TrainSettings.text(text.toAbsolutePath().toString());
        if (text == null && seq != null) {
            throw new IllegalArgumentException("--seq applies to --text only: each Reber string is one whole sequence");
        }
        String name = or(optimizer, d.optimizer());
        Map<String, String> options = new LinkedHashMap<>(name.equals(d.optimizer()) ? d.optimizerOptions() : Map.of());
        if (lr != null && opt.containsKey("lr")) {
            throw new IllegalArgumentException("give the learning rate once: --lr " + lr + " or --opt lr=" + opt.get("lr"));
        }
        options.putAll(opt);
        if (lr != null) {
            options.put("lr", lr);
        }
        if (lrDecayAfter != null && lrDecay == null) {
            throw new IllegalArgumentException("--lr-decay-after " + lrDecayAfter + " needs --lr-decay, the factor per "
                    + "epoch (e.g. --lr-decay 0.97)");
        }
        int epochs = length != null && length.epochs != null ? length.epochs : d.epochs();
        long steps = length != null && length.steps != null ? requireSteps(length.steps) : 0;
        return new TrainSettings(d.text(), or(cell, d.cell()), or(layers, d.layers()), or(hidden, d.hidden()),
                or(activation, d.activation()), name, options, or(seq, d.seq()), or(batch, d.batch()), epochs, steps,
                or(clip, d.clip()), or(dropout, d.dropout()), or(valFraction, d.valFraction()), or(seed, d.seed()),
                every != null ? requireEvery(every) : d.every(), or(lrDecay, d.lrDecay()),
                or(lrDecayAfter, d.lrDecayAfter()), precision());
    }

    /** {@code --precision}, or the default (float32). */
    private Precision precision() {
        return precision == null ? TrainSettings.DEFAULT_PRECISION : Precision.parse(precision);
    }

    /** The settings of a --data run; the options of text and Reber runs do not apply. */
    private DataSettings dataSettings() {
        dataOptions.requireComplete();
        Object[][] others = {{"--text", text}, {"--resume", resume}, {"--seq", seq}, {"--every", every},
            {"--steps", length != null ? length.steps : null}, {"--optimizer", optimizer}, {"--activation", activation},
            {"--lr-decay", lrDecay}, {"--dropout", dropout}, {"--keep-best", keepBest ? true : null},
            {"--opt", opt.isEmpty() ? null : opt}};
        for (Object[] o : others) {
            if (o[1] != null) {
                throw new IllegalArgumentException(o[0] + " does not apply to --data runs (they train with Adam and "
                        + "keep the best validation epoch's model); see ./rnn4j train --help");
            }
        }
        return dataOptions.settings(or(valFraction, DataSettings.VAL_FRACTION), or(cell, DataSettings.CELL),
                or(layers, DataSettings.LAYERS), or(hidden, DataSettings.HIDDEN), Registry.installed(),
                length != null && length.epochs != null ? length.epochs : DataSettings.EPOCHS, or(lr, DataSettings.LR),
                or(batch, DataSettings.BATCH), or(clip, DataSettings.CLIP), or(seed, DataSettings.SEED), precision());
    }

    /**
     * The settings of a resumed --data run: the checkpoint's, on the file --data names, with any
     * --epochs; an option that says otherwise than the checkpoint is an error.
     */
    private DataSettings resumedDataSettings(Checkpoint c) {
        Object[][] others = {{"--text", text}, {"--seq", seq}, {"--every", every},
            {"--steps", length != null ? length.steps : null}, {"--optimizer", optimizer}, {"--activation", activation},
            {"--lr-decay", lrDecay}, {"--lr-decay-after", lrDecayAfter}, {"--dropout", dropout},
            {"--keep-best", keepBest ? true : null}, {"--opt", opt.isEmpty() ? null : opt}};
        for (Object[] o : others) {
            if (o[1] != null) {
                throw new IllegalArgumentException(o[0] + " does not apply to --data runs (they train with Adam and "
                        + "keep the best validation epoch's model); see ./rnn4j train --help");
            }
        }
        Path file = dataOptions.file();
        if (file == null) {
            throw new IllegalArgumentException(resume + " is the checkpoint of a --data run; give the data again with "
                    + "--data FILE.csv (the file it was trained on, unchanged: its SHA-256 is checked)");
        }
        DataSettings was = DataCheckpoint.settings(c.position(), file);
        dataOptions.requireSame(was);
        same("--cell", cell, was.cell());
        same("--layers", layers, was.layers());
        same("--hidden", hidden, was.hidden());
        same("--lr", lr, was.lr());
        same("--batch", batch, was.batch());
        same("--clip", clip, was.clip());
        same("--val-fraction", valFraction, was.valFraction());
        same("--seed", seed, was.seed());
        samePrecision(was.precision(), c);
        int epochs = length != null && length.epochs != null ? length.epochs : was.epochs();
        return new DataSettings(file, was.task(), was.id(), was.target(), was.time(), was.features(), was.window(),
                was.horizon(), was.testFraction(), was.valFraction(), was.cell(), was.layers(), was.hidden(),
                was.dense(), epochs,
                was.lr(), was.batch(), was.clip(), was.seed(), was.precision());
    }

    /**
     * A resume keeps its checkpoint's precision: the one its settings record must be its network's,
     * and --precision, if given, the same.
     */
    private void samePrecision(Precision recorded, Checkpoint c) {
        Precision inCheckpoint = c.model().network().precision();
        if (recorded != inCheckpoint) {
            throw new IllegalArgumentException(resume + " records run.precision " + recorded + " but holds a "
                    + inCheckpoint + " network; the two must agree");
        }
        same("--precision", precision == null ? null : Precision.parse(precision), inCheckpoint);
    }

    /** @return the settings, if --keep-best is not given without validation */
    private TrainSettings keepBestFits(TrainSettings s) {
        if (keepBest && s.valFraction() == 0) {
            throw new IllegalArgumentException("--keep-best keeps the model of the lowest validation loss and needs "
                    + "validation data: give --val-fraction above 0");
        }
        return s;
    }

    /** The checkpoint's settings; only the length of the run, --every, --save and the text's path may change. */
    private TrainSettings resumedSettings(Checkpoint c) {
        TrainSettings was = TrainSettings.fromMap(c.position(), c.optimizer().name(), c.optimizerSettings());
        same("--cell", cell, was.cell());
        same("--layers", layers, was.layers());
        same("--hidden", hidden, was.hidden());
        same("--activation", activation, was.activation());
        same("--optimizer", optimizer, was.optimizer());
        same("--lr", lr, was.optimizerOptions().get("lr"));
        same("--lr-decay", lrDecay, was.lrDecay());
        same("--lr-decay-after", lrDecayAfter, was.lrDecayAfter());
        for (Map.Entry<String, String> e : opt.entrySet()) {
            same("--opt " + e.getKey(), e.getValue(), was.optimizerOptions().get(e.getKey()));
        }
        same("--seq", seq, was.seq());
        same("--batch", batch, was.batch());
        same("--clip", clip, was.clip());
        same("--dropout", dropout, was.dropout());
        same("--val-fraction", valFraction, was.valFraction());
        same("--seed", seed, was.seed());
        samePrecision(was.precision(), c);
        if (text != null && was.isReber()) {
            throw new IllegalArgumentException("the checkpoint was trained on the Reber grammar, not a text; drop --text");
        }
        resumeText = was.isReber() ? null : ResumeText.choose(resume, text, was.text());
        String file = resumeText == null ? null : resumeText.file().toString();
        int epochs = was.epochs();
        long steps = was.steps();
        if (length != null) {
            epochs = length.epochs != null ? length.epochs : epochs;
            steps = length.steps != null ? requireSteps(length.steps) : 0;
        }
        return new TrainSettings(file, was.cell(), was.layers(), was.hidden(), was.activation(), was.optimizer(),
                was.optimizerOptions(), was.seq(), was.batch(), epochs, steps, was.clip(), was.dropout(),
                was.valFraction(), was.seed(), every != null ? requireEvery(every) : was.every(), was.lrDecay(),
                was.lrDecayAfter(), was.precision());
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

    private static <T> void same(String option, T given, T was) {
        if (given != null && !given.equals(was)) {
            throw new IllegalArgumentException(option + " cannot change when resuming: the checkpoint was trained with "
                    + (was == null ? "none" : was) + ", got " + given);
        }
    }

    private static long requireSteps(long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        return steps;
    }

    private static int requireEvery(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("--every must be >= 1 step, got " + every);
        }
        return every;
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
