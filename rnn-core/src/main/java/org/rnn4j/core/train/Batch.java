package org.rnn4j.core.train;

import org.rnn4j.api.Sequence;

/**
 * One mini-batch: inputs and targets, time-major T x B, with the mask of the inputs marking
 * real steps (padded steps add nothing to loss or gradients). The targets are per step
 * (T x B, for a network with an output at every step) or per sequence (1 x B, one row per
 * sequence, for a network with a sequence head, see {@link org.rnn4j.core.Network#head()}).
 *
 * @param input T x B x I, possibly masked
 * @param target T x B x O (per step) or 1 x B x O (per sequence), same B
 * @param examples for a batch of independent sequences, the example index of each of the B
 *     rows (to match per-sequence initial and final states, see {@link BatchStates}); for a
 *     stream batch, the stream numbers 0 .. B-1
 */
public record Batch(Sequence input, Sequence target, int[] examples) {

    /** Checks that input and target agree in T and B. */
    public Batch {
        if ((input.steps() != target.steps() && target.steps() != 1) || input.batch() != target.batch()) {
            throw new IllegalArgumentException("a batch needs targets of the inputs' steps x batch (per step) or of"
                    + " 1 x batch (per sequence), got inputs " + input.shape() + " and targets " + target.shape());
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

    /**
     * The rows the loss is taken over: the real steps for per-step targets, one per sequence
     * for per-sequence targets (the inputs having more than one step).
     *
     * @return the number of target rows that count
     */
    public int lossRows() {
        return target.steps() == input.steps() ? realSteps() : target.batch();
    }
}
