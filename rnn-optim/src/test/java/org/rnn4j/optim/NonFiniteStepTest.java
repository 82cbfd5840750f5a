package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;

/**
 * {@link Optimizer#stepIfFinite(List)}: a kept step is bit for bit {@link Optimizer#step(List)};
 * a step that would leave a NaN or an infinity in a value or in the state changes nothing, not
 * even the step count, so that the steps after it are those of an optimizer that never saw it.
 */
final class NonFiniteStepTest {

    static Stream<Arguments> optimizers() {
        return LifecycleTest.optimizers();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void aKeptStepIsExactlyAPlainStep(Harness.Spec spec, String settings) {
        Optimizer plain = Harness.create(spec.name(), settings);
        Optimizer guarded = Harness.create(spec.name(), settings);
        List<Parameter> a = Harness.parameters();
        List<Parameter> b = Harness.parameters();
        for (double[] g : Harness.GRADS) {
            setGradients(a, g);
            setGradients(b, g);
            plain.step(a);
            assertEquals(Optional.empty(), guarded.stepIfFinite(b));
            assertArrayEquals(Harness.values(a), Harness.values(b), 0.0);
        }
        assertStateEquals(plain.state(), guarded.state());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void anOverflowingUpdateChangesNothingAndTheRunGoesOnAsIfItHadNotHappened(Harness.Spec spec, String settings) {
        Optimizer guarded = Harness.create(spec.name(), settings);
        Optimizer never = Harness.create(spec.name(), settings);
        List<Parameter> a = Harness.parameters();
        List<Parameter> b = Harness.parameters();
        for (int t = 0; t < 2; t++) {
            setGradients(a, Harness.GRADS[t]);
            setGradients(b, Harness.GRADS[t]);
            guarded.stepIfFinite(a);
            never.step(b);
        }
        double[] before = Harness.values(a);
        Map<String, double[]> stateBefore = guarded.state();
        double lr = guarded.learningRate();

        guarded.setLearningRate(Double.MAX_VALUE);
        setGradients(a, huge(Harness.GRADS[2]));
        Optional<String> refused = guarded.stepIfFinite(a);
        assertTrue(refused.isPresent() && refused.get().matches("(parameter '\\w+'|the optimizer's state '\\d\\.\\w+' "
                + "\\(of parameter '\\w+'\\)) value \\d+ would become (-?Infinity|NaN)"), refused.toString());
        assertArrayEquals(before, Harness.values(a), 0.0, "values after a refused step");
        guarded.setLearningRate(lr);
        assertStateEquals(stateBefore, guarded.state());

        for (int t = 2; t < Harness.GRADS.length; t++) {
            setGradients(a, Harness.GRADS[t]);
            setGradients(b, Harness.GRADS[t]);
            assertEquals(Optional.empty(), guarded.stepIfFinite(a));
            never.step(b);
        }
        assertArrayEquals(Harness.values(b), Harness.values(a), 0.0, "the refused step left no trace");
        assertStateEquals(never.state(), guarded.state());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void aRefusedFirstStepLeavesAFreshOptimizer(Harness.Spec spec, String settings) {
        Optimizer guarded = Harness.create(spec.name(), settings);
        Map<String, double[]> fresh = guarded.state();
        guarded.setLearningRate(Double.MAX_VALUE);
        List<Parameter> a = Harness.parameters();
        setGradients(a, huge(Harness.GRADS[0]));
        assertTrue(guarded.stepIfFinite(a).isPresent());
        assertArrayEquals(Harness.concat(Harness.W0, Harness.B0), Harness.values(a), 0.0);
        guarded.setLearningRate(fresh.get("lr")[0]);
        assertStateEquals(fresh, guarded.state());
    }

    /** SGD's update at the largest learning rate overflows the value itself. */
    @Test
    void anOverflowingValueIsNamed() {
        Optimizer sgd = Harness.create("sgd", "");
        sgd.setLearningRate(Double.MAX_VALUE);
        List<Parameter> a = Harness.parameters();
        setGradients(a, Harness.GRADS[2]);
        assertEquals(Optional.of("parameter 'w' value 1 would become -Infinity"), sgd.stepIfFinite(a));
        assertArrayEquals(Harness.concat(Harness.W0, Harness.B0), Harness.values(a), 0.0);
    }

    /** A gradient whose square overflows fills Adagrad's sum with infinity while the value stays finite. */
    @Test
    void anOverflowingStateIsRefusedToo() {
        Optimizer adagrad = Harness.create("adagrad", "");
        List<Parameter> a = Harness.parameters();
        double[] huge = new double[Harness.W0.length + Harness.B0.length];
        Arrays.fill(huge, 1e200);
        setGradients(a, huge);
        Optional<String> refused = adagrad.stepIfFinite(a);
        assertEquals(Optional.of("the optimizer's state '0.sum' (of parameter 'w') value 0 would become Infinity"),
                refused);
        assertArrayEquals(Harness.concat(Harness.W0, Harness.B0), Harness.values(a), 0.0);
    }

    /** g times 1e300: its square overflows, and so does the learning rate times it. */
    private static double[] huge(double[] g) {
        return Arrays.stream(g).map(x -> x * 1e300).toArray();
    }

    private static void setGradients(List<Parameter> parameters, double[] g) {
        int offset = 0;
        for (Parameter p : parameters) {
            System.arraycopy(g, offset, p.grad(), 0, p.size());
            offset += p.size();
        }
    }

    private static void assertStateEquals(Map<String, double[]> expected, Map<String, double[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()), 0.0, e.getKey());
        }
    }
}
