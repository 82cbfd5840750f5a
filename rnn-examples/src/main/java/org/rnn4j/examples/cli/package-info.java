/** The {@code rnn4j} command line (picocli): {@code tutorial}, {@code plugins}, {@code inspect}, and more to come. */
package org.rnn4j.examples.cli;
