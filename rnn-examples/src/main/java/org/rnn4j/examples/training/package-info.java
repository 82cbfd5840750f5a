/**
 * {@code ./rnn4j train}: its settings, the two tasks (the embedded Reber grammar and any UTF-8
 * text), the run (network, optimizer and the project's {@link org.rnn4j.core.train.Trainer}),
 * progress on the console, the loss curve as CSV and PNG, and checkpoints every N steps.
 */
package org.rnn4j.examples.training;
