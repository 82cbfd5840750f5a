/**
 * What the command line checks before it opens a file or allocates for a run: that an input
 * path is a regular file of a size it can hold ({@link org.rnn4j.examples.limits.InputFile}),
 * that sizes and their products fit Java's arrays, and that a run's memory fits the heap.
 */
package org.rnn4j.examples.limits;
