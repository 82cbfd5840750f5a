/**
 * The JUnit Jupiter front end of the rnn4j test kit: {@link org.rnn4j.testkit.PluginChecks}
 * turns the kit's properties into dynamic tests, so that a plug-in author's whole test is a
 * {@code @TestFactory} of one line.
 *
 * <pre>{@code
 * class SwishProperties {
 *     @TestFactory
 *     Stream<DynamicNode> swish() {
 *         return PluginChecks.activation(new Swish());
 *     }
 * }
 * }</pre>
 */
package org.rnn4j.testkit;
