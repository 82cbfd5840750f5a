/**
 * The rnn4j examples and command line: the tutorial reproduced, and the {@code rnn4j} launcher's
 * subcommands. Activations and optimizers arrive at run time through the registry.
 */
module org.rnn4j.examples {
    requires transitive org.rnn4j.core;
    requires info.picocli;
    requires com.fasterxml.jackson.jr.ob;

    exports org.rnn4j.examples.tutorial;
    exports org.rnn4j.examples.cli;

    opens org.rnn4j.examples.cli to info.picocli;
}
