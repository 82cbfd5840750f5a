package org.rnn4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/** {@code --dense}'s sizes and activation, as parsed, built and recorded in a checkpoint. */
class DenseLayersTest {

    @Test
    void theDefaultActivationIsTheLibrarys() {
        Network net = Network.builder(Registry.installed()).input(2).recurrent("elman", 3).lastStep().dense(4)
                .output(1).loss("mse").build();
        assertEquals(DenseLayers.DEFAULT_ACTIVATION, net.architecture().dense().get(0).options().get("activation"));
        assertEquals(DenseLayers.DEFAULT_ACTIVATION, DenseLayers.parse("4", null).activation());
    }

    @Test
    void theSizesAreParsedBuiltAndRecordedAsGiven() {
        DenseLayers d = DenseLayers.parse(" 32, 16", "tanh");
        assertEquals(List.of(32, 16), d.sizes());
        assertEquals("32,16", d.sizesText());
        Network net = Network.builder(Registry.installed()).input(2).recurrent("gru", 3).lastStep()
                .dense(32, "tanh").dense(16, "tanh").output(1).loss("mse").build();
        assertEquals(net.architecture().dense(), d.layers(), "the layers the builder adds");
        assertEquals(Map.of("run.dense", "32,16", "run.dense_activation", "tanh"), d.toMap());
        assertEquals(d, DenseLayers.fromMap(d.toMap()));
        assertEquals(DenseLayers.NONE, DenseLayers.fromMap(Map.of()), "a checkpoint from before --dense had none");
        assertEquals(Map.of(), DenseLayers.NONE.toMap());
        assertEquals(DenseLayers.NONE, DenseLayers.parse(null, null));
    }

    @Test
    void anAlteredCheckpointEntryIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseLayers.fromMap(Map.of("run.dense", "4,-1")));
        assertTrue(e.getMessage().startsWith("the checkpoint's 'run.dense' is not valid"), e.getMessage());
    }
}
