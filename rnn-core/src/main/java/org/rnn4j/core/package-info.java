/**
 * The rnn4j engine: the plug-in {@link org.rnn4j.core.Registry} and the stacked recurrent
 * {@link org.rnn4j.core.Network} trained by backpropagation through time.
 */
package org.rnn4j.core;
