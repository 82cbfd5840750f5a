package org.rnn4j.testkit;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.Suite;

/** Every installed loss through the kit: gradient, perfect prediction, batches, random stacks trained with it. */
class LossesProperties {

    @TestFactory
    Stream<DynamicNode> everyInstalledLoss() {
        Registry installed = Registry.installed();
        return PluginChecks.tests(installed.losses().stream()
                .map(p -> Suite.loss(p.instance(), installed, true)).toList());
    }
}
