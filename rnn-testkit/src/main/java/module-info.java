/**
 * The rnn4j test kit for plug-in authors and for rnn4j itself: a gradient checker (central
 * differences, DL4J's pass rule), a small seeded property runner with shrinking, conformance
 * checks for every SPI, and a JUnit Jupiter front end. No property-testing library: the
 * generators are plain Java.
 *
 * <p>The cases are built from the installed plug-ins, found by name through the registry, so the
 * built-in activations and optimizers (rnn-activations, rnn-optim) are run-time dependencies of
 * the kit's artifact and are not required here: on the module path they are resolved by service
 * binding, as providers of services that org.rnn4j.core uses.
 */
module org.rnn4j.testkit {
    requires transitive org.rnn4j.core;
    requires transitive org.junit.jupiter.api;

    exports org.rnn4j.testkit;
    exports org.rnn4j.testkit.conformance;
    exports org.rnn4j.testkit.gradient;
    exports org.rnn4j.testkit.property;
}
