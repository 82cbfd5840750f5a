/**
 * Numeric sequences from CSV files: {@link org.rnn4j.io.csv.SequenceCsv} reads the long format
 * of sequence classification, regression and tagging (one row per time step, an id column
 * grouping the rows into sequences), {@link org.rnn4j.io.csv.SeriesCsv} one series for
 * forecasting, and {@link org.rnn4j.io.csv.CsvWriter} writes both back. Parsing is Apache
 * Commons CSV's (RFC 4180); every malformed input is a
 * {@link org.rnn4j.io.data.DataFileException} whose one-line message names the file, the line,
 * the column and what is allowed.
 */
package org.rnn4j.io.csv;
