package org.rnn4j.examples.tasks;

import org.rnn4j.api.Sequence;

/**
 * A batch of sequences with one target row per sequence: what a network with a sequence head
 * trains on.
 *
 * @param x the inputs, T x B x features, padded (masked) when the sequences differ in length
 * @param target 1 x B x width: the numbers to regress, or one class index per sequence
 */
public record LabelledBatch(Sequence x, Sequence target) {
}
