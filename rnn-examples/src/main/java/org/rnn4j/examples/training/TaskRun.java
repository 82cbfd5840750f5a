package org.rnn4j.examples.training;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.GradientCluster;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingConfig;
import org.rnn4j.core.train.TrainingResult;
import org.rnn4j.core.train.TrainingState;
import org.rnn4j.io.model.AtomicFile;
import org.rnn4j.io.model.Checkpoint;
import org.rnn4j.io.model.SavedModel;
import org.rnn4j.io.model.TrainingPosition;

/**
 * One run of {@code ./rnn4j train --data FILE.csv --task ...}: the file read and split
 * ({@link TaskData}, before any file is claimed, so malformed data writes nothing), a network
 * ({@link TaskNetwork}), the project's {@link Trainer} with validation on the held-out part and the
 * best epoch's model kept; then the test figures ({@link TaskEvaluation}).
 *
 * <p>Its files are those of every {@code ./rnn4j train} run, chosen, checked and locked by
 * {@link RunOutputs} (never an earlier run's without {@code --overwrite}) and written atomically
 * by {@link RunSaver}: the model (whose metadata {@code data} holds the task, the feature
 * names, their standardisation and the class labels), the checkpoint, the loss curve's CSV and
 * PNG. The checkpoint records the settings, the data file's SHA-256 and the best epoch so far
 * with its weights ({@link DataCheckpoint}); {@link #resumed} reads the file again, refuses
 * other data or a checkpoint whose settings do not describe its network, and continues to the
 * files an uninterrupted run writes, bit for bit.
 */
public final class TaskRun implements AutoCloseable {

    private final Registry registry;
    private final DataSettings settings;
    private final TaskData data;
    private final RunOutputs outputs;
    private final Progress progress;
    private final Network net;
    private final Optimizer optimizer;
    private final String sha256;
    private final Checkpoint from;
    private final Path curveFrom;
    private Trainer trainer;
    private BooleanSupplier stopRequested = () -> false;
    private GradientCluster.Session cluster;

    private TaskRun(Registry registry, DataSettings settings, Path save, boolean overwrite, Progress progress,
            Checkpoint from, Path fromFile) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.from = from;
        String sha = null;
        if (from != null) { // other data are refused before they are parsed
            sha = DataCheckpoint.sha256(settings.data());
            DataCheckpoint.requireSameData(from.position(), sha, settings.data());
        }
        this.data = TaskData.read(settings);
        this.sha256 = sha != null ? sha : DataCheckpoint.sha256(settings.data());
        Architecture said = TaskNetwork.architecture(settings, data.inputs(), data.outputs());
        MemoryCheck.require(registry, settings, data, from != null ? from.model().network().architecture() : said);
        if (from != null) {
            ResumeChecks.requireSameNetwork(said, from);
            if (!data.metadata().equals(from.model().data())) {
                throw new IllegalArgumentException("the checkpoint's data description (standardisation, columns, "
                        + "classes) is not the one fitted on " + settings.data() + " again; was the checkpoint altered?");
            }
        }
        this.net = from != null ? from.model().network() : network();
        this.optimizer = from != null ? from.optimizer()
                : registry.optimizer("adam").create(new Options("optimizer 'adam'", Map.of("lr", settings.lr())));
        Path own = fromFile == null ? null : RunFiles.modelOf(fromFile);
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("the data", settings.data());
        if (fromFile != null) {
            inputs.put("the checkpoint it resumes from", fromFile);
        }
        this.outputs = RunOutputs.claim(save, Path.of(TrainRun.DEFAULT_DIRECTORY, data.name() + RunFiles.EXTENSION),
                own, overwrite, inputs, fromFile);
        this.curveFrom = own != null ? RunFiles.beside(own).csv() : outputs.files().csv();
    }

    /**
     * Reads the data, makes the network and the optimizer and claims the files.
     *
     * @param registry the installed plug-ins
     * @param settings what to train
     * @param save the model file (the others go beside it), or null for {@code runs/<file name>.safetensors}
     *     (or the first free {@code -n})
     * @param overwrite whether an earlier run's files at {@code save} are replaced
     * @param progress what to show while training
     * @return the run
     * @throws IllegalArgumentException for malformed data ({@link org.rnn4j.io.data.DataFileException}), a bad
     *     setting or files that cannot be used, before anything is written
     */
    public static TaskRun fresh(Registry registry, DataSettings settings, Path save, boolean overwrite,
            Progress progress) {
        return new TaskRun(registry, settings, save, overwrite, progress, null, null);
    }

    /**
     * A run that continues the checkpoint of a {@code --data} run: the file read again (its SHA-256
     * must be the one recorded), the network, optimizer, position, curve and best epoch so far
     * taken from the checkpoint.
     *
     * @param registry the installed plug-ins
     * @param checkpoint the checkpoint
     * @param file where it was read from: {@code x.ckpt.safetensors} continues the run of
     *     {@code x.safetensors}, its files and its loss curve
     * @param settings its settings ({@link DataCheckpoint#settings}), with the data file given and
     *     any {@code --epochs}
     * @param save the model file, or null for the checkpoint's model
     * @param overwrite whether another run's files at {@code save} are replaced
     * @param progress what to show while training
     * @return the run
     * @throws IllegalArgumentException if the data are not those the checkpoint was trained on, its
     *     settings do not describe its network, or the files cannot be written; before anything is written
     */
    public static TaskRun resumed(Registry registry, Checkpoint checkpoint, Path file, DataSettings settings,
            Path save, boolean overwrite, Progress progress) {
        return new TaskRun(registry, settings, save, overwrite, progress, Objects.requireNonNull(checkpoint,
                "checkpoint"), Objects.requireNonNull(file, "file"));
    }

    /** @return one line saying what the data are */
    public String describeData() {
        return data.describe();
    }

    /** @return a line saying why the files are not at the default name, or null */
    public String filesNote() {
        return outputs.note();
    }

    /**
     * @param requested polled after every step; when it says so the run stops with every file saved
     * @return this
     */
    public TaskRun stopWhen(BooleanSupplier requested) {
        this.stopRequested = Objects.requireNonNull(requested, "requested");
        return this;
    }

    /**
     * {@code --spark}: each step's gradients come from the cluster's workers, which may hold the
     * training sequences; everything else (the data read and standardised, validation, the test
     * figures, the files) stays on this process.
     *
     * @param session the cluster, or null to compute them here (the default)
     * @return this
     */
    public TaskRun gradientsOn(GradientCluster.Session session) {
        this.cluster = session;
        return this;
    }

    @Override
    public void close() {
        outputs.close();
    }

    /**
     * How the run ended.
     *
     * @param files what it wrote
     * @param plotted whether the PNG was drawn
     * @param result the trainer's result
     * @param network the trained network (the best epoch's weights when there was validation)
     * @param seconds the wall time of training
     * @param trainLoss the training loss of the epoch kept
     * @param valLoss its validation loss, NaN without validation
     * @param stepsPerSecond real sequence steps trained per second
     * @param test the figures on the held-out test part
     * @param stopped whether a stop was requested
     * @param saved whether the files were written
     */
    public record Outcome(RunFiles files, boolean plotted, TrainingResult result, Network network, double seconds,
            double trainLoss, double valLoss, double stepsPerSecond, TaskEvaluation test, boolean stopped,
            boolean saved) {
    }

    /**
     * Trains, saves and evaluates on the test part, then releases the files.
     *
     * @return how it went
     */
    public Outcome run() {
        try {
            return train();
        } finally {
            close();
        }
    }

    private Outcome train() {
        RunFiles files = outputs.files();
        TrainingState start = from != null ? TrainingPosition.parse(from.position()) : TrainingState.start();
        if (start.epoch() >= settings.epochs()) {
            throw new IllegalArgumentException("the checkpoint has trained " + start.epoch() + " epoch(s); give --epochs "
                    + "above it to train on");
        }
        CurveRecorder recorder = RunLoop.recorder(from, curveFrom, start.step());
        RunSaver saver = new RunSaver(files, recorder.curve(), "rnn4j train: " + data.name() + " ("
                + settings.task().cliName() + ", " + settings.cell() + " " + settings.layers() + " x " + settings.hidden()
                + ")", progress, state -> checkpoint(state, recorder), this::model, AtomicFile::write, resumeCommand())
                .beforeFirstWrite(outputs::replaceEarlier);
        TrainingConfig config = TrainingConfig.defaults().seed(settings.seed()).epochs(settings.epochs())
                .restoreBestWeights(data.validation() != null);
        if (settings.clip() > 0) {
            config = config.clipNorm(settings.clip());
        }
        trainer = new Trainer(net, optimizer, config)
                .gradientsFrom(cluster == null ? null : cluster.gradients(net, config, data.train()));
        EpochMetrics best = from == null ? null : DataCheckpoint.bestEpoch(from.position(), start);
        if (best != null && data.validation() != null) {
            trainer.bestSoFar(best, DataCheckpoint.bestWeights(from.position()));
        }
        RunLoop.listen(trainer, recorder, progress, saver, start.step());
        RunLoop.Ended end = RunLoop.run(trainer, stopRequested, progress, saver, start.step(),
                () -> trainer.resume(data.train(), data.validation(), start));
        TrainingResult result = end.result();
        TaskEvaluation test = result.reason() == StopReason.NON_FINITE ? null
                : TaskEvaluation.of(net, settings.task(), data.test());
        return new Outcome(files, end.saved() && saver.plotted(), result, net, end.seconds(), end.trainLoss(),
                end.valLoss(), recorder.charsPerSecond(), test, end.stopped(), end.saved());
    }

    /** The network the settings describe, for the data read. */
    private Network network() {
        return TaskNetwork.build(registry, settings, data.inputs(), data.outputs());
    }

    private SavedModel model() {
        return new SavedModel(net, null, null, data.metadata());
    }

    private Checkpoint checkpoint(TrainingState state, CurveRecorder recorder) {
        Map<String, String> position = new TreeMap<>(TrainingPosition.of(state));
        position.putAll(recorder.pending());
        position.putAll(DataCheckpoint.record(settings, sha256, trainer.keptEpoch(), trainer.keptWeights()));
        return new Checkpoint(model(), optimizer, Map.of("lr", settings.lr()), position);
    }

    /**
     * @return the command that continues this run from its checkpoint (with {@code --data}: a
     *     resume never opens the path a checkpoint records)
     */
    public String resumeCommand() {
        return "./rnn4j train --resume " + outputs.files().checkpoint() + " --data " + settings.data();
    }

}
