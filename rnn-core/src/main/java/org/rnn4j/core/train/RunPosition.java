package org.rnn4j.core.train;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;

/**
 * Where a {@link Trainer}'s run is, as a {@link TrainingState} saves it: the trainer's loop
 * moves it on, {@link #restore} puts it where a saved state was, {@link #state()} snapshots it.
 * {@code epoch} counts the epochs completed: the one in progress is {@code epoch + 1}, the
 * number listeners, metrics and messages show.
 */
final class RunPosition {

    int epoch;
    int batch;
    long step;
    /** The state carried out of the last batch (streams), or null for zeros. */
    List<State> carried;
    double epochLossSum;
    long epochRealSteps;
    EarlyStopping early;
    List<EpochMetrics> history = new ArrayList<>();
    double baseRate;

    /**
     * @param s the saved position
     * @param net the network trained
     * @param config the settings (early stopping's)
     * @param learningRate the optimizer's rate now: the base rate when {@code s} has none
     * @throws IllegalArgumentException if {@code s} carries states for another number of recurrent layers
     */
    void restore(TrainingState s, Network net, TrainingConfig config, double learningRate) {
        if (!s.carried().isEmpty() && s.carried().size() != net.recurrentLayers().size()) {
            throw new IllegalArgumentException("training: the state to resume carries " + s.carried().size()
                    + " layer state(s) but the network has " + net.recurrentLayers().size() + " recurrent layer(s)");
        }
        epoch = s.epoch();
        batch = s.batch();
        step = s.step();
        carried = s.carried().isEmpty() ? null : new ArrayList<>(s.carried());
        epochLossSum = s.epochLossSum();
        epochRealSteps = s.epochRealSteps();
        early = new EarlyStopping(config.patience(), config.minDelta(), s.bestValidationLoss(), s.epochsWithoutImprovement());
        history = new ArrayList<>(s.history());
        baseRate = Double.isNaN(s.baseLearningRate()) ? learningRate : s.baseLearningRate();
    }

    /** @return a snapshot (copies) */
    TrainingState state() {
        return new TrainingState(epoch, batch, step, carried == null ? List.of() : carried, epochLossSum,
                epochRealSteps, early.best(), early.waited(), history, baseRate);
    }

    /** Moves on to the start of the next epoch. */
    void nextEpoch() {
        epoch++;
        batch = 0;
        carried = null;
        epochLossSum = 0;
        epochRealSteps = 0;
    }
}
