package com.example.mish;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.testkit.PluginChecks;

/** The kit's checks of mish: declaration, derivative, bulk methods, random stacks. */
class MishProperties {

    @TestFactory
    Stream<DynamicNode> mish() {
        return PluginChecks.activation(new Mish());
    }
}
