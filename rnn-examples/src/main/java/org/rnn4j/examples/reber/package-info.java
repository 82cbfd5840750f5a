/**
 * The embedded Reber grammar, the default task of {@code ./rnn4j train}: the grammar (generator,
 * recogniser and the successors allowed after any prefix), its strings as a next-symbol
 * prediction dataset, and the measures of a trained model (sampled strings the grammar accepts,
 * next-symbol accuracy, accuracy where the long-range memory is needed).
 */
package org.rnn4j.examples.reber;
