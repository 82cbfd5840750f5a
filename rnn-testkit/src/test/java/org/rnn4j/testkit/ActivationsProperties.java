package org.rnn4j.testkit;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.Suite;

/**
 * Every installed activation through the kit: declaration, derivative across the domain, bulk
 * methods, and random stacks with it in every activation slot ({@code -Drnn4j.tries} cases each).
 * rnn-activations cannot run this itself: the kit depends on rnn-core, whose tests depend on
 * rnn-activations, and Maven forbids the cycle even in test scope.
 */
class ActivationsProperties {

    @TestFactory
    Stream<DynamicNode> everyInstalledActivation() {
        Registry installed = Registry.installed();
        return PluginChecks.tests(installed.activations().stream()
                .map(p -> Suite.activation(p.instance(), installed, true)).toList());
    }
}
