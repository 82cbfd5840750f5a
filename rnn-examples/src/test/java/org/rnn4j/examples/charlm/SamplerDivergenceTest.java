package org.rnn4j.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/**
 * A diverged model (its recurrent state overflows) cannot be sampled far: the sampler says so,
 * instead of the layer rejecting an "initial state" the user never gave.
 */
class SamplerDivergenceTest {

    @Test
    void aStateThatOverflowsIsNamedAsTheModelDiverging() {
        Network n = Network.builder(Registry.installed()).input(3)
                .recurrent("elman", 2, Map.of("activation", "identity")).output(3).seed(1).build();
        double[] whh = n.namedParameters().get("layer0.weight_hh").value();
        Arrays.fill(whh, 0);
        whh[0] = 10;
        whh[3] = 10;
        Sampler s = new Sampler(n, Vocabulary.of("abc"), 1, new SplittableRandom(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.sample("a", 400));
        assertEquals("the model diverges: its recurrent state became Infinity while sampling, so no further "
                + "character can be drawn", e.getMessage().replace("-Infinity", "Infinity"));
    }
}
