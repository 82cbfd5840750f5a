package org.rnn4j.testkit.planted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Options;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.ActivationChecks;
import org.rnn4j.testkit.conformance.Choices;
import org.rnn4j.testkit.conformance.LayerChecks;
import org.rnn4j.testkit.conformance.LossChecks;
import org.rnn4j.testkit.conformance.NetworkChecks;
import org.rnn4j.testkit.conformance.OptimizerChecks;
import org.rnn4j.testkit.gradient.Tolerance;
import org.rnn4j.testkit.property.Gen;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/**
 * Shrinking ends at a local minimum in few steps, never at the runner's limit: for a planted
 * derivative bug, and for every generator of the kit under arbitrary patterns of failing cases
 * (a shrink order with a cycle, such as "smaller, or whole where x is not" between 1 and 0.5,
 * is found by such patterns).
 */
class ShrinkingTest {

    /** Far below {@link PropertyRunner#MAX_SHRINK_ATTEMPTS}; a minimal case of the kit takes a few dozen steps. */
    private static final int FEW_STEPS = 100;

    private final Registry installed = Registry.installed();

    @Test
    void aDerivativeRightOnlyAtZeroShrinksToOneInAFewSteps() {
        PropertyResult<ActivationChecks.Points> r = new PropertyRunner(RunSettings.defaults())
                .run(ActivationChecks.derivative(new TanhRightOnlyAtZero()));

        assertFalse(r.passed(), "the planted derivative went unnoticed");
        assertTrue(r.failure().minimal(), r.report());
        assertTrue(r.failure().shrinkSteps() <= 10, r.report());
        assertEquals(1, r.failure().shrunk().points().length, r.report());
        assertEquals(1.0, Math.abs(r.failure().shrunk().points()[0]), r.report());
        assertTrue(r.report().contains("smallest failing case ("), r.report());
    }

    @Test
    void everyGeneratorOfTheKitShrinksToAMinimumUnderArbitraryFailures() {
        Activation tanh = installed.activation("tanh");
        Loss mse = installed.loss("mse");
        Loss sce = installed.loss("softmax_cross_entropy");
        Choices choices = Choices.of(installed);
        List<Gen<?>> gens = List.of(ActivationChecks.derivative(tanh).gen(), ActivationChecks.bulkEqualsScalar(tanh).gen(),
                LossChecks.gradient(mse).gen(), LossChecks.gradient(sce).gen(), LossChecks.batchSumsRealRows(mse).gen(),
                NetworkChecks.cases(choices), LayerChecks.gradients(choices, "lstm", Tolerance.DEFAULT).gen(),
                OptimizerChecks.descends(installed.optimizer("adam"), Options.none("adam")).gen());
        for (Gen<?> gen : gens) {
            for (long seed = 0; seed < 40; seed++) {
                PropertyResult<?> r = runArbitrary(gen, seed);
                assertFalse(r.passed(), "three cases in four fail, so some case of 20 fails");
                assertTrue(r.failure().minimal(), r.report());
                assertTrue(r.failure().shrinkSteps() < FEW_STEPS, r.report());
            }
        }
    }

    /** Fails on three cases in four, chosen by a hash of the case's text and the seed. */
    private static <T> PropertyResult<T> runArbitrary(Gen<T> gen, long seed) {
        Property<T> p = new Property<>("arbitrary failures " + seed, gen, c -> {
            if (Math.floorMod(RunSettings.mix(seed * 31 + c.toString().hashCode()), 4) != 0) {
                throw new AssertionError("fails");
            }
        });
        return new PropertyRunner(new RunSettings(20, OptionalLong.of(seed))).run(p);
    }
}
