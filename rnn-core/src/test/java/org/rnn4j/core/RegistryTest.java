package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Activation;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.Loss;

class RegistryTest {

    private static final Registry REGISTRY = Registry.installed();

    @Test
    void findsBuiltInsWithTheirModules() {
        assertEquals("sigmoid", REGISTRY.activation("sigmoid").name());
        assertEquals(List.of("dense", "elman", "embedding", "gru", "last_step", "lstm", "max_pool", "mean_pool"),
                REGISTRY.layers().stream().map(Plugin::name).toList());
        assertTrue(REGISTRY.losses().stream().map(Plugin::name).toList()
                .containsAll(List.of("half_sse", "mse", "softmax_cross_entropy")));
        for (Plugin<LayerProvider> p : REGISTRY.layers()) {
            assertEquals("org.rnn4j.core", p.module(), p.name());
        }
        for (Plugin<Activation> p : REGISTRY.activations()) {
            assertEquals("org.rnn4j.activations", p.module(), p.name());
        }
    }

    @Test
    void unknownNameListsWhatIsInstalled() {
        UnknownPluginException e = assertThrows(UnknownPluginException.class, () -> REGISTRY.activation("sigmod"));
        assertTrue(e.getMessage().contains("no activation named 'sigmod'"), e.getMessage());
        assertTrue(e.getMessage().contains("installed activations: elu, hard_sigmoid, identity, leaky_relu, relu, "
                + "sigmoid, softplus, softsign, tanh (org.rnn4j.activations);"), e.getMessage());
        UnknownPluginException l = assertThrows(UnknownPluginException.class, () -> REGISTRY.loss("hinge"));
        assertTrue(l.getMessage().contains("half_sse, huber, mae, mse, softmax_cross_entropy, "
                + "sparse_softmax_cross_entropy (org.rnn4j.core)"), l.getMessage());
        assertThrows(UnknownPluginException.class, () -> REGISTRY.layer("lsmt"));
        assertThrows(UnknownPluginException.class, () -> REGISTRY.optimizer("adamm"));
    }

    @Test
    void unknownNameSaysHowToInstallAPlugin() {
        UnknownPluginException e = assertThrows(UnknownPluginException.class, () -> REGISTRY.loss("hinge"));
        assertTrue(e.getMessage().endsWith("; to make loss 'hinge' available, put the jar of the plug-in that "
                + "provides it on the module path or class path of your program, or run "
                + "RNN4J_PLUGINS=path/to/plugin.jar ./rnn4j ..."), e.getMessage());
        assertEquals("loss", e.kind());
        assertEquals("hinge", e.name());
    }

    @Test
    void everyNameInTheMessagesIsEscaped() {
        String evil = "\u001b[31mevil\u009b2J\u202e\n";
        UnknownPluginException e = assertThrows(UnknownPluginException.class, () -> REGISTRY.layer(evil));
        assertTrue(e.getMessage().startsWith("no layer named '\\u001b[31mevil\\u009b2J\\u202e\\u000a' is installed"),
                e.getMessage());
        assertEquals(evil, e.name(), "the exception keeps the name as asked for");

        Activation named = rename(REGISTRY.activation("tanh"), "tanh\u0007");
        Registry odd = Registry.builder().add(named).build();
        e = assertThrows(UnknownPluginException.class, () -> odd.activation("relu"));
        assertTrue(e.getMessage().contains("installed activations: tanh\\u0007 ("), e.getMessage());

        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> Registry.builder().add(named).add(rename(named, named.name())).build());
        assertTrue(twice.getMessage().contains("two activations are named 'tanh\\u0007'"), twice.getMessage());
        for (String m : new String[] {e.getMessage(), twice.getMessage()}) {
            assertTrue(m.chars().allMatch(c -> c >= 0x20 && c != 0x7f), m);
        }
    }

    private static Activation rename(Activation a, String name) {
        return new Activation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double apply(double x) {
                return a.apply(x);
            }

            @Override
            public double derivative(double x, double y) {
                return a.derivative(x, y);
            }
        };
    }

    @Test
    void twoPluginsWithOneNameAreRejected() {
        Loss twin = REGISTRY.loss("mse");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> REGISTRY.toBuilder().add(twin).build());
        assertTrue(e.getMessage().contains("two losses are named 'mse'"), e.getMessage());
    }

    @Test
    void replacePlantsAVariant() {
        Activation fake = new Activation() {
            @Override
            public String name() {
                return "sigmoid";
            }

            @Override
            public double apply(double x) {
                return x;
            }

            @Override
            public double derivative(double x, double y) {
                return 1;
            }
        };
        Registry r = REGISTRY.toBuilder().replace(fake).build();
        assertEquals(0.25, r.activation("sigmoid").apply(0.25));
        assertEquals(0.5, REGISTRY.activation("sigmoid").apply(0.0));
    }
}
