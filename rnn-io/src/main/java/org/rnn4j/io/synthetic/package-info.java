/**
 * Embedded benchmarks, generated from a seed (no download): the Mackey-Glass series for
 * forecasting ({@link org.rnn4j.io.synthetic.MackeyGlass}) and the temporal order problem for
 * sequence classification ({@link org.rnn4j.io.synthetic.TemporalOrder}). Each produces the very
 * values the CSV readers make of the file {@link org.rnn4j.io.csv.CsvWriter} writes of it.
 */
package org.rnn4j.io.synthetic;
