/**
 * A small seeded property runner in plain Java: {@link org.rnn4j.testkit.property.Gen generators}
 * that draw cases from a {@link java.util.SplittableRandom} and propose simpler ones,
 * {@link org.rnn4j.testkit.property.Property properties} that pair a generator with a check, and
 * a {@link org.rnn4j.testkit.property.PropertyRunner runner} that tries N cases, shrinks the first
 * failing one and reports it with the seed that replays it.
 *
 * <p>Nothing here depends on a test framework: a check fails by throwing, and a result is a
 * value. The JUnit Jupiter front end is {@link org.rnn4j.testkit.PluginChecks}; any other
 * property-testing front end could drive the same generators and checks.
 */
package org.rnn4j.testkit.property;
