/**
 * Conformance checks for every SPI, as {@link org.rnn4j.testkit.property.Property properties}
 * over seeded random cases: {@link org.rnn4j.testkit.conformance.ActivationChecks},
 * {@link org.rnn4j.testkit.conformance.LossChecks}, {@link org.rnn4j.testkit.conformance.LayerChecks},
 * {@link org.rnn4j.testkit.conformance.NetworkChecks} (random stacks) and
 * {@link org.rnn4j.testkit.conformance.OptimizerChecks}; {@link org.rnn4j.testkit.conformance.Suite}
 * gathers them for every plug-in a registry holds, and a {@link org.rnn4j.testkit.conformance.Verdict}
 * runs one and blames a failure on the plug-in(s) its smallest case cannot do without.
 *
 * <p>Every case is plain data with a readable {@code toString}; its numbers (weights, inputs,
 * targets, states) are drawn from a seed the case carries, so a case is replayable by itself.
 */
package org.rnn4j.testkit.conformance;
