package org.rnn4j.core.train;

import org.rnn4j.api.Sequence;

/**
 * One mini-batch: inputs and per-step targets, time-major T x B, with the mask of the inputs
 * marking real steps (padded steps add nothing to loss or gradients).
 *
 * @param input T x B x I, possibly masked
 * @param target T x B x O, same T and B
 * @param examples for a batch of independent sequences, the example index of each of the B
 *     rows (to match per-sequence initial and final states, see {@link BatchStates}); for a
 *     stream batch, the stream numbers 0 .. B-1
 */
public record Batch(Sequence input, Sequence target, int[] examples) {

    /** Checks that input and target agree in T and B. */
    public Batch {
        if (input.steps() != target.steps() || input.batch() != target.batch()) {
            throw new IllegalArgumentException("a batch needs inputs and targets of the same steps x batch, got "
                    + input.shape() + " and " + target.shape());
        }
        if (examples.length != input.batch()) {
            throw new IllegalArgumentException("a batch of " + input.batch() + " sequences needs "
                    + input.batch() + " example indices, got " + examples.length);
        }
    }

    /** @return the number of real (unmasked) steps over all sequences: characters for text */
    public int realSteps() {
        if (input.mask() == null) {
            return input.rows();
        }
        int n = 0;
        for (boolean m : input.mask()) {
            n += m ? 1 : 0;
        }
        return n;
    }
}
