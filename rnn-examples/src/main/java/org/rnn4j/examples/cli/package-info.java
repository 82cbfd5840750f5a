/** The {@code rnn4j} command line (picocli): {@code tutorial}, {@code plugins}, and more to come. */
package org.rnn4j.examples.cli;
