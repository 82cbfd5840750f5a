package org.rnn4j.testkit;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.rnn4j.api.Activation;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.Loss;
import org.rnn4j.api.OptimizerProvider;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.PluginProperties;
import org.rnn4j.testkit.conformance.Suite;
import org.rnn4j.testkit.conformance.Verdict;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/**
 * The kit in JUnit Jupiter: one dynamic container per plug-in, one dynamic test per property
 * (each runs {@code -Drnn4j.tries} seeded cases, shrinks the first failing one and fails with
 * the smallest case, the seed that replays it, and the culprit: the plug-in(s) that smallest case
 * cannot do without, see {@link Verdict}).
 *
 * <p>Return these from a {@code @TestFactory} method, or call an {@code assert...} method from
 * a {@code @Test}. The plug-in under test need not be installed for the gradient checks (it is
 * put into a copy of the installed registry), but the declaration check asks ServiceLoader for
 * it, so run the test where your module's {@code provides} (or services file) is in effect.
 */
public final class PluginChecks {

    private PluginChecks() {
    }

    /**
     * Every check of an activation: its declaration, its derivative across the domain, its
     * bulk methods in float64 (equal to the scalar ones) and in float32 (the scalar ones rounded
     * to float, to a few ulps: {@link org.rnn4j.testkit.conformance.Float32ActivationChecks}), and
     * random stacks with it in every activation slot (gradients against finite differences, and
     * the stacks in float32 against float64: {@link org.rnn4j.testkit.conformance.PrecisionChecks}).
     *
     * @param a the activation
     * @return the dynamic tests
     */
    public static Stream<DynamicNode> activation(Activation a) {
        return tests(List.of(Suite.activation(a, Registry.installed(), true)));
    }

    /**
     * Every check of a loss: declaration, gradient, perfect prediction, batches, random stacks
     * (gradients, and float32 against float64).
     *
     * @param l the loss
     * @return the dynamic tests
     */
    public static Stream<DynamicNode> loss(Loss l) {
        return tests(List.of(Suite.loss(l, Registry.installed(), true)));
    }

    /**
     * Every check of a layer kind: declaration, gradients through BPTT, accumulation, shapes,
     * state carried across calls, random stacks made of it (gradients, and float32 against
     * float64: a layer that computes in float32 when its {@code LayerSpec.precision()} asks must
     * agree with itself in float64 within the bound derived there).
     *
     * @param p the layer's provider
     * @return the dynamic tests
     */
    public static Stream<DynamicNode> layer(LayerProvider p) {
        return tests(List.of(Suite.layer(p, Registry.installed(), true)));
    }

    /**
     * Every generic check of an optimizer.
     *
     * @param p the optimizer's provider
     * @return the dynamic tests
     */
    public static Stream<DynamicNode> optimizer(OptimizerProvider p) {
        return tests(List.of(Suite.optimizer(p)));
    }

    /**
     * Dynamic tests for any gathered checks (for example {@link Suite#installed}).
     *
     * @param plugins the checks, by plug-in
     * @return one container per plug-in, one test per property
     */
    public static Stream<DynamicNode> tests(List<PluginProperties> plugins) {
        PropertyRunner runner = new PropertyRunner(RunSettings.fromSystemProperties());
        return plugins.stream().map(p -> DynamicContainer.dynamicContainer(p.kind() + " " + p.name(),
                p.properties().stream().map(property -> DynamicTest.dynamicTest(property.name(),
                        () -> assertPasses(Verdict.of(p, property, runner))))));
    }

    /**
     * Runs every check of an activation and fails with all reports if any fails.
     *
     * @param a the activation
     */
    public static void assertGradients(Activation a) {
        assertAll(Suite.activation(a, Registry.installed(), true));
    }

    /**
     * Runs every check of a loss and fails with all reports if any fails.
     *
     * @param l the loss
     */
    public static void assertGradients(Loss l) {
        assertAll(Suite.loss(l, Registry.installed(), true));
    }

    /**
     * Runs every check of a layer kind and fails with all reports if any fails.
     *
     * @param p the layer's provider
     */
    public static void assertGradients(LayerProvider p) {
        assertAll(Suite.layer(p, Registry.installed(), true));
    }

    /**
     * Fails with the property's report unless it passed.
     *
     * @param result a property's outcome
     */
    public static void assertPasses(PropertyResult<?> result) {
        if (!result.passed()) {
            Assertions.fail(result.report(), result.failure().error());
        }
    }

    /**
     * Fails with the property's report and the plug-in(s) the failure is blamed on, unless it passed.
     *
     * @param verdict a property's outcome, attributed
     */
    public static void assertPasses(Verdict verdict) {
        if (!verdict.passed()) {
            Assertions.fail(verdict.report(), verdict.result().failure().error());
        }
    }

    private static void assertAll(PluginProperties plugin) {
        PropertyRunner runner = new PropertyRunner(RunSettings.fromSystemProperties());
        String reports = plugin.properties().stream().map(p -> Verdict.of(plugin, p, runner)).filter(v -> !v.passed())
                .map(Verdict::report).collect(Collectors.joining("\n"));
        if (!reports.isEmpty()) {
            Assertions.fail(reports);
        }
    }
}
