/**
 * Numeric sequence data as values, whatever file or generator it came from:
 * {@link org.rnn4j.io.data.SequenceTable} (sequences with a class, a number or a class per step),
 * {@link org.rnn4j.io.data.Series} and its {@link org.rnn4j.io.data.ForecastWindows}; the splits
 * that hold data out ({@link org.rnn4j.io.data.SequenceSplit} by whole sequences, seeded and
 * stratified for classes; {@link org.rnn4j.io.data.WindowSplit} in time, with no future data in
 * training); feature standardisation fitted on the training part
 * ({@link org.rnn4j.io.data.Standardizer}); and the adapter to the trainer's per-step
 * {@link org.rnn4j.core.train.Dataset}. Errors located in a file are
 * {@link org.rnn4j.io.data.DataFileException}s.
 */
package org.rnn4j.io.data;
