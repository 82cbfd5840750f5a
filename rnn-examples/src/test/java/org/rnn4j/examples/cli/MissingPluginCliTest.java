package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Activation;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/**
 * A model whose activation is not installed: {@code inspect} and {@code sample} exit 2 with one
 * line naming the plug-in and saying how to install it.
 */
class MissingPluginCliTest {

    @TempDir
    Path dir;

    /** x tanh(softplus(x)), which no module of rnn4j installs. */
    private static final Activation MISH = new Activation() {
        @Override
        public String name() {
            return "mish";
        }

        @Override
        public double apply(double x) {
            return x * Math.tanh(Math.log1p(Math.exp(x)));
        }

        @Override
        public double derivative(double x, double y) {
            double t = Math.tanh(Math.log1p(Math.exp(x)));
            return t + x * (1 - t * t) / (1 + Math.exp(-x));
        }
    };

    @Test
    void inspectAndSampleNameTheMissingPluginAndHowToInstallIt() throws Exception {
        Registry withMish = Registry.installed().toBuilder().add(MISH).build();
        Network net = Network.builder(withMish).input(3).recurrent("elman", 2, Map.of("activation", "mish")).output(3)
                .build();
        Path model = dir.resolve("mish.safetensors");
        ModelFile.save(model, new SavedModel(net, "abc"));

        for (String[] args : new String[][] {{"inspect", model.toString()}, {"sample", "--model", model.toString()}}) {
            String[] r = Cli.run(args);
            String err = r[2];
            assertEquals("2", r[0], String.join(" ", args) + "\n" + r[1] + err);
            assertEquals(1, err.strip().lines().count(), "one line: " + err);
            assertTrue(err.contains("no activation named 'mish' is installed"), err);
            assertTrue(err.contains("to make activation 'mish' available, put the jar of the plug-in that provides it on"
                    + " the module path or class path of your program, or run RNN4J_PLUGINS=path/to/plugin.jar ./rnn4j"),
                    err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        }
    }
}
