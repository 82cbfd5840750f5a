package org.rnn4j.testkit;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.Suite;

/**
 * Every installed layer kind through the kit: gradients of parameters, input and initial state
 * through BPTT on a probe loss, accumulation, shapes, state carried across calls, and random
 * stacks made of it. New kinds (LSTM, GRU) are covered as soon as they are installed.
 */
class LayersProperties {

    @TestFactory
    Stream<DynamicNode> everyInstalledLayer() {
        Registry installed = Registry.installed();
        return PluginChecks.tests(installed.layers().stream()
                .map(p -> Suite.layer(p.instance(), installed, true)).toList());
    }
}
