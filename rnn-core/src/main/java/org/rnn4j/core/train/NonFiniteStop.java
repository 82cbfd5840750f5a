package org.rnn4j.core.train;

import java.util.List;
import org.rnn4j.api.State;

/**
 * The {@link StopReason#NON_FINITE} stops of a {@link Trainer}: where a NaN or an infinity came
 * from, and a one-line message for each with advice that fits its cause.
 *
 * <p>Epochs are numbered from 1, as {@link EpochMetrics#epoch()}, the progress and every message
 * number them, so that a stop message and the progress line above it name the same epoch.
 */
final class NonFiniteStop {

    private NonFiniteStop() {
    }

    /**
     * @param states the states carried out of a batch (or a chunk), one per recurrent layer
     * @return where the first NaN or infinity is ("Infinity in layer 0's state block 0 at 3"), or
     *     null if every value is finite
     */
    static String firstNonFinite(List<State> states) {
        for (int l = 0; l < states.size(); l++) {
            State s = states.get(l);
            for (int b = 0; b < s.parts().length; b++) {
                double[] v = s.part(b);
                for (int i = 0; i < v.length; i++) {
                    if (!Double.isFinite(v[i])) {
                        return v[i] + " in recurrent layer " + l + "'s state block " + b + " at " + i;
                    }
                }
            }
        }
        return null;
    }

    /**
     * A step whose loss, gradient norm or carried state is not finite; the step is not taken.
     *
     * @param epoch the epoch, from 1
     * @param batch the batch of the epoch, from 0
     * @param step the steps done so far (the stopped one is step + 1)
     * @param loss the batch's loss
     * @param norm the gradient norm before clipping
     * @param carriedState where the state carried out of the batch (or from one of its chunks to the
     *     next) is not finite, or null
     * @return the message
     */
    static String beforeStep(int epoch, int batch, long step, double loss, double norm, String carriedState) {
        String what;
        String advice;
        if (carriedState != null) {
            what = "the recurrent state overflowed while carried through the data (" + carriedState + ")";
            advice = "Try a lower learning rate or gradient clipping; a bounded activation (tanh) keeps the state "
                    + "from growing without limit.";
        } else {
            what = !Double.isFinite(loss) ? "the loss is " + loss : "the gradient norm is " + norm;
            advice = "Try a lower learning rate or gradient clipping.";
        }
        if (step == 0) {
            advice = "No step was taken yet, so the learning rate is not the cause: check the network's initial "
                    + "weights and the data.";
        }
        return at(epoch, batch, step) + what + notApplied(step) + advice;
    }

    /**
     * A step the optimizer refused because it would have made a value or its state non-finite.
     *
     * @param epoch the epoch, from 1
     * @param batch the batch of the epoch, from 0
     * @param step the steps done so far
     * @param refusal the optimizer's description, from {@code Optimizer.stepIfFinite}
     * @param loss the batch's loss (finite)
     * @param norm the gradient norm before clipping (finite)
     * @return the message
     */
    static String refusedStep(int epoch, int batch, long step, String refusal, double loss, double norm) {
        String advice = refusal.startsWith("parameter")
                ? "The update is too large for the numbers: try a lower learning rate."
                : "The gradients are too large for the optimizer's running statistics: try gradient clipping (or a "
                        + "lower clip norm) or check the optimizer's settings.";
        return at(epoch, batch, step) + "the optimizer's update was refused: " + refusal + " (the loss " + loss
                + " and the gradient norm " + norm + " were finite)" + notApplied(step) + advice;
    }

    /**
     * A non-finite validation loss after an epoch; the steps stay applied.
     *
     * @param epoch the epoch that ended, from 1
     * @param step the steps done
     * @param loss the validation loss
     * @return the message
     */
    static String validation(int epoch, long step, double loss) {
        return "training stopped after epoch " + epoch + " (step " + step + "): the validation loss is "
                + loss + ": the network's values are finite but it diverges on the validation data. The parameters "
                + "are those after step " + step + ". Try a lower learning rate or gradient clipping.";
    }

    private static String at(int epoch, int batch, long step) {
        return "training stopped at epoch " + epoch + ", batch " + (batch + 1) + " (step " + (step + 1)
                + "): ";
    }

    private static String notApplied(long step) {
        return ". The step was not applied: the parameters and the optimizer's state are those after step " + step
                + (step == 0 ? " (the initial ones)" : "") + ". ";
    }
}
