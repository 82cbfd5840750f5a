package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Activation;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.core.UnknownPluginException;

/**
 * A model that names a plug-in which is not installed fails to load with one line that says
 * which plug-in (kind and name) is missing and how to make it available; a name from a crafted
 * file reaches that line escaped.
 */
class MissingPluginTest {

    /** x sigmoid(x), installed only where a test says so. */
    private static final Activation SWISH = new Activation() {
        @Override
        public String name() {
            return "swish";
        }

        @Override
        public double apply(double x) {
            return x / (1 + Math.exp(-x));
        }

        @Override
        public double derivative(double x, double y) {
            double s = 1 / (1 + Math.exp(-x));
            return s + y * (1 - s);
        }
    };

    private static byte[] swishModel(Registry withSwish) {
        Network net = Network.builder(withSwish).input(5)
                .recurrent("elman", 3, Map.of("activation", "swish"))
                .output(5).loss("softmax_cross_entropy").seed(4).build();
        return ModelFile.toBytes(new SavedModel(net, Nets.VOCABULARY));
    }

    @Test
    void aModelWhoseActivationIsNotInstalledSaysWhichAndHowToInstallIt() {
        Registry withSwish = Nets.REGISTRY.toBuilder().add(SWISH).build();
        byte[] file = swishModel(withSwish);

        InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(file, Nets.REGISTRY));

        BrokenFilesTest.assertOneLine(e.getMessage(), "<bytes>: ", "no activation named 'swish' is installed");
        assertTrue(e.getMessage().contains("to make activation 'swish' available, put the jar of the plug-in that "
                + "provides it on the module path or class path of your program, or run "
                + "RNN4J_PLUGINS=path/to/plugin.jar ./rnn4j ..."), e.getMessage());
        UnknownPluginException cause = assertInstanceOf(UnknownPluginException.class, e.getCause());
        assertEquals("activation", cause.kind());
        assertEquals("swish", cause.name());
        assertEquals(3, ModelFile.fromBytes(file, withSwish).network().recurrentLayers().get(0).stateSizes()[0],
                "with the plug-in installed the same file loads");
    }

    @Test
    void aLayerKindFromACraftedFileIsEscapedInTheMessage() {
        RawFile r = RawFile.parse(BrokenFiles.validUniform());
        r.metadata().put("layers", ((String) r.metadata().get("layers")).replace("elman", "\\u001b[31mevil\\u009b2J"));

        InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(r.bytes(), Nets.REGISTRY));

        BrokenFilesTest.assertOneLine(e.getMessage(), "<bytes>: ",
                "no layer named '\\u001b[31mevil\\u009b2J' is installed");
        assertTrue(e.getMessage().contains("to make layer '\\u001b[31mevil\\u009b2J' available"), e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(c -> c == 0x1b || c == 0x9b), e.getMessage());
    }
}
