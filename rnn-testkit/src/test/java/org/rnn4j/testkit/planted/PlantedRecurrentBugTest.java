package org.rnn4j.testkit.planted;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.Choices;
import org.rnn4j.testkit.conformance.LayerCase;
import org.rnn4j.testkit.conformance.LayerChecks;
import org.rnn4j.testkit.conformance.LayerChoice;
import org.rnn4j.testkit.conformance.NetworkCase;
import org.rnn4j.testkit.conformance.NetworkChecks;
import org.rnn4j.testkit.conformance.Registries;
import org.rnn4j.testkit.gradient.GradientMismatchError;
import org.rnn4j.testkit.gradient.Mismatch;
import org.rnn4j.testkit.gradient.Tolerance;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/**
 * The kit catches an Elman layer whose BPTT drops the recurrent term, in random stacks and in
 * the layer's own check, and shrinks it to the smallest case that has a recurrence at all: one
 * layer of one unit, two steps, one sequence; the first disagreement is at time step 1.
 */
class PlantedRecurrentBugTest {

    private final PropertyRunner runner = new PropertyRunner(RunSettings.defaults());
    private final Registry planted = Registries.with(Registry.installed(), new ElmanWithoutRecurrentGradient());

    @Test
    void randomStacksCatchItAndShrinkToOneUnitTwoSteps() {
        PropertyResult<NetworkCase> r = runner.run(NetworkChecks.gradients("networks", Choices.of(planted),
                Tolerance.DEFAULT));

        assertFalse(r.passed(), "the planted BPTT bug went unnoticed");
        NetworkCase c = r.failure().shrunk();
        assertEquals(1, c.depth(), r.report());
        assertEquals(1, c.recurrent().get(0).size(), r.report());
        assertEquals(List.of(2, 1), List.of(c.steps(), c.batch()), r.report());
        assertEquals(List.of(1, 1), List.of(c.inputSize(), c.output().size()), r.report());
        Mismatch m = assertInstanceOf(GradientMismatchError.class, r.failure().error()).mismatch();
        assertTrue(m.what().startsWith("layer0."), r.report());
        assertEquals(1, m.step(), "the error enters when step 1's loss flows back to step 0: " + r.report());
        assertTrue(r.report().contains("first disagrees at time step 1"), r.report());
        assertDoesNotThrow(() -> NetworkChecks.check(c, Registry.installed(), Tolerance.DEFAULT),
                "the shrunk case passes with the real elman");
    }

    @Test
    void theLayerCheckCatchesItAndShrinksToTwoSteps() {
        PropertyResult<LayerCase> r = runner.run(LayerChecks.gradients(Choices.of(planted), "elman", Tolerance.DEFAULT));

        assertFalse(r.passed(), "the planted BPTT bug went unnoticed");
        LayerCase c = r.failure().shrunk();
        assertEquals(List.of(1, 1, 2, 1), List.of(c.layer().size(), c.inputSize(), c.steps(), c.batch()), r.report());
        Mismatch m = assertInstanceOf(GradientMismatchError.class, r.failure().error()).mismatch();
        assertEquals(1, m.step(), r.report());
    }

    @Test
    void onOneStepThePlantedLayerIsRightSoTheFailureIsTheRecurrence() {
        Property<LayerCase> check = LayerChecks.gradients(Choices.of(planted), "elman", Tolerance.DEFAULT);
        LayerChoice elman = new LayerChoice("elman", 4, Map.of("activation", "tanh"));
        for (long seed = 0; seed < 20; seed++) {
            LayerCase oneStep = new LayerCase(elman, 3, 1, 2, false, true, seed);
            assertDoesNotThrow(() -> check.check().accept(oneStep), oneStep::toString);
        }
    }
}
