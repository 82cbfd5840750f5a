package org.rnn4j.core.train;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.State;

/**
 * Where a training run is: with the network's parameters, the optimizer's state and the
 * {@link TrainingConfig}, everything needed to continue it bit for bit (a checkpoint holds
 * these). There is no generator state of the trainer's to keep: epoch e's shuffle is drawn
 * from a generator derived from (seed, e), so the position alone replays it. Nor of dropout's:
 * the masks of step s are a function of the network's seed and s, which the trainer sets before
 * each step ({@link org.rnn4j.core.Network#setDropoutPosition}), so a resume into a rebuilt
 * network draws the masks of the uninterrupted run.
 *
 * @param epoch the epochs completed (0 in the first epoch): the epoch in progress is number
 *     {@code epoch + 1}, as {@link EpochMetrics#epoch()} and the listeners count it
 * @param batch the next batch of that epoch (0 .. batches per epoch; equal to it when the
 *     epoch's batches are done but its end, validation included, has not run)
 * @param step optimizer steps done in all
 * @param carried the recurrent states to start batch {@code batch} from (stream datasets), or
 *     an empty list for zeros
 * @param epochLossSum the sum of (loss per real step x real steps) over the epoch's batches so far
 * @param epochRealSteps the real steps of those batches
 * @param bestValidationLoss early stopping's best validation loss so far (+inf at first)
 * @param epochsWithoutImprovement early stopping's count of epochs without improvement
 * @param history the metrics of the epochs ended so far
 * @param baseLearningRate the schedule's base rate (the optimizer's rate when the run began),
 *     NaN before a run has begun (the trainer then takes the optimizer's rate)
 */
public record TrainingState(int epoch, int batch, long step, List<State> carried, double epochLossSum,
        long epochRealSteps, double bestValidationLoss, int epochsWithoutImprovement, List<EpochMetrics> history,
        double baseLearningRate) {

    /** Checks the numbers and copies the lists (the states deeply). */
    public TrainingState {
        if (epoch < 0 || batch < 0 || step < 0 || epochRealSteps < 0 || epochsWithoutImprovement < 0) {
            throw new IllegalArgumentException("a training state needs epoch, batch, step and counts >= 0, got epoch "
                    + epoch + ", batch " + batch + ", step " + step);
        }
        List<State> c = new ArrayList<>();
        for (State s : carried) {
            c.add(s.copy());
        }
        carried = List.copyOf(c);
        history = List.copyOf(history);
    }

    /** @return the state of a run that has not started */
    public static TrainingState start() {
        return new TrainingState(0, 0, 0, List.of(), 0, 0, Double.POSITIVE_INFINITY, 0, List.of(), Double.NaN);
    }
}
