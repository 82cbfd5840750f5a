package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Options;
import org.rnn4j.core.Network;
import org.rnn4j.core.Plugin;
import org.rnn4j.core.Registry;

/**
 * A model file's {@code nonlinearity} comes from the setting the user gave, else from the default
 * the layer kind declares ({@link LayerProvider#defaultOptions()}), never from a table of the
 * built-in layers' defaults kept in the file code: an {@code elman} kind installed in place of
 * rnn4j's, whose activation defaults to relu, gets {@code relu}.
 */
class DeclaredDefaultsTest {

    @Test
    void theNonlinearityIsTheDefaultTheInstalledKindDeclares() {
        Registry registry = withElman(new ElmanDefaulting("relu", true));
        Network net = Network.builder(registry).input(2).recurrent("elman", 3).output(2).seed(5).build();
        byte[] bytes = ModelFile.toBytes(SavedModel.of(net));
        assertEquals("relu", RawFile.parse(bytes).metadata().get("nonlinearity"));
        Network back = ModelFile.fromBytes(bytes, registry).network();
        assertArrayEquals(net.parameters().get(0).value(), back.parameters().get(0).value());
    }

    @Test
    void aKindThatDeclaresNoDefaultGetsNoNonlinearity() {
        Registry registry = withElman(new ElmanDefaulting("relu", false));
        Network net = Network.builder(registry).input(2).recurrent("elman", 3).output(2).seed(5).build();
        byte[] bytes = ModelFile.toBytes(SavedModel.of(net));
        assertNull(RawFile.parse(bytes).metadata().get("nonlinearity"));
        assertEquals(net.architecture(), ModelFile.fromBytes(bytes, registry).network().architecture());
    }

    /** The installed plug-ins with {@code elman} replaced. */
    private static Registry withElman(LayerProvider elman) {
        Registry installed = Registry.installed();
        Registry.Builder b = Registry.builder();
        installed.activations().forEach(p -> b.add(p.instance()));
        installed.losses().forEach(p -> b.add(p.instance()));
        installed.optimizers().forEach(p -> b.add(p.instance()));
        for (Plugin<LayerProvider> p : installed.layers()) {
            b.add(p.name().equals("elman") ? elman : p.instance());
        }
        return b.build();
    }

    /** rnn4j's elman with another default activation, declared or not. */
    private static final class ElmanDefaulting implements LayerProvider {
        private final LayerProvider elman = Registry.installed().layer("elman");
        private final String activation;
        private final boolean declared;

        ElmanDefaulting(String activation, boolean declared) {
            this.activation = activation;
            this.declared = declared;
        }

        @Override
        public String name() {
            return "elman";
        }

        @Override
        public boolean recurrent() {
            return true;
        }

        @Override
        public Layer create(LayerSpec spec) {
            Options o = spec.options().asMap().containsKey("activation") ? spec.options()
                    : spec.options().with("activation", activation);
            return elman.create(new LayerSpec(spec.kind(), spec.inputSize(), spec.outputSize(), o,
                    spec.activations(), spec.random(), spec.precision()));
        }

        @Override
        public Optional<Map<String, long[]>> parameterShapes(int inputSize, int outputSize, Options options) {
            return elman.parameterShapes(inputSize, outputSize, options);
        }

        @Override
        public Map<String, String> defaultOptions() {
            return declared ? Map.of("activation", activation, "bias", "true") : Map.of();
        }
    }
}
