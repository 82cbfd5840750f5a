/**
 * The tutorial's hand-coded RNN ("hello", 3 sigmoid neurons) reproduced with rnn4j's own parts,
 * with its printed numbers checked and its gradient mistake explained.
 */
package org.rnn4j.examples.tutorial;
