package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;

/** The {@link Optimizer} contract, for every optimizer with all of its state in use. */
final class LifecycleTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of(SgdTest.SPEC, "lr=0.05 momentum=0.9"),
                Arguments.of(AdagradTest.SPEC, "lr_decay=0.1 initial_accumulator_value=0.2"),
                Arguments.of(RmsPropTest.SPEC, "lr=0.001 centered=true momentum=0.5"),
                Arguments.of(AdamTest.SPEC, "lr=0.01 amsgrad=true beta2=0.5"),
                Arguments.of(AdamWTest.SPEC, "lr=0.01 amsgrad=true beta2=0.5 weight_decay=0.1"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void resetForgetsState(Harness.Spec spec, String settings) {
        double[][] firstTwo = Arrays.copyOfRange(Harness.GRADS, 0, 2);
        List<Parameter> reset = Harness.parameters();
        Optimizer optimizer = Harness.create(spec.name(), settings);
        Harness.run(optimizer, reset, firstTwo, Harness.KEEP_LR);
        double[] afterTwo = Harness.values(reset);
        optimizer.reset();
        double[][] afterReset = Harness.run(optimizer, reset, Harness.GRADS, Harness.KEEP_LR);

        double[][] fresh = Harness.run(Harness.create(spec.name(), settings), Harness.parameters(afterTwo),
                Harness.GRADS, Harness.KEEP_LR);
        assertTrue(Arrays.deepEquals(fresh, afterReset), "steps after reset() differ from a new optimizer's");

        List<Parameter> kept = Harness.parameters();
        Optimizer continued = Harness.create(spec.name(), settings);
        Harness.run(continued, kept, firstTwo, Harness.KEEP_LR);
        assertFalse(Arrays.deepEquals(fresh, Harness.run(continued, kept, Harness.GRADS, Harness.KEEP_LR)),
                "state makes no difference here, so the reset test would prove nothing");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void resetKeepsTheLearningRate(Harness.Spec spec, String settings) {
        Optimizer optimizer = Harness.create(spec.name(), settings);
        optimizer.setLearningRate(0.0123);
        optimizer.step(Harness.parameters());
        optimizer.reset();
        assertEquals(0.0123, optimizer.learningRate());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void setLearningRateTakesEffectAtTheNextStep(Harness.Spec spec, String settings) {
        double[] schedule = {Double.NaN, Double.NaN, 0.02, 0.005};
        Optimizer optimizer = Harness.create(spec.name(), settings);
        double[][] actual = Harness.run(optimizer, Harness.parameters(), Harness.GRADS, schedule);
        assertEquals(0.005, optimizer.learningRate());
        double[][] expected = Harness.reference(spec, Harness.settings(settings), schedule);
        Harness.assertClose(expected, actual);
        assertFalse(Arrays.deepEquals(expected, Harness.reference(spec, Harness.settings(settings),
                Harness.KEEP_LR)), "the schedule makes no difference, so the test would prove nothing");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void learningRateIsTheConfiguredOne(Harness.Spec spec, String settings) {
        assertEquals(spec.defaultLr(), Harness.create(spec.name(), "").learningRate());
        assertEquals(0.25, Harness.create(spec.name(), "lr=0.25").learningRate());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void rejectsBadLearningRatesAndKeepsTheOldOne(Harness.Spec spec, String settings) {
        Optimizer optimizer = Harness.create(spec.name(), settings);
        double before = optimizer.learningRate();
        for (double bad : new double[] {-1e-3, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> optimizer.setLearningRate(bad));
            assertTrue(e.getMessage().contains("lr"), e.getMessage());
            assertEquals(before, optimizer.learningRate());
        }
        optimizer.setLearningRate(0);
        assertEquals(0.0, optimizer.learningRate());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void rejectsAnotherParameterListUntilReset(Harness.Spec spec, String settings) {
        Optimizer optimizer = Harness.create(spec.name(), settings);
        List<Parameter> first = Harness.parameters();
        optimizer.step(first);
        Parameter w = first.get(0);
        double[] before = Harness.values(first);
        List<List<Parameter>> others = List.of(
                List.of(w, new Parameter("b", Harness.B0.length + 1)),
                List.of(w),
                List.of(w, first.get(1), new Parameter("c", 1)));
        for (List<Parameter> other : others) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> optimizer.step(other));
            assertTrue(e.getMessage().contains("first step"), e.getMessage());
            assertArrayEquals(before, Harness.values(first), 0.0, "a rejected step changed values");
        }
        optimizer.reset();
        assertDoesNotThrow(() -> optimizer.step(others.get(0)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void leavesGradientsAlone(Harness.Spec spec, String settings) {
        List<Parameter> parameters = Harness.parameters();
        Harness.run(Harness.create(spec.name(), settings), parameters, Harness.GRADS, Harness.KEEP_LR);
        double[] last = Harness.GRADS[Harness.GRADS.length - 1];
        double[] grads = parameters.stream().flatMapToDouble(p -> Arrays.stream(p.grad())).toArray();
        assertArrayEquals(last, grads, 0.0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void aZeroLearningRateChangesNothing(Harness.Spec spec, String settings) {
        List<Parameter> parameters = Harness.parameters();
        Optimizer optimizer = Harness.create(spec.name(), settings);
        optimizer.setLearningRate(0);
        Harness.run(optimizer, parameters, Harness.GRADS, Harness.KEEP_LR);
        assertArrayEquals(Harness.concat(Harness.W0, Harness.B0), Harness.values(parameters), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adagrad", "rmsprop", "adam", "adamw"})
    void theOptimizerHasItsProvidersName(String name) {
        assertEquals(name, Harness.provider(name).name());
        assertEquals(name, Harness.create(name, "").name());
    }
}
