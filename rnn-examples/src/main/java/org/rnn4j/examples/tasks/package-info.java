/**
 * Sequence tasks from the literature, generated from a seed, that a network with a sequence head
 * learns: the adding problem (regression of one number per sequence) and the recognition of
 * embedded Reber strings (classification of whole sequences). Each has a {@code main} that
 * trains and prints its test figures, and a test that it is learned.
 */
package org.rnn4j.examples.tasks;
