import org.rnn4j.api.Activation;

/**
 * The rnn4j examples and command line: the tutorial reproduced, the {@code rnn4j} launcher's
 * subcommands (among them {@code gradcheck}, which runs the test kit over every installed
 * plug-in), and {@code swish}, a custom activation shipped as a plug-in from outside
 * rnn-activations. Activations and optimizers arrive at run time through the registry.
 *
 * @provides Activation swish
 */
@SuppressWarnings("requires-automatic") // xchart has no module-info nor Automatic-Module-Name
module org.rnn4j.examples {
    requires transitive org.rnn4j.core;
    requires org.rnn4j.testkit;
    requires org.rnn4j.io;
    requires info.picocli;
    requires com.fasterxml.jackson.jr.ob;
    requires me.tongfei.progressbar;
    requires xchart;
    requires java.desktop;
    requires java.logging;
    requires java.management;

    exports org.rnn4j.examples.tutorial;
    exports org.rnn4j.examples.cli;

    opens org.rnn4j.examples.cli to info.picocli;

    provides Activation with org.rnn4j.examples.plugin.Swish;
}
