package org.rnn4j.examples.plugin;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.testkit.PluginChecks;

/** The whole test a plug-in author writes: the kit checks swish's declaration, derivative, bulk methods and stacks. */
class SwishProperties {

    @TestFactory
    Stream<DynamicNode> swish() {
        return PluginChecks.activation(new Swish());
    }
}
