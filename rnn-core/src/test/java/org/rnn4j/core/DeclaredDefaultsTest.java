package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.Sequence;

/**
 * A layer kind's {@link LayerProvider#defaultOptions()} are what it does when a setting is left out:
 * a file writer states them in a model file's metadata, so a declaration that disagreed with
 * {@code create} would describe a network other than the one saved.
 */
class DeclaredDefaultsTest {

    private static final Registry REGISTRY = Registry.installed();

    @Test
    void elmanDeclaresPyTorchsDefaults() {
        assertEquals(Map.of("activation", "tanh", "bias", "true"), REGISTRY.layer("elman").defaultOptions());
    }

    @Test
    void leavingADeclaredSettingOutBuildsTheSameNetworkAsGivingIt() {
        List<Plugin<LayerProvider>> declaring = REGISTRY.layers().stream()
                .filter(p -> p.instance().recurrent() && !p.instance().defaultOptions().isEmpty()).toList();
        assertFalse(declaring.isEmpty(), "no installed recurrent kind declares defaults");
        SplittableRandom random = new SplittableRandom(7);
        double[] data = new double[4 * 2 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextDouble(-1, 1);
        }
        Sequence x = Sequence.wrap(4, 2, 3, data);
        for (Plugin<LayerProvider> p : declaring) {
            Network left = net(p.name(), Map.of());
            Network given = net(p.name(), p.instance().defaultOptions());
            assertEquals(left.parameters().size(), given.parameters().size(), p.name());
            for (int i = 0; i < left.parameters().size(); i++) {
                assertArrayEquals(given.parameters().get(i).value(), left.parameters().get(i).value(), p.name());
            }
            assertArrayEquals(given.forward(x, given.zeroStates(2)).data(), left.forward(x, left.zeroStates(2)).data(),
                    p.name() + " with its declared defaults " + p.instance().defaultOptions());
        }
    }

    private static Network net(String kind, Map<String, String> options) {
        return Network.builder(REGISTRY).input(3).recurrent(kind, 4, options).output(2).seed(11).build();
    }
}
