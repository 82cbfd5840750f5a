package org.rnn4j.examples.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Plugin;
import org.rnn4j.core.Registry;

/** swish is found by name from this module and works in a trained stack. */
class SwishStackTest {

    private final Registry installed = Registry.installed();

    @Test
    void swishIsInstalledFromTheExamplesModule() {
        Plugin<?> swish = installed.activations().stream().filter(p -> p.name().equals("swish")).findFirst().orElseThrow();
        assertEquals("org.rnn4j.examples", swish.module());
        assertEquals(Swish.class, swish.instance().getClass());
    }

    @Test
    void swishHasItsKnownValues() {
        Swish f = new Swish();
        assertEquals(0.0, f.apply(0), 0.0);
        assertEquals(1 / (1 + Math.exp(-1)), f.apply(1), 1e-16);
        assertEquals(0.5, f.derivative(0, 0), 0.0, "s(0) + 0");
        assertEquals(-0.0, f.apply(-800), 0.0);
        assertEquals(1.0, f.derivative(800, f.apply(800)), 0.0);
        assertTrue(f.derivative(-2, f.apply(-2)) < 0, "not monotone: falling left of its minimum at -1.278");
    }

    @Test
    void theStackUsesSwishByNameAndLearns() {
        List<Double> swish = SwishStack.train(SwishStack.network(installed, "swish"), installed, 200);
        List<Double> tanh = SwishStack.train(SwishStack.network(installed, "tanh"), installed, 1);
        assertNotEquals(tanh.get(0), swish.get(0), "the same seed with tanh gives another network");
        double first = swish.get(0);
        double last = swish.subList(190, 200).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < first / 5, "the loss fell from " + first + " to " + last);
    }
}
