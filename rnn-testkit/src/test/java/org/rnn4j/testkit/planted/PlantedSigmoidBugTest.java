package org.rnn4j.testkit.planted;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.ActivationChecks;
import org.rnn4j.testkit.conformance.Choices;
import org.rnn4j.testkit.conformance.LayerChoice;
import org.rnn4j.testkit.conformance.NetworkCase;
import org.rnn4j.testkit.conformance.NetworkChecks;
import org.rnn4j.testkit.gradient.GradientMismatchError;
import org.rnn4j.testkit.gradient.Mismatch;
import org.rnn4j.testkit.gradient.Tolerance;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/**
 * The kit catches a sigmoid whose derivative returns y instead of y (1 - y), both in the
 * activation's own check and in random stacks, and shrinks each failure to its smallest case.
 * The runs use the default settings (100 tries, fixed seeds), not -Drnn4j.*, so they are the
 * same on every build.
 */
class PlantedSigmoidBugTest {

    private final PropertyRunner runner = new PropertyRunner(RunSettings.defaults());

    @Test
    void theDerivativeCheckCatchesItAndShrinksToXZero() {
        PropertyResult<ActivationChecks.Points> r = runner.run(ActivationChecks.derivative(new SigmoidWithWrongDerivative()));

        assertFalse(r.passed(), r.report());
        assertEquals(1, r.failure().caseIndex() + 1, "every case has a point where y != y (1 - y)");
        assertEquals(1, r.failure().shrunk().points().length, r.report());
        assertEquals(0.0, r.failure().shrunk().points()[0], r.report());
        Mismatch m = assertInstanceOf(GradientMismatchError.class, r.failure().error()).mismatch();
        assertEquals(0.5, m.analytic(), 0.0, "the bug's derivative at 0 is y = 1/2");
        assertEquals(0.25, m.numeric(), 1e-9, "the true derivative at 0 is 1/4");
        assertTrue(r.report().contains("sigmoid"), r.report());
    }

    @Test
    void randomStacksCatchItAndShrinkToOneUnitOneStep() {
        Registry planted = Registry.installed().toBuilder().replace(new SigmoidWithWrongDerivative()).build();

        PropertyResult<NetworkCase> r = runner.run(NetworkChecks.gradients("networks", Choices.of(planted),
                Tolerance.DEFAULT));

        assertFalse(r.passed(), "the planted sigmoid went unnoticed");
        assertInstanceOf(GradientMismatchError.class, r.failure().error(), r.report());
        NetworkCase c = r.failure().shrunk();
        assertEquals(1, c.depth(), r.report());
        assertEquals(List.of(1, 1, 1), List.of(c.inputSize(), c.recurrent().get(0).size(), c.output().size()), r.report());
        assertEquals(List.of(1, 1), List.of(c.steps(), c.batch()), r.report());
        assertFalse(c.masked() || c.initialStates(), r.report());
        List<String> slots = new ArrayList<>(activations(c.recurrent().get(0)));
        slots.addAll(activations(c.output()));
        assertEquals(1, slots.stream().filter("sigmoid"::equals).count(), "one sigmoid is left: " + r.report());
        assertTrue(slots.stream().allMatch(a -> a.equals("sigmoid") || a.equals("identity")), r.report());
        assertDoesNotThrow(() -> NetworkChecks.check(c, Registry.installed(), Tolerance.DEFAULT),
                "the shrunk case passes with the real sigmoid, so the plant alone makes it fail");
    }

    private static List<String> activations(LayerChoice layer) {
        return layer.options().entrySet().stream().filter(e -> Choices.ACTIVATION_OPTIONS.contains(e.getKey()))
                .map(e -> e.getValue()).toList();
    }
}
