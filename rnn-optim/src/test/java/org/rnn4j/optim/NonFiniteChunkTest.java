package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;

/**
 * {@link Optimizer#stepIfFinite(List)} on parameters of several chunks: it keeps no second copy of
 * the values and the state, and a step that turns only the last element of a parameter (or only
 * its state) non-finite is refused with nothing changed, the chunks before it included.
 */
final class NonFiniteChunkTest {

    /** A parameter over three chunks and a bit; its last element is in a short last chunk. */
    private static final int BIG = 3 * AbstractOptimizer.CHUNK + 7;
    private static final int SMALL = 5;

    static Stream<Arguments> optimizers() {
        return LifecycleTest.optimizers();
    }

    /**
     * Walks every field of the optimizer (and of the arrays and package objects they hold) and
     * counts the doubles found: they are the state and a scratch that does not grow with the
     * parameters. The former design kept a second set of values and state, twice the state
     * plus the values.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void theGuardKeepsNoSecondCopyOfTheValuesOrTheState(Harness.Spec spec, String settings) throws Exception {
        Optimizer optimizer = Harness.create(spec.name(), settings);
        List<Parameter> parameters = parameters();
        for (int t = 0; t < 3; t++) {
            setGradients(parameters, t);
            assertEquals(Optional.empty(), optimizer.stepIfFinite(parameters));
        }
        long state = stateElements(optimizer);
        int slots = (int) (state / (SMALL + BIG));
        assertEquals((long) slots * (SMALL + BIG), state, "the state is whole slots of the parameters");
        long held = doublesReachableFrom(optimizer);
        long scratch = (1L + slots) * AbstractOptimizer.CHUNK;
        assertTrue(held <= state + scratch, () -> "the optimizer holds " + held + " doubles for " + (SMALL + BIG)
                + " parameter values, " + state + " of state; at most " + scratch + " more are allowed");
    }

    /**
     * A gradient of Double.MAX_VALUE in the last element only, at a learning rate of 2: every
     * optimizer overflows there (SGD's value, the squared gradient in the others' state) and
     * nowhere else.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void aNonFiniteLastElementIsRefusedAndTheChunksBeforeItAreUntouched(Harness.Spec spec, String settings) {
        Optimizer optimizer = Harness.create(spec.name(), settings);
        List<Parameter> parameters = parameters();
        for (int t = 0; t < 2; t++) {
            setGradients(parameters, t);
            assertEquals(Optional.empty(), optimizer.stepIfFinite(parameters));
        }
        double[] before = Harness.values(parameters);
        Map<String, double[]> stateBefore = optimizer.state();

        optimizer.setLearningRate(2);
        setGradients(parameters, 2);
        parameters.get(1).grad()[BIG - 1] = Double.MAX_VALUE;
        Optional<String> refused = optimizer.stepIfFinite(parameters);

        assertTrue(refused.isPresent() && refused.get().matches("(parameter 'big'|the optimizer's state '1\\.\\w+' "
                + "\\(of parameter 'big'\\)) value " + (BIG - 1) + " would become (-?Infinity|NaN)"),
                refused.toString());
        assertArrayEquals(before, Harness.values(parameters), 0.0, "values after a refused step");
        optimizer.setLearningRate(stateBefore.get("lr")[0]);
        assertStateEquals(stateBefore, optimizer.state());
    }

    /** Adam's v overflows in the last element while the value there stays finite (m / sqrt(inf) is 0). */
    @Test
    void aNonFiniteStateInTheLastChunkOnlyIsRefused() {
        Optimizer adam = Harness.create("adam", "");
        List<Parameter> parameters = parameters();
        setGradients(parameters, 0);
        assertEquals(Optional.empty(), adam.stepIfFinite(parameters));
        double[] before = Harness.values(parameters);
        Map<String, double[]> stateBefore = adam.state();

        setGradients(parameters, 1);
        parameters.get(1).grad()[BIG - 1] = 1e200;
        assertEquals(Optional.of("the optimizer's state '1.exp_avg_sq' (of parameter 'big') value " + (BIG - 1)
                + " would become Infinity"), adam.stepIfFinite(parameters));
        assertArrayEquals(before, Harness.values(parameters), 0.0);
        assertStateEquals(stateBefore, adam.state());
    }

    /**
     * A parameter's values are named before its state, wherever they are: RMSprop's v overflows
     * in the first chunk (where g / sqrt(v) is 0 and the value stays) and the value in the last
     * (lr times g / sqrt(v), about 10); the message names the value, as one pass over whole
     * arrays would.
     */
    @Test
    void aValueInALaterChunkIsNamedBeforeTheStateInAnEarlierOne() {
        Optimizer rmsprop = Harness.create("rmsprop", "lr=1e306");
        Parameter big = new Parameter("big", BIG);
        big.value()[BIG - 1] = -Double.MAX_VALUE;
        big.grad()[0] = 1e200;
        big.grad()[BIG - 1] = 1;
        assertEquals(Optional.of("parameter 'big' value " + (BIG - 1) + " would become -Infinity"),
                rmsprop.stepIfFinite(List.of(big)));
    }

    /** {@code small} of 5 elements and {@code big} of {@link #BIG}, ramps of small values. */
    private static List<Parameter> parameters() {
        Parameter small = new Parameter("small", SMALL);
        Parameter big = new Parameter("big", BIG);
        for (Parameter p : List.of(small, big)) {
            for (int i = 0; i < p.size(); i++) {
                p.value()[i] = Math.sin(i + p.size()) * 0.5;
            }
        }
        return List.of(small, big);
    }

    /** Gradients of step t: different in every element and at every step. */
    private static void setGradients(List<Parameter> parameters, int t) {
        for (Parameter p : parameters) {
            for (int i = 0; i < p.size(); i++) {
                p.grad()[i] = Math.cos(0.37 * i + 1.3 * t + p.size());
            }
        }
    }

    /** The number of doubles in the state's per-parameter buffers. */
    private static long stateElements(Optimizer optimizer) {
        return optimizer.state().entrySet().stream().filter(e -> e.getKey().matches("\\d+\\..+"))
                .mapToLong(e -> e.getValue().length).sum();
    }

    /** The doubles in the arrays reachable from o through fields of this package's classes and arrays. */
    static long doublesReachableFrom(Object o) throws IllegalAccessException {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>(List.of(o));
        long doubles = 0;
        while (!todo.isEmpty()) {
            Object x = todo.pop();
            if (!seen.add(x)) {
                continue;
            }
            if (x instanceof double[] a) {
                doubles += a.length;
            } else if (x instanceof Object[] a) {
                for (Object e : a) {
                    if (e != null) {
                        todo.push(e);
                    }
                }
            } else if (x.getClass().getPackageName().equals(NonFiniteChunkTest.class.getPackageName())) {
                for (Class<?> c = x.getClass(); c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                            f.setAccessible(true);
                            Object v = f.get(x);
                            if (v != null) {
                                todo.push(v);
                            }
                        }
                    }
                }
            }
        }
        return doubles;
    }

    private static void assertStateEquals(Map<String, double[]> expected, Map<String, double[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()), 0.0, e.getKey());
        }
    }
}
