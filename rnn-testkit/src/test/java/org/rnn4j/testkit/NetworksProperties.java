package org.rnn4j.testkit;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.Suite;

/**
 * Random stacks over everything installed at once: depth 1-5, sizes 1-8, T 1-8, B 1-4, every
 * activation in every slot, every loss, both reductions, padded batches and given initial
 * states, each gradient element against central finite differences.
 */
class NetworksProperties {

    @TestFactory
    Stream<DynamicNode> randomStacksOfEverythingInstalled() {
        return PluginChecks.tests(List.of(Suite.networks(Registry.installed())));
    }
}
