package org.rnn4j.examples.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.core.Network;
import org.rnn4j.core.NetworkBuilder;
import org.rnn4j.core.Registry;
import org.rnn4j.core.io.Checkpoint;
import org.rnn4j.core.io.CheckpointFile;
import org.rnn4j.core.io.ModelFile;
import org.rnn4j.core.io.SavedModel;
import org.rnn4j.core.io.TrainingPosition;
import org.rnn4j.core.train.Dataset;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.ExponentialDecay;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.core.train.TrainingConfig;
import org.rnn4j.core.train.TrainingResult;
import org.rnn4j.core.train.TrainingState;
import org.rnn4j.examples.reber.ReberEvaluation;

/**
 * One run of {@code ./rnn4j train}: the task's data, a network and an optimizer (new, or read
 * from a checkpoint), the project's {@link Trainer} with the progress, the loss curve and
 * {@code --every N} as listeners; then the model, the checkpoint, the curve's CSV and PNG, and
 * for the Reber grammar its evaluation.
 *
 * <p>The network is {@code --layers} recurrent layers of {@code --cell} with {@code --hidden}
 * units on one-hot characters and a dense output of logits over the vocabulary, trained with
 * softmax cross-entropy (the mean per character). A resumed run takes everything from the
 * checkpoint (weights, optimizer state, position, settings) and continues bit for bit.
 */
public final class TrainRun {

    /** Where runs go unless {@code --save} says otherwise. */
    static final String DEFAULT_DIRECTORY = "runs";

    private final Registry registry;
    private final TrainSettings settings;
    private final Task task;
    private final RunFiles files;
    private final Progress progress;
    private final Checkpoint from;
    private final Path curveFrom;
    private final Network net;
    private final Optimizer optimizer;

    private TrainRun(Registry registry, TrainSettings settings, Path save, Progress progress, Checkpoint from,
            Path curveFrom) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.from = from;
        this.task = settings.isReber() ? new ReberTraining(settings.seed(), settings.batch(), settings.valFraction())
                : new TextTraining(Path.of(settings.text()), settings.batch(), settings.seq());
        this.files = RunFiles.beside(save != null ? save : Path.of(DEFAULT_DIRECTORY, task.name() + RunFiles.EXTENSION));
        this.curveFrom = curveFrom != null ? curveFrom : files.csv();
        if (from != null) {
            requireSameData(from);
        }
        this.net = from != null ? from.model().network() : network();
        this.optimizer = from != null ? from.optimizer() : optimizer();
    }

    /**
     * A new run.
     *
     * @param registry the installed plug-ins
     * @param settings what to train
     * @param save the model file (the others go beside it), or null for
     *     {@code runs/<task name>.safetensors}
     * @param progress what to show while training
     * @return the run, its data read, network and optimizer made (so a bad text, name or
     *     hyperparameter is an IllegalArgumentException now, before any training)
     */
    public static TrainRun fresh(Registry registry, TrainSettings settings, Path save, Progress progress) {
        return new TrainRun(registry, settings, save, progress, null, null);
    }

    /**
     * A run that continues a checkpoint.
     *
     * @param registry the installed plug-ins
     * @param checkpoint the checkpoint
     * @param file where it was read from: {@code x.ckpt.safetensors} continues the run of
     *     {@code x.safetensors}, its files and its loss curve
     * @param settings its settings (from {@link TrainSettings#fromMap}), with any changes allowed on resuming
     * @param save the model file (the others go beside it), or null for the checkpoint's model
     *     (or {@code runs/<task name>.safetensors} if the checkpoint is named otherwise)
     * @param progress what to show while training
     * @return the run
     * @throws IllegalArgumentException if the data are not those the checkpoint was trained on
     */
    public static TrainRun resumed(Registry registry, Checkpoint checkpoint, Path file, TrainSettings settings,
            Path save, Progress progress) {
        Path model = RunFiles.modelOf(file);
        return new TrainRun(registry, settings, save != null ? save : model, progress,
                Objects.requireNonNull(checkpoint, "checkpoint"), model == null ? null : RunFiles.beside(model).csv());
    }

    /** @return one line saying what the data are */
    public String describeData() {
        return task.describe();
    }

    /**
     * How a run ended.
     *
     * @param files what it wrote
     * @param plotted whether the PNG was drawn (it is not when the Java has no fonts or image support)
     * @param result the trainer's result
     * @param network the trained network
     * @param seconds the wall time of training (validation, checkpoints and samples included)
     * @param trainLoss the last epoch's training loss per character
     * @param valLoss the last validation loss per character, NaN without validation
     * @param charsPerSecond characters trained per second (steps only)
     * @param reber the Reber grammar's figures, or null for a text
     * @param saved whether the model, checkpoint, CSV and PNG were written: not when the run
     *     stopped on a NaN or infinity before any good step of its own ({@link #saves})
     */
    public record Outcome(RunFiles files, boolean plotted, TrainingResult result, Network network, double seconds,
            double trainLoss, double valLoss, double charsPerSecond, ReberEvaluation reber, boolean saved) {
    }

    /**
     * Whether a run's files are written at its end: always, except when it stopped on a NaN or
     * an infinity before taking any step of its own. Then the network and the optimizer are
     * those it started from, and the files already at {@code --save} (a checkpoint's own, or an
     * earlier run's) are left exactly as they were.
     *
     * @param result how the run ended
     * @param startStep the step it started from (0, or the checkpoint's)
     * @return whether to write
     */
    static boolean saves(TrainingResult result, long startStep) {
        return result.reason() != StopReason.NON_FINITE || result.steps() > startStep;
    }

    /**
     * Trains, then writes the model, the checkpoint, the CSV and the PNG.
     *
     * @return how it went
     * @throws IllegalArgumentException if the settings do not fit the data
     * @throws IllegalStateException if a file cannot be written
     */
    public Outcome run() {
        Dataset data = task.data();
        Dataset.Split split = settings.valFraction() > 0 ? data.split(settings.valFraction()) : null;
        int perEpoch = (split == null ? data : split.train()).batchesPerEpoch();
        TrainingConfig config = config(perEpoch);
        TrainingState start = from != null ? TrainingPosition.parse(from.position()) : TrainingState.start();
        if (settings.steps() > 0 && start.step() >= settings.steps()) {
            throw new IllegalArgumentException("the checkpoint is at step " + start.step() + "; give --steps above it "
                    + "to train on");
        }
        LossCurve curve = from != null ? readCurve(start.step()) : new LossCurve();
        CurveRecorder recorder = new CurveRecorder(curve);
        Trainer trainer = new Trainer(net, optimizer, config);
        trainer.addListener(recorder).addListener(progress);
        if (settings.every() > 0) {
            trainer.addListener(new EveryNSteps(settings.every(), trainer, net, split == null ? null : split.validation(),
                    task, settings.seed(), recorder, progress, this::checkpoint));
        }
        long started = System.nanoTime();
        TrainingResult result = trainer.resume(data, start);
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean saved = saves(result, start.step());
        boolean plotted = false;
        if (saved) {
            write(files.model(), () -> ModelFile.save(files.model(), model()));
            checkpoint(result.state());
            write(files.csv(), () -> curve.writeCsv(files.csv()));
            plotted = plot(curve);
        }
        EpochMetrics last = result.lastEpoch();
        ReberEvaluation reber = task instanceof ReberTraining r ? r.evaluate(net, settings.seed() + 1) : null;
        return new Outcome(files, plotted, result, net, seconds, last == null ? Double.NaN : last.trainLoss(),
                last == null ? Double.NaN : last.validationLoss(), recorder.charsPerSecond(), reber, saved);
    }

    private TrainingConfig config(int perEpoch) {
        TrainingConfig c = TrainingConfig.defaults().seed(settings.seed()).validationFraction(settings.valFraction());
        if (settings.steps() > 0) {
            c = c.maxSteps(settings.steps()).epochs((int) Math.min(Integer.MAX_VALUE,
                    (settings.steps() + perEpoch - 1) / perEpoch));
        } else {
            c = c.epochs(settings.epochs());
        }
        if (settings.lrDecay() < 1) {
            c = c.schedule(new ExponentialDecay(settings.lrDecay(), settings.lrDecayAfter()));
        }
        return settings.clip() > 0 ? c.clipNorm(settings.clip()) : c;
    }

    private Network network() {
        int v = task.vocabulary().size();
        NetworkBuilder b = Network.builder(registry).input(v);
        for (int l = 0; l < settings.layers(); l++) {
            b.recurrent(settings.cell(), settings.hidden(), settings.layerOptions());
        }
        return b.dropout(settings.dropout()).output(v).loss("softmax_cross_entropy").seed(settings.seed()).build();
    }

    private Optimizer optimizer() {
        String name = settings.optimizer();
        return registry.optimizer(name).create(new Options("optimizer '" + name + "'", settings.optimizerOptions()));
    }

    private SavedModel model() {
        return new SavedModel(net, task.vocabulary().toString());
    }

    private void checkpoint(TrainingState state) {
        Map<String, String> position = new TreeMap<>(TrainingPosition.of(state));
        position.putAll(settings.toMap());
        position.putAll(task.identity());
        write(files.checkpoint(), () -> CheckpointFile.save(files.checkpoint(),
                new Checkpoint(model(), optimizer, settings.optimizerOptions(), position)));
    }

    /**
     * Draws the PNG; a Java without the AWT's fonts or image support costs the plot, not the
     * trained model (the CSV has the same numbers).
     */
    private boolean plot(LossCurve curve) {
        try {
            Files.createDirectories(files.plot().toAbsolutePath().getParent());
            LossPlot.write(curve, title(), files.plot());
            return true;
        } catch (IOException | RuntimeException | LinkageError e) {
            progress.message("rnn4j train: could not draw the plot " + files.plot() + " (" + e
                    + "); the numbers are in " + files.csv());
            return false;
        }
    }

    /** The interrupted run's curve up to the checkpoint (empty if its CSV is gone). */
    private LossCurve readCurve(long upTo) {
        try {
            return LossCurve.readCsv(curveFrom, upTo);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the loss curve " + curveFrom + ": " + e.getMessage(), e);
        }
    }

    private String title() {
        return "rnn4j train: " + task.name() + " (" + settings.cell() + " " + settings.layers() + " x "
                + settings.hidden() + ")";
    }

    private void requireSameData(Checkpoint c) {
        String had = c.model().vocabulary();
        if (!task.vocabulary().toString().equals(had)) {
            throw new IllegalArgumentException("the checkpoint's vocabulary is not this data's: it has "
                    + (had == null ? "none" : had.codePointCount(0, had.length()) + " characters") + ", the data "
                    + task.vocabulary().size() + "; resume with the text it was trained on");
        }
        task.identity().forEach((k, v) -> {
            String was = c.position().get(k);
            if (!v.equals(was)) {
                throw new IllegalArgumentException("the text is not the one the checkpoint was trained on ("
                        + k.substring(k.indexOf('.') + 1) + " " + was + ", now " + v + ")");
            }
        });
    }

    /** An action that writes a file. */
    private interface Write {
        void run() throws IOException;
    }

    private static void write(Path file, Write w) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            w.run();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
