package org.rnn4j.examples.training;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.rnn4j.api.Optimizer;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.Dataset;
import org.rnn4j.core.train.GradientCluster;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingConfig;
import org.rnn4j.core.train.TrainingResult;
import org.rnn4j.core.train.TrainingState;
import org.rnn4j.examples.reber.ReberEvaluation;
import org.rnn4j.io.model.AtomicFile;
import org.rnn4j.io.model.Checkpoint;
import org.rnn4j.io.model.SavedModel;
import org.rnn4j.io.model.TrainingPosition;

/**
 * One run of {@code ./rnn4j train}: the task's data, a network and an optimizer (new, or read
 * from a checkpoint), the project's {@link Trainer} with the progress, the loss curve and
 * {@code --every N} as listeners; then the model, the checkpoint, the curve's CSV and PNG, and
 * for the Reber grammar its evaluation.
 *
 * <p>The network is {@link CharNetwork}'s. A resumed run takes everything from the
 * checkpoint (weights, optimizer state, position, settings) and continues bit for bit; the
 * settings must describe the network the checkpoint holds.
 *
 * <p>Its files are chosen, checked and locked when the run is made, before any training
 * ({@link RunOutputs}), and written as it goes ({@link RunSaver}); {@link #close()} (or the end
 * of {@link #run()}) releases them.
 */
public final class TrainRun implements AutoCloseable {

    /** Where runs go unless {@code --save} says otherwise. */
    static final String DEFAULT_DIRECTORY = "runs";

    private final TrainSettings settings;
    private final Task task;
    private final RunOutputs outputs;
    private final RunFiles files;
    private final Progress progress;
    private final Checkpoint from;
    private final Path curveFrom;
    private final Network net;
    private final Optimizer optimizer;
    private boolean keepBest;
    private RunSaver.Writes writes = AtomicFile::write;
    private BooleanSupplier stopRequested = () -> false;
    private GradientCluster.Session cluster;

    private TrainRun(Registry registry, TrainSettings settings, Path save, boolean overwrite, Progress progress,
            Checkpoint from, Path fromFile) {
        Objects.requireNonNull(registry, "registry");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.from = from;
        this.task = settings.isReber() ? new ReberTraining(settings.seed(), settings.batch(), settings.valFraction())
                : new TextTraining(Path.of(settings.text()), settings.batch(), settings.seq());
        Path own = fromFile == null ? null : RunFiles.modelOf(fromFile);
        if (from != null) {
            ResumeChecks.requireSameData(task, from);
            ResumeChecks.requireSameNetwork(CharNetwork.architecture(settings, task.vocabulary().size()), from);
        }
        MemoryCheck.require(registry, settings, task, from != null ? from.model().network().architecture() : null);
        this.net = from != null ? from.model().network()
                : CharNetwork.build(registry, settings, task.vocabulary().size());
        this.optimizer = from != null ? from.optimizer() : CharNetwork.optimizer(registry, settings);
        Map<String, Path> inputs = new LinkedHashMap<>();
        if (!settings.isReber()) {
            inputs.put("the training text", Path.of(settings.text()));
        }
        if (fromFile != null) {
            inputs.put("the checkpoint it resumes from", fromFile);
        }
        this.outputs = RunOutputs.claim(save, Path.of(DEFAULT_DIRECTORY, task.name() + RunFiles.EXTENSION), own,
                overwrite, inputs, fromFile);
        this.files = outputs.files();
        this.curveFrom = own != null ? RunFiles.beside(own).csv() : files.csv();
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
        return fresh(registry, settings, save, false, progress);
    }

    /**
     * A new run.
     *
     * @param registry the installed plug-ins
     * @param settings what to train
     * @param save the model file (the others go beside it), or null for
     *     {@code runs/<task name>.safetensors}, or the first free {@code runs/<task name>-n.safetensors}
     *     if an earlier run has that one
     * @param overwrite whether an earlier run's files at {@code save} are replaced (they are
     *     deleted before training); without it they are an error
     * @param progress what to show while training
     * @return the run, its data read, network and optimizer made and its files claimed (so a bad
     *     text, name, hyperparameter or file is an IllegalArgumentException now, before any training)
     */
    public static TrainRun fresh(Registry registry, TrainSettings settings, Path save, boolean overwrite,
            Progress progress) {
        return new TrainRun(registry, settings, save, overwrite, progress, null, null);
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
     *     (or a new name as for {@link #fresh} if the checkpoint is named otherwise)
     * @param overwrite whether another run's files at {@code save} are replaced
     * @param progress what to show while training
     * @return the run
     * @throws IllegalArgumentException if the data are not those the checkpoint was trained on, or
     *     the files cannot be written
     */
    public static TrainRun resumed(Registry registry, Checkpoint checkpoint, Path file, TrainSettings settings,
            Path save, boolean overwrite, Progress progress) {
        return new TrainRun(registry, settings, save, overwrite, progress, Objects.requireNonNull(checkpoint,
                "checkpoint"), Objects.requireNonNull(file, "file"));
    }

    /** @return the files this run writes */
    public RunFiles files() {
        return files;
    }

    /**
     * @return the command that continues this run from its checkpoint: with {@code --text} for a
     *     text, since a resume never opens the path a checkpoint records ({@link ResumeText})
     */
    public String resumeCommand() {
        return "./rnn4j train --resume " + files.checkpoint() + (settings.isReber() ? "" : " --text " + settings.text());
    }

    /** @return a line saying why the files are not at the default name (an earlier run has it), or null */
    public String filesNote() {
        return outputs.note();
    }

    /**
     * Stops the run at the next step boundary when asked (by a signal, see {@link StopOnSignal}):
     * the step finishes, every file is saved, and {@link #run()} returns an outcome marked
     * {@link Outcome#stopped()}.
     *
     * @param requested polled after every step
     * @return this
     */
    public TrainRun stopWhen(BooleanSupplier requested) {
        this.stopRequested = Objects.requireNonNull(requested, "requested");
        return this;
    }

    /**
     * {@code --spark}: each step's gradients come from the cluster's workers; everything else
     * (validation, checkpoints, the files) stays on this process.
     *
     * @param session the cluster, or null to compute them here (the default)
     * @return this
     */
    public TrainRun gradientsOn(GradientCluster.Session session) {
        this.cluster = session;
        return this;
    }

    /** For tests: how files are written (a full disk simulated). */
    TrainRun writes(RunSaver.Writes w) {
        this.writes = Objects.requireNonNull(w, "writes");
        return this;
    }

    /** Releases the run's files (its lock) for other runs; {@link #run()} does it too. */
    @Override
    public void close() {
        outputs.close();
    }

    /**
     * {@code --keep-best}: the model saved is the one of the epoch with the lowest validation
     * loss ({@link TrainingConfig#restoreBestWeights}); the checkpoint still holds the last state,
     * so a resume continues exactly.
     *
     * @param on whether to keep the best model rather than the last
     * @return this
     */
    public TrainRun keepBest(boolean on) {
        this.keepBest = on;
        return this;
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
     * @param trainLoss the training loss per character of the last epoch, or of the epoch whose
     *     weights were kept ({@code --keep-best})
     * @param valLoss its validation loss per character, NaN without validation
     * @param charsPerSecond characters trained per second (steps only)
     * @param reber the Reber grammar's figures, or null for a text
     * @param stopped whether a stop was requested ({@link #stopWhen}) and the run saved where it was
     * @param saved whether the model, checkpoint, CSV and PNG were written: not when the run
     *     stopped on a NaN or infinity before any good step of its own ({@link RunLoop#saves})
     */
    public record Outcome(RunFiles files, boolean plotted, TrainingResult result, Network network, double seconds,
            double trainLoss, double valLoss, double charsPerSecond, ReberEvaluation reber, boolean stopped,
            boolean saved) {
    }

    /**
     * Trains, writing the curve at each epoch's end and every file at each save point (every N
     * steps, a requested stop, the end), then releases the files.
     *
     * @return how it went
     * @throws IllegalArgumentException if the settings do not fit the data
     * @throws IllegalStateException if the checkpoint or the model cannot be written
     */
    public Outcome run() {
        try {
            return train();
        } finally {
            close();
        }
    }

    private Outcome train() {
        Dataset data = task.data();
        Dataset.Split split = settings.valFraction() > 0 ? data.split(settings.valFraction()) : null;
        int perEpoch = (split == null ? data : split.train()).batchesPerEpoch();
        TrainingConfig config = CharNetwork.config(settings, perEpoch, keepBest);
        TrainingState start = from != null ? TrainingPosition.parse(from.position()) : TrainingState.start();
        ResumeChecks.requireCarriedFits(start, net, settings.batch());
        if (settings.steps() > 0 && start.step() >= settings.steps()) {
            throw new IllegalArgumentException("the checkpoint is at step " + start.step() + "; give --steps above it "
                    + "to train on");
        }
        CurveRecorder recorder = RunLoop.recorder(from, curveFrom, start.step());
        RunSaver saver = new RunSaver(files, recorder.curve(), title(), progress, state -> checkpoint(state, recorder),
                this::model, writes, resumeCommand()).beforeFirstWrite(outputs::replaceEarlier);
        Trainer trainer = new Trainer(net, optimizer, config)
                .gradientsFrom(cluster == null ? null : cluster.gradients(net, config));
        RunLoop.listen(trainer, recorder, progress, saver, start.step());
        if (settings.every() > 0) {
            trainer.addListener(new EveryNSteps(settings.every(), trainer, net, split == null ? null : split.validation(),
                    task, settings.seed(), recorder, progress, saver::save));
        }
        RunLoop.Ended end = RunLoop.run(trainer, stopRequested, progress, saver, start.step(),
                () -> trainer.resume(data, start));
        TrainingResult result = end.result();
        ReberEvaluation reber = task instanceof ReberTraining r && !end.stopped()
                && result.reason() != StopReason.NON_FINITE ? r.evaluate(net, settings.seed() + 1) : null;
        return new Outcome(files, end.saved() && saver.plotted(), result, net, end.seconds(), end.trainLoss(),
                end.valLoss(), recorder.charsPerSecond(), reber, end.stopped(), end.saved());
    }


    private SavedModel model() {
        return new SavedModel(net, task.vocabulary().toString(), task.end());
    }

    private Checkpoint checkpoint(TrainingState state, CurveRecorder recorder) {
        Map<String, String> position = new TreeMap<>(TrainingPosition.of(state));
        position.putAll(settings.toMap());
        position.putAll(task.identity());
        position.putAll(recorder.pending());
        return new Checkpoint(model(), optimizer, settings.optimizerOptions(), position);
    }

    private String title() {
        return "rnn4j train: " + task.name() + " (" + settings.cell() + " " + settings.layers() + " x "
                + settings.hidden() + ")";
    }
}
