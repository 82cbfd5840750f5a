package org.rnn4j.testkit.planted;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.Choices;
import org.rnn4j.testkit.conformance.LayerChoice;
import org.rnn4j.testkit.conformance.NetworkCase;
import org.rnn4j.testkit.conformance.NetworkChecks;
import org.rnn4j.testkit.conformance.Registries;
import org.rnn4j.testkit.gradient.Tolerance;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/**
 * The kit's random stacks catch a sequence head whose backward sends the gradient to the wrong
 * steps, and shrink to the smallest case that shows it.
 *
 * <p>Routing {@code last_step}'s gradient to step T-1 of the batch instead of each sequence's own
 * last real step is caught through a bidirectional layer only: a one-directional recurrent layer
 * holds its state through padded rows (h_t = h_{t-1}) and its backward passes dL/dh_t of a padded
 * row on to the step before, so over it the output at step T-1 <em>is</em> the output at the last
 * real step and a gradient put there reaches the same step (PyTorch's {@code output[:, -1]} of a
 * padded batch differs because its packed outputs are zero in the padding). The backward half of
 * a bidirectional layer is read at the first step, so there T-1 is wrong even without padding.
 */
class PlantedHeadBugTest {

    private final PropertyRunner runner = new PropertyRunner(RunSettings.defaults());

    @Test
    void lastStepOffByOneIsCaughtAndShrunkToTwoSteps() {
        Registry planted = Registries.with(Registry.installed(),
                new HeadWithMisroutedGradient(HeadWithMisroutedGradient.Bug.LAST_STEP_OFF_BY_ONE));
        PropertyResult<NetworkCase> r = runner.run(NetworkChecks.gradients("last_step",
                Choices.of(planted).onlyLayer("last_step"), Tolerance.DEFAULT));

        assertFalse(r.passed(), "the planted head bug went unnoticed");
        NetworkCase c = r.failure().shrunk();
        assertEquals("last_step", c.head(), r.report());
        assertEquals(List.of(1, 2, 1), List.of(c.depth(), c.steps(), c.batch()), r.report());
        assertDoesNotThrow(() -> NetworkChecks.check(c, Registry.installed(), Tolerance.DEFAULT),
                "the shrunk case passes with the real last_step");
    }

    @Test
    void lastStepRoutedToStepTMinus1IsCaughtThroughABidirectionalLayer() {
        Registry planted = Registries.with(Registry.installed(),
                new HeadWithMisroutedGradient(HeadWithMisroutedGradient.Bug.LAST_STEP_TO_FINAL_ROW));
        PropertyResult<NetworkCase> r = runner.run(NetworkChecks.gradients("last_step",
                Choices.of(planted).onlyLayer("last_step"), Tolerance.DEFAULT));

        assertFalse(r.passed(), "the planted head bug went unnoticed");
        NetworkCase c = r.failure().shrunk();
        assertEquals(List.of(1, 2, 1), List.of(c.depth(), c.steps(), c.batch()), r.report());
        assertEquals("true", c.recurrent().get(0).options().get("bidirectional"), r.report());
        assertDoesNotThrow(() -> NetworkChecks.check(c, Registry.installed(), Tolerance.DEFAULT),
                "the shrunk case passes with the real last_step");
        for (String kind : List.of("elman", "lstm", "gru")) {
            for (long seed = 0; seed < 10; seed++) {
                NetworkCase padded = new NetworkCase(2, List.of(new LayerChoice(kind, 3, Map.of()),
                        new LayerChoice(kind, 2, Map.of())), new LayerChoice("dense", 2, Map.of()), "mse",
                        Reduction.SUM, 5, 3, true, true, 0, seed, Map.of(), "last_step", null);
                assertDoesNotThrow(() -> NetworkChecks.check(padded, planted, Tolerance.DEFAULT),
                        "over one-directional layers step T-1 holds the last real step: " + padded);
            }
        }
    }

    @Test
    void meanPoolSpreadIntoPaddingIsCaughtOnlyOnPaddedBatches() {
        Registry planted = Registries.with(Registry.installed(),
                new HeadWithMisroutedGradient(HeadWithMisroutedGradient.Bug.MEAN_OVER_PADDING));
        PropertyResult<NetworkCase> r = runner.run(NetworkChecks.gradients("mean_pool",
                Choices.of(planted).onlyLayer("mean_pool"), Tolerance.DEFAULT));

        assertFalse(r.passed(), "the planted head bug went unnoticed");
        NetworkCase c = r.failure().shrunk();
        assertEquals("mean_pool", c.head(), r.report());
        assertTrue(c.masked(), "only padding can show this bug: " + r.report());
        assertEquals(List.of(1, 2, 1), List.of(c.depth(), c.steps(), c.batch()), r.report());
        assertDoesNotThrow(() -> NetworkChecks.check(c, Registry.installed(), Tolerance.DEFAULT),
                "the shrunk case passes with the real mean_pool");
        NetworkCase unpadded = new NetworkCase(c.inputSize(), c.recurrent(), c.output(), c.loss(), c.reduction(),
                c.steps(), c.batch(), false, c.initialStates(), c.dropout(), c.valueSeed(), c.lossOptions(), c.head(),
                c.embedding());
        assertDoesNotThrow(() -> NetworkChecks.check(unpadded, planted, Tolerance.DEFAULT),
                "unpadded, the planted mean_pool is right");
    }
}
