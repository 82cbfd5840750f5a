package org.rnn4j.core.train;

import java.util.Iterator;
import java.util.List;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;

/**
 * A network's loss as a mean per real step, whatever its {@link Reduction}: of one batch, and
 * over a dataset, forward only ({@link Trainer#evaluate}).
 */
final class MeanLoss {

    private MeanLoss() {
    }

    /**
     * @param net the network, in the mode to evaluate in
     * @param data the data; the state is carried across batches for streams, from zero
     * @return the mean loss per real step; NaN once a carried state stops being finite
     */
    static double over(Network net, Dataset data) {
        double sum = 0;
        long n = 0;
        List<State> states = null;
        Iterator<Batch> it = data.epoch(null, 0);
        while (it.hasNext()) {
            Batch b = it.next();
            int real = b.lossRows();
            sum += perStep(net, net.loss(b.input(), b.target(), states), real) * real;
            n += real;
            if (data.carriesState()) {
                states = net.finalStates();
                if (NonFiniteStop.firstNonFinite(states) != null) {
                    return Double.NaN;
                }
            }
        }
        return sum / n;
    }

    /**
     * @param net the network whose reduction {@code loss} has
     * @param loss a batch's loss
     * @param real the batch's real steps (or sequences, for per-sequence targets)
     * @return the loss as a mean per real step
     */
    static double perStep(Network net, double loss, int real) {
        return net.reduction() == Reduction.SUM ? loss / real : loss;
    }
}
