package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/** {@link Network#copyFinalStates} gives what {@link Network#finalStates()} gives, into buffers. */
class CarriedStateTest {

    private static final Registry REGISTRY = Registry.installed();

    private static Network twoLayers() {
        return Network.builder(REGISTRY).input(3)
                .recurrent("elman", 4, Map.of("activation", "tanh"))
                .recurrent("elman", 2, Map.of("activation", "sigmoid"))
                .output(3).seed(5).build();
    }

    private static Sequence randomBatch(int steps, int batch, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Sequence x = Sequence.zeros(steps, batch, features);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void copiesTheFinalStatesOfEveryLayer() {
        Network net = twoLayers();
        List<State> carried = net.zeroStates(5);
        net.forward(randomBatch(4, 5, 3, 1), carried);
        net.copyFinalStates(carried);
        List<State> expected = net.finalStates();
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(expected.get(l).part(0), carried.get(l).part(0), "layer " + l);
        }
        assertTrue(carried.get(0).part(0)[0] != 0, "a real state, not zeros");
    }

    @Test
    void carryingMakesTwoHalvesEqualOneWholeSequence() {
        // Running steps 0-5 then 6-11 with the state carried equals running 0-11 at once.
        Sequence whole = randomBatch(12, 2, 3, 2);
        Network a = twoLayers();
        Sequence wholeOut = a.forward(whole, null).copy();
        Network b = twoLayers();
        List<State> carried = b.zeroStates(2);
        int half = 6 * 2 * 3;
        double[] first = Arrays.copyOfRange(whole.data(), 0, half);
        double[] second = Arrays.copyOfRange(whole.data(), half, 2 * half);
        b.forward(Sequence.wrap(6, 2, 3, first), carried);
        b.copyFinalStates(carried);
        Sequence secondOut = b.forward(Sequence.wrap(6, 2, 3, second), carried);
        double[] tail = Arrays.copyOfRange(wholeOut.data(), 6 * 2 * 3, 12 * 2 * 3);
        assertArrayEquals(tail, secondOut.data(), 1e-15);
    }

    @Test
    void wrongBuffersAreRefused() {
        Network net = twoLayers();
        net.forward(randomBatch(2, 5, 3, 3), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.copyFinalStates(net.zeroStates(4)));
        assertTrue(e.getMessage().contains("elman layer (3 -> 4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.copyFinalStates(List.of(State.zeros(5, 4))));
        assertEquals(2, net.zeroStates(5).size());
    }
}
