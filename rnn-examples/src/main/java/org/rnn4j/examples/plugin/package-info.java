/**
 * A custom activation shipped as a plug-in from outside rnn-activations: {@code swish}, declared
 * with {@code provides} in this module's descriptor and a line in
 * {@code META-INF/services/org.rnn4j.api.Activation}, found by the registry like any other, used
 * by name in a stacked network ({@link org.rnn4j.examples.plugin.SwishStack}) and gradient-checked
 * by the test kit. Not exported: a plug-in is reached through its service, never by its class.
 */
package org.rnn4j.examples.plugin;
