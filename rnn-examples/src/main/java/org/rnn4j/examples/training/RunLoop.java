package org.rnn4j.examples.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingResult;
import org.rnn4j.io.model.Checkpoint;

/**
 * What every run of {@code ./rnn4j train} does around its trainer, a text or Reber run
 * ({@link TrainRun}) as a {@code --data} run ({@link TaskRun}): the loss curve carried on from
 * the interrupted run, the listeners that record it, show the progress and write every file at
 * each save point, a stop at the next step boundary when one is requested, and after training
 * the last save point and the kept epoch's model.
 */
final class RunLoop {

    private RunLoop() {
    }

    /**
     * How the trainer's part of a run ended.
     *
     * @param result the trainer's result
     * @param stopped whether a stop was requested and the run saved where it was
     * @param saved whether the files were written ({@link #saves})
     * @param seconds the wall time of training
     * @param kept the epoch whose weights the model holds (the restored best one, else the last), or null
     */
    record Ended(TrainingResult result, boolean stopped, boolean saved, double seconds, EpochMetrics kept) {

        /** @return the kept epoch's training loss, NaN without an epoch */
        double trainLoss() {
            return kept == null ? Double.NaN : kept.trainLoss();
        }

        /** @return the kept epoch's validation loss, NaN without an epoch or validation */
        double valLoss() {
            return kept == null ? Double.NaN : kept.validationLoss();
        }
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
     * @param from the checkpoint a run resumes, or null for a new run
     * @param curveFrom the interrupted run's CSV
     * @param upTo the checkpoint's step
     * @return the recorder of the run's loss curve: the interrupted run's up to the checkpoint
     *     (empty if its CSV is gone) with the epoch in progress restored, or a new one
     */
    static CurveRecorder recorder(Checkpoint from, Path curveFrom, long upTo) {
        if (from == null) {
            return new CurveRecorder(new LossCurve());
        }
        LossCurve curve;
        try {
            curve = LossCurve.readCsv(curveFrom, upTo);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the loss curve " + curveFrom + ": " + e.getMessage(), e);
        }
        CurveRecorder recorder = new CurveRecorder(curve);
        recorder.restore(from.position());
        return recorder;
    }

    /**
     * Adds the listeners every run has, in this order: the curve, the progress, the saver, and
     * the end of training as the last save point. The trainer calls {@code onTrainEnd} before
     * it puts the best epoch's weights back, so the checkpoint holds the last state and a resume
     * continues exactly; a run with no good step of its own writes nothing ({@link #saves}).
     *
     * @param trainer the run's trainer
     * @param recorder its curve
     * @param progress what shows its progress
     * @param saver what writes its files
     * @param startStep the step it starts from
     */
    static void listen(Trainer trainer, CurveRecorder recorder, Progress progress, RunSaver saver, long startStep) {
        trainer.addListener(recorder).addListener(progress).addListener(saver);
        trainer.addListener(new TrainingListener() {
            @Override
            public void onTrainEnd(TrainingResult r) {
                if (saves(r, startStep)) {
                    saver.finish(r.state());
                }
            }
        });
    }

    /**
     * Adds the stop at a step boundary (the last listener), trains, and writes what the end of
     * training did not: the last save point of a stopped run, and the model of the kept epoch
     * ({@code restoreBestWeights}), put back after the last save point.
     *
     * @param trainer the run's trainer, its other listeners added
     * @param stopRequested polled after every step
     * @param progress what shows its progress (ended here when a stop cuts the trainer short)
     * @param saver what writes its files
     * @param startStep the step it starts from
     * @param training what trains: the trainer's {@code resume} on the run's data
     * @return how it ended
     */
    static Ended run(Trainer trainer, BooleanSupplier stopRequested, Progress progress, RunSaver saver,
            long startStep, Supplier<TrainingResult> training) {
        trainer.addListener(new StopAtStep(trainer, stopRequested));
        long started = System.nanoTime();
        TrainingResult result;
        boolean stopped = false;
        try {
            result = training.get();
        } catch (StopAtStep.Stopped s) {
            stopped = true;
            result = s.result();
            progress.onTrainEnd(result); // the trainer did not get to it: the bar ends here
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean saved = saves(result, startStep);
        if (stopped && saved) {
            saver.finish(result.state()); // the trainer's end, where the last save point is, did not come
        }
        if (saved && result.restored() != null) {
            saver.saveModel(); // the best epoch's weights, put back after the last save point
        }
        return new Ended(result, stopped, saved, seconds,
                result.restored() != null ? result.restored() : result.lastEpoch());
    }
}
