package org.rnn4j.testkit.planted;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Activation;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.PluginChecks;
import org.rnn4j.testkit.conformance.ActivationChecks;
import org.rnn4j.testkit.conformance.Float32ActivationChecks;
import org.rnn4j.testkit.conformance.Suite;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/**
 * The float32 check of an activation's bulk methods: honest float overrides (float formulas
 * with their own rounding and cancellation) pass, wrong ones fail with the kit's report, at
 * the ulp level as well as for a wrong formula.
 */
class Float32ActivationChecksTest {

    private final PropertyRunner runner = new PropertyRunner(RunSettings.defaults());
    /** Ten times the default tries, for the overrides that must pass: a tight bound would show. */
    private final PropertyRunner thorough = new PropertyRunner(new RunSettings(1000, RunSettings.defaults().seed()));
    private final Registry installed = Registry.installed();

    private String fails(Activation a) {
        PropertyResult<ActivationChecks.Bulk> r = runner.run(Float32ActivationChecks.bulkAgreesWithScalar(a));
        assertFalse(r.passed(), a.name() + "'s wrong float override passed");
        return r.report();
    }

    private void passes(Activation a) {
        PropertyResult<ActivationChecks.Bulk> r = thorough.run(Float32ActivationChecks.bulkAgreesWithScalar(a));
        assertTrue(r.passed(), r.report());
    }

    @Test
    void theFloat32CheckIsPartOfEveryActivationsSuite() {
        assertTrue(Suite.activation(installed.activation("tanh"), installed, false).properties().stream()
                .anyMatch(p -> p.name().equals("tanh: float32 bulk apply and backward agree with the scalar methods"
                        + " rounded to float")));
    }

    @Test
    void honestFloatFormulasPass() {
        // tanh as 2 sigmoid(2x) - 1 in float cancels near 0 (the absolute floor), 1 - y^2 near saturation.
        passes(new FloatOverride(installed.activation("tanh"), x -> {
            float e = (float) Math.exp(-2 * x);
            return 2f / (1f + e) - 1f;
        }, (x, y) -> 1f - y * y));
        passes(new FloatOverride(installed.activation("sigmoid"), x -> 1f / (1f + (float) Math.exp(-x)),
                (x, y) -> y * (1f - y)));
        passes(new FloatOverride(installed.activation("relu"), x -> x > 0 ? x : 0f, (x, y) -> x > 0 ? 1f : 0f));
        passes(new FloatOverride(installed.activation("softplus"),
                x -> Math.max(x, 0f) + (float) Math.log1p((float) Math.exp(-Math.abs(x))),
                (x, y) -> 1f / (1f + (float) Math.exp(-x))));
    }

    @Test
    void theDefaultsAgreeToTheLastBit() {
        Activation tanh = installed.activation("tanh");
        float[] x = {-800f, -1.5f, 0f, 1e-30f, 0.3f, 40f};
        float[] y = new float[x.length];
        tanh.apply(x, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) tanh.apply(x[i]), y[i], 0f, "x = " + x[i]);
        }
    }

    @Test
    void aWrongFloatApplyFailsWithTheKitsReport() {
        // A rational approximation of tanh (x (27 + x^2) / (27 + 9 x^2)): off by up to 2%.
        String report = fails(new FloatOverride(installed.activation("tanh"),
                x -> x * (27 + x * x) / (27 + 9 * x * x), (x, y) -> 1f - y * y));
        assertTrue(report.contains("tanh: float32 bulk apply gave"), report);
        assertTrue(report.contains("the scalar method rounded to float"), report);
        assertTrue(report.contains("more than the"), report);
        assertTrue(report.contains("replay it: -Drnn4j.seed="), report);
    }

    @Test
    void pluginChecksFailAWrongFloatOverrideInItsOwnTestWithTheCulprit() {
        Activation pade = new FloatOverride(installed.activation("tanh"), x -> x * (27 + x * x) / (27 + 9 * x * x),
                (x, y) -> 1f - y * y);
        DynamicContainer c = (DynamicContainer) PluginChecks.activation(pade).toList().get(0);
        List<DynamicTest> tests = c.getChildren().map(DynamicTest.class::cast).toList();
        DynamicTest float32 = tests.stream().filter(t -> t.getDisplayName().contains("float32 bulk")).findFirst()
                .orElseThrow();
        AssertionError e = assertThrows(AssertionError.class, () -> float32.getExecutable().execute());
        assertTrue(e.getMessage().contains("'tanh: float32 bulk apply and backward agree with the scalar methods"
                + " rounded to float' failed"), e.getMessage());
        assertTrue(e.getMessage().contains("\n  culprit: activation tanh ("), e.getMessage());
        DynamicTest float64 = tests.stream().filter(t -> t.getDisplayName().contains(": bulk apply")).findFirst()
                .orElseThrow();
        assertDoesNotThrow(() -> float64.getExecutable().execute(), "its float64 methods are tanh's own");
    }

    @Test
    void aWrongFloatBackwardFailsWithTheKitsReport() {
        String report = fails(new FloatOverride(installed.activation("tanh"), x -> (float) Math.tanh(x),
                (x, y) -> 1f - y)); // the bug: tanh' = 1 - y^2
        assertTrue(report.contains("tanh: float32 bulk backward gave"), report);
        assertTrue(report.contains("upstream gradient"), report);
    }

    @Test
    void theBoundHasTeethAtTheUlpLevel() {
        Activation sigmoid = installed.activation("sigmoid");
        DoubleUnaryOperator exact = sigmoid::apply;
        // Off by 1 ulp everywhere: within the bound.
        passes(new FloatOverride(sigmoid, x -> Math.nextUp((float) exact.applyAsDouble(x)), (x, y) -> y * (1f - y)));
        // Off by 64 ulps everywhere: 64 ulp of sigmoid(x) at |x| <= 4 exceeds 4 ulp + 8u * 4.
        String report = fails(new FloatOverride(sigmoid,
                x -> (float) exact.applyAsDouble(x) + 64 * Math.ulp((float) exact.applyAsDouble(x)),
                (x, y) -> y * (1f - y)));
        assertTrue(report.contains("float32 bulk apply gave"), report);
    }

    @Test
    void aFloatOverrideOnTheOtherSideOfAKinkFails() {
        // relu' at 0 is 0 in the scalar method; this override says 1 there, and only there.
        String report = fails(new FloatOverride(installed.activation("relu"), x -> x > 0 ? x : 0f,
                (x, y) -> x >= 0 ? 1f : 0f));
        assertTrue(report.contains("float32 bulk backward gave"), report);
        assertTrue(report.contains("x = 0.0"), report);
    }

    @Test
    void aFloatOverrideThatWritesOutsideItsRangeFails() {
        Activation tanh = installed.activation("tanh");
        Activation spilling = new FloatOverride(tanh, x -> (float) Math.tanh(x), (x, y) -> 1f - y * y) {
            @Override
            public void apply(float[] x, float[] y, int from, int to) {
                super.apply(x, y, 0, x.length);
            }
        };
        String report = fails(spilling);
        assertTrue(report.contains("outside the range it was given"), report);
    }

    /** A float formula for each scalar function. */
    @FunctionalInterface
    interface FloatFunction {
        float apply(float x);
    }

    /** A float formula for the derivative, given x and y. */
    @FunctionalInterface
    interface FloatDerivative {
        float apply(float x, float y);
    }

    /** An activation whose scalar methods are a real one's and whose float bulk methods are the given formulas. */
    static class FloatOverride implements Activation {
        private final Activation scalar;
        private final FloatFunction f;
        private final FloatDerivative d;

        FloatOverride(Activation scalar, FloatFunction f, FloatDerivative d) {
            this.scalar = scalar;
            this.f = f;
            this.d = d;
        }

        @Override
        public String name() {
            return scalar.name();
        }

        @Override
        public double apply(double x) {
            return scalar.apply(x);
        }

        @Override
        public double derivative(double x, double y) {
            return scalar.derivative(x, y);
        }

        @Override
        public double[] kinks() {
            return scalar.kinks();
        }

        @Override
        public void apply(float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = f.apply(x[i]);
            }
        }

        @Override
        public void backward(float[] x, float[] y, float[] grad, int from, int to) {
            for (int i = from; i < to; i++) {
                grad[i] *= d.apply(x[i], y[i]);
            }
        }
    }
}
