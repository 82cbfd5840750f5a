package org.rnn4j.examples.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingState;
import org.rnn4j.io.model.AtomicFile;
import org.rnn4j.io.model.Checkpoint;
import org.rnn4j.io.model.CheckpointFile;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/**
 * Writes a run's files as it goes, each atomically ({@link AtomicFile}): the loss curve's CSV (and
 * its PNG, redrawn at most every {@value #PLOT_SECONDS} seconds, and always at the end) at every
 * epoch's end, and all four files at every save point (every N steps, a stop by a signal, the
 * end of the run), in this order:
 *
 * <ol>
 *   <li><b>the CSV and the PNG</b>: a resumed run reads the CSV up to its checkpoint's step, so the
 *       CSV is never older than the checkpoint; a crash costs the curve nothing before the last
 *       save point or epoch end;</li>
 *   <li><b>the checkpoint</b>, then</li>
 *   <li><b>the model</b>.</li>
 * </ol>
 *
 * <p>Why the checkpoint before the model: if the disk fills (or the process dies) between the two,
 * the model on disk is one of an earlier save point of the same run, behind the checkpoint;
 * resuming continues from the checkpoint and writes the model again, so nothing newer is ever
 * replaced by something older. The other order could leave a model ahead of its checkpoint, and
 * a resume would continue the older state and write it over the newer model. The files cannot
 * come from another run: {@link RunOutputs} refuses a path with an earlier run's files unless
 * {@code --overwrite}, which deletes them before training, and it locks the path against a second
 * run at the same time.
 *
 * <p>A save point that cannot write the checkpoint or the model stops the run with an
 * {@link IllegalStateException} saying which file and what the files on disk hold. A curve that
 * cannot be written (or a PNG that cannot be drawn, on a Java without fonts) is reported once and
 * does not stop training.
 */
final class RunSaver implements TrainingListener {

    /** How a file is written; {@link AtomicFile#write} but in tests that simulate a full disk. */
    @FunctionalInterface
    interface Writes {
        /**
         * @param file the file to replace
         * @param content writes its content
         * @throws IOException if it cannot be written (the file is then unchanged)
         */
        void write(Path file, AtomicFile.Writer content) throws IOException;
    }

    private final RunFiles files;
    private final LossCurve curve;
    private final String title;
    private final Progress progress;
    private final Function<TrainingState, Checkpoint> checkpoint;
    private final Supplier<SavedModel> model;
    /** The least time between two drawings of the PNG while training goes on. */
    static final int PLOT_SECONDS = 10;

    private final Writes writes;
    private final String resumeCommand;
    private Runnable beforeFirstWrite = () -> { };
    private boolean plotted = true;
    private long plottedAt;
    private boolean drawn;
    private boolean curveWarned;
    private long savedStep = -1;

    /**
     * @param files where
     * @param curve the curve, as recorded so far
     * @param title the plot's title
     * @param progress where a failed plot is reported
     * @param checkpoint makes the checkpoint of a position
     * @param model makes the model as it is now
     * @param writes how files are written
     * @param resumeCommand the command that continues the run, for the messages
     */
    RunSaver(RunFiles files, LossCurve curve, String title, Progress progress,
            Function<TrainingState, Checkpoint> checkpoint, Supplier<SavedModel> model, Writes writes, String resumeCommand) {
        this.files = Objects.requireNonNull(files, "files");
        this.curve = Objects.requireNonNull(curve, "curve");
        this.title = title;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.model = Objects.requireNonNull(model, "model");
        this.writes = Objects.requireNonNull(writes, "writes");
        this.resumeCommand = Objects.requireNonNull(resumeCommand, "resumeCommand");
    }

    /**
     * @param r runs once, before the first file is written (an earlier run's files deleted, see
     *     {@link RunOutputs#replaceEarlier()})
     * @return this
     */
    RunSaver beforeFirstWrite(Runnable r) {
        this.beforeFirstWrite = Objects.requireNonNull(r, "r");
        return this;
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        curve(false);
    }

    /**
     * A save point while training goes on: the curve, the checkpoint of the position, then the model.
     *
     * @param state the position (the network and optimizer must be at it)
     * @throws IllegalStateException if the checkpoint or the model cannot be written
     */
    void save(TrainingState state) {
        save(state, false);
    }

    /**
     * Writes the model file again from the network as it is now: the best epoch's weights after
     * {@code --keep-best} put them back. A failure leaves the last save point's model, whole.
     *
     * @throws IllegalStateException if the model cannot be written
     */
    void saveModel() {
        SavedModel m = model.get();
        write(files.model(), out -> ModelFile.write(out, m), "the model file holds the last step's weights, not the "
                + "best epoch's");
    }

    /**
     * The last save point of this process (the end, or a stop): as {@link #save}, the PNG drawn.
     *
     * @param state the position
     * @throws IllegalStateException if the checkpoint or the model cannot be written
     */
    void finish(TrainingState state) {
        save(state, true);
    }

    private void save(TrainingState state, boolean last) {
        curve(last); // the first write of a save point, so it runs beforeFirstWrite
        Checkpoint c = checkpoint.apply(state);
        String resume = " (" + resumeCommand + " continues from it)";
        write(files.checkpoint(), out -> CheckpointFile.write(out, c), savedStep < 0 ? "this run saved nothing before"
                : "the checkpoint and the model on disk hold step " + savedStep + resume);
        SavedModel m = c.model();
        write(files.model(), out -> ModelFile.write(out, m), "the checkpoint holds step " + state.step() + ", the "
                + "model an earlier one" + resume);
        savedStep = state.step();
    }

    /** Writes the CSV and draws the PNG (if due); a failure is reported once and training goes on. */
    private void curve(boolean last) {
        beforeFirstWrite.run();
        try {
            curve.writeCsv(files.csv());
        } catch (IOException e) {
            if (!curveWarned) {
                curveWarned = true;
                progress.message("rnn4j train: could not write the loss curve " + files.csv() + ": "
                        + RunOutputs.reason(e) + " (training goes on)");
            }
        }
        long now = System.nanoTime();
        if (!plotted || !last && drawn && now - plottedAt < PLOT_SECONDS * 1_000_000_000L) {
            return;
        }
        drawn = true;
        plottedAt = now;
        try {
            LossPlot.write(curve, title, files.plot());
        } catch (IOException | RuntimeException | LinkageError e) {
            plotted = false;
            progress.message("rnn4j train: could not draw the plot " + files.plot() + " (" + e
                    + "); the numbers are in " + files.csv());
        }
    }

    /** @return whether the PNG is drawn (it is not once drawing failed) */
    boolean plotted() {
        return plotted;
    }

    private void write(Path file, AtomicFile.Writer content, String onDisk) {
        try {
            writes.write(file, content);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + RunOutputs.reason(e) + "; " + onDisk, e);
        }
    }
}
