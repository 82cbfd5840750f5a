package org.rnn4j.core.train;

import java.util.List;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;

/**
 * Where a {@link Trainer}'s step gets its loss and gradient: the network's full BPTT of the
 * batch on this thread, truncated BPTT in chunks ({@link TrainingConfig#truncation}), or another
 * source such as a cluster's workers ({@link Trainer#gradientsFrom}); and the states the batch's
 * rows end in, to carry into the next batch.
 */
final class StepGradients {

    private final Network net;
    private final TruncatedBptt truncated;
    private BatchGradients elsewhere;

    /**
     * @param net the network trained
     * @param truncation the chunk length of truncated BPTT, or 0 for full BPTT
     */
    StepGradients(Network net, int truncation) {
        this.net = net;
        this.truncated = truncation > 0 ? new TruncatedBptt(truncation) : null;
    }

    /** @param source where gradients come from, or null for this thread's BPTT */
    void from(BatchGradients source) {
        this.elsewhere = source;
    }

    /** @return whether the batches are cut into chunks (truncated BPTT) */
    boolean truncates() {
        return truncated != null;
    }

    /**
     * BPTT (or truncated BPTT) of one batch, drawing the dropout masks of {@code step}.
     *
     * @param b the batch
     * @param initial the state carried in, or null for zeros
     * @param step the training step
     * @return the batch's loss, reduced as the network reduces
     */
    double of(Batch b, List<State> initial, long step) {
        net.setDropoutPosition(step, 0); // the step's masks, however many forwards ran before
        if (elsewhere != null) {
            return elsewhere.gradients(b, initial);
        }
        return truncated != null ? truncated.gradients(net, b.input(), b.target(), initial)
                : net.parameterGradients(b.input(), b.target(), initial);
    }

    /** @return the states after the batch just run, to carry into the next */
    List<State> statesAfterBatch() {
        if (elsewhere != null) {
            return elsewhere.finalStates();
        }
        return truncated != null ? truncated.finalStates() : net.finalStates();
    }
}
