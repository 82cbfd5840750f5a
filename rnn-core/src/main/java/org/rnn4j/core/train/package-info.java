/**
 * Training: gradient clipping ({@link org.rnn4j.core.train.ClipByNorm},
 * {@link org.rnn4j.core.train.ClipByValue}), learning-rate schedules
 * ({@link org.rnn4j.core.train.StepDecay}, {@link org.rnn4j.core.train.ExponentialDecay}),
 * truncated BPTT ({@link org.rnn4j.core.train.TruncatedBptt}), datasets of independent
 * variable-length sequences in masked batches ({@link org.rnn4j.core.train.SequenceDataset}) and
 * of char-rnn streams with carried state ({@link org.rnn4j.core.train.StreamDataset}), and the
 * {@link org.rnn4j.core.train.Trainer} loop with its listeners, metrics and early stopping.
 *
 * <p>Everything random is drawn from generators derived from seeds, so the same seeds give
 * bit-identical parameters, and a run resumes from a {@link org.rnn4j.core.train.TrainingState}.
 */
package org.rnn4j.core.train;
