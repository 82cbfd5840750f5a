package org.rnn4j.examples.training;

import java.util.Locale;
import java.util.function.Consumer;
import org.rnn4j.core.Network;
import org.rnn4j.core.train.Dataset;
import org.rnn4j.core.train.StepEvent;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingState;

/**
 * {@code --every N}: after every N-th step, as char-rnn's {@code eval_val_every}, the validation
 * loss (a point of the curve), a save point (the curve, the checkpoint and the model, see
 * {@link RunSaver}) and a sample in the log. The time it takes is left out of the training speed.
 */
final class EveryNSteps implements TrainingListener {

    private final int every;
    private final Trainer trainer;
    private final Network net;
    private final Dataset validation;
    private final Task task;
    private final long seed;
    private final CurveRecorder curve;
    private final Progress progress;
    private final Consumer<TrainingState> checkpoint;

    /**
     * @param every N
     * @param trainer the trainer (its state is checkpointed, it evaluates the validation data)
     * @param net the network it trains
     * @param validation the validation data, or null
     * @param task what a sample looks like
     * @param seed the run's seed (a sample's seed is it plus the step)
     * @param curve where the validation losses go
     * @param progress where the lines go
     * @param checkpoint writes a checkpoint of the given position
     */
    EveryNSteps(int every, Trainer trainer, Network net, Dataset validation, Task task, long seed, CurveRecorder curve,
            Progress progress, Consumer<TrainingState> checkpoint) {
        this.every = every;
        this.trainer = trainer;
        this.net = net;
        this.validation = validation;
        this.task = task;
        this.seed = seed;
        this.curve = curve;
        this.progress = progress;
        this.checkpoint = checkpoint;
    }

    @Override
    public void onStep(StepEvent s) {
        if (s.step() % every != 0) {
            return;
        }
        long started = System.nanoTime();
        String val = "";
        if (validation != null) {
            double loss = trainer.evaluate(validation);
            curve.validated(s.step(), s.epoch(), loss);
            progress.validated(loss);
            val = String.format(Locale.ROOT, ", validation loss %.4f", loss);
        }
        checkpoint.accept(trainer.state());
        String sample;
        try {
            sample = task.sample(net, seed + s.step());
        } catch (IllegalStateException diverged) {
            sample = "(none: " + diverged.getMessage() + ")";
        }
        progress.message(String.format(Locale.ROOT, "step %d%s, checkpoint saved; a sample:%n%s%n", s.step(), val,
                sample));
        curve.exclude(System.nanoTime() - started);
    }
}
