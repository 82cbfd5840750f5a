package org.rnn4j.core.train;

import java.util.List;
import org.rnn4j.api.State;

/**
 * Where a {@link Trainer} gets a step's loss and gradient from, when not from its own network on
 * this thread: for example from the workers of a cluster (rnn-spark). Everything else of the
 * step (clipping, the non-finite check, the optimizer, listeners, validation) stays the
 * trainer's, so a run through this hook is the trainer's run with the gradient computed
 * elsewhere.
 *
 * <p>The contract: {@link #gradients} leaves in every parameter's {@code grad()} of the
 * trainer's network what the trainer's own (truncated, if its config says so) BPTT of the batch
 * would leave there, with the network's reduction, and returns that loss; {@link #finalStates}
 * then gives the states the batch's rows end in. Up to floating-point summation order, the run
 * is then the one-process run.
 */
public interface BatchGradients {

    /**
     * @param batch the global batch, valid during this call only
     * @param initial one state per recurrent layer (over the batch's rows) to start from, or
     *     null for zeros
     * @return the batch's loss, reduced as the network reduces
     */
    double gradients(Batch batch, List<State> initial);

    /**
     * @return the states of the last batch's rows after its last step, one per recurrent layer
     */
    List<State> finalStates();
}
