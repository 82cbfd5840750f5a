package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;

/**
 * {@link Optimizer#state()} and {@link Optimizer#restore(Map)}: k steps, a snapshot, a new
 * optimizer restored from it and the remaining steps give bit for bit the values of the
 * uninterrupted run, for every optimizer and every kind of state it keeps.
 */
final class CheckpointStateTest {

    /** A learning-rate schedule that changes the rate at step 2, so lr must be part of the state. */
    private static final double[] SCHEDULE = {Double.NaN, 0.02, Double.NaN, Double.NaN};

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("sgd", "lr=0.1"),
                Arguments.of("sgd", "lr=0.1 momentum=0.9 nesterov=true"),
                Arguments.of("sgd", "lr=0.1 momentum=0.5 dampening=0.3 weight_decay=0.1"),
                Arguments.of("adagrad", "lr=0.1 lr_decay=0.1 initial_accumulator_value=0.5"),
                Arguments.of("rmsprop", "lr=0.01"),
                Arguments.of("rmsprop", "lr=0.01 centered=true momentum=0.9 weight_decay=0.1"),
                Arguments.of("rmsprop", "lr=0.01 momentum=0.9"),
                Arguments.of("adam", ""),
                Arguments.of("adam", "lr=0.01 amsgrad=true weight_decay=0.1 beta2=0.5"),
                Arguments.of("adamw", "lr=0.01 amsgrad=true beta2=0.5"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configurations")
    void resumedStepsEqualUninterruptedStepsBitForBit(String name, String settings) {
        double[][] straight = Harness.run(Harness.create(name, settings), Harness.parameters(), Harness.GRADS,
                SCHEDULE);
        for (int k = 0; k <= Harness.GRADS.length; k++) {
            double[][] resumed = resume(name, settings, k, s -> { });
            for (int t = 0; t < straight.length; t++) {
                assertArrayEquals(straight[t], resumed[t], 0.0, name + " " + settings + ": resumed after " + k
                        + " steps, step " + (t + 1));
                for (int i = 0; i < straight[t].length; i++) {
                    assertEquals(Double.doubleToRawLongBits(straight[t][i]), Double.doubleToRawLongBits(resumed[t][i]));
                }
            }
        }
    }

    /** The test above has teeth: forgetting any one entry of the state changes the result. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configurations")
    void everyEntryOfTheStateMatters(String name, String settings) {
        double[][] straight = Harness.run(Harness.create(name, settings), Harness.parameters(), Harness.GRADS,
                SCHEDULE);
        Map<String, double[]> snapshot = snapshotAfter(name, settings, 2);
        for (String key : snapshot.keySet()) {
            boolean stepUnused = name.equals("rmsprop") || name.equals("sgd") && !settings.contains("momentum");
            if (key.equals("sizes") || key.equals("step") && stepUnused) {
                continue;
            }
            double[][] disturbed = resume(name, settings, 2, s -> {
                double[] v = s.get(key);
                v[0] = key.equals("step") ? 0 : v[0] * 2 + 1;
            });
            assertFalse(Arrays.deepEquals(straight, disturbed), name + ": entry '" + key + "' makes no difference");
        }
    }

    @Test
    void namesArePyTorchsBufferNames() {
        assertEquals(List.of("step", "lr", "sizes", "0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq", "1.exp_avg",
                "1.exp_avg_sq", "1.max_exp_avg_sq"), List.copyOf(snapshotAfter("adam", "amsgrad=true", 1).keySet()));
        assertEquals(List.of("step", "lr", "sizes", "0.square_avg", "0.grad_avg", "0.momentum_buffer",
                "1.square_avg", "1.grad_avg", "1.momentum_buffer"),
                List.copyOf(snapshotAfter("rmsprop", "centered=true momentum=0.5", 1).keySet()));
        assertEquals(List.of("step", "lr", "sizes", "0.momentum_buffer", "1.momentum_buffer"),
                List.copyOf(snapshotAfter("sgd", "momentum=0.5", 1).keySet()));
        assertEquals(List.of("step", "lr", "sizes", "0.sum", "1.sum"),
                List.copyOf(snapshotAfter("adagrad", "", 1).keySet()));
        assertEquals(List.of("step", "lr"), List.copyOf(snapshotAfter("adamw", "", 0).keySet()));
        assertArrayEquals(new double[] {3, 2}, snapshotAfter("sgd", "", 1).get("sizes"), 0.0);
    }

    @Test
    void theSnapshotIsACopyAndRestoreCopiesToo() {
        Optimizer a = Harness.create("adam", "lr=0.01");
        List<Parameter> ps = Harness.parameters();
        Harness.run(a, ps, Arrays.copyOfRange(Harness.GRADS, 0, 2), Harness.KEEP_LR);
        Map<String, double[]> first = a.state();
        double before = first.get("0.exp_avg")[0];
        Harness.run(a, ps, Arrays.copyOfRange(Harness.GRADS, 2, 3), Harness.KEEP_LR);
        assertEquals(before, first.get("0.exp_avg")[0], 0.0, "a later step changed an earlier snapshot");

        Optimizer b = Harness.create("adam", "lr=0.01");
        b.restore(first);
        first.get("0.exp_avg")[0] = 1e9;
        assertEquals(before, b.state().get("0.exp_avg")[0], 0.0, "restore kept the caller's array");
    }

    @Test
    void badSnapshotsAreRejectedByNameAndChangeNothing() {
        Map<String, double[]> good = snapshotAfter("adam", "amsgrad=true", 2);
        assertRejected("adam", "amsgrad=true", good, s -> s.remove("0.max_exp_avg_sq"),
                "no entry '0.max_exp_avg_sq'");
        assertRejected("adam", "", good, s -> { }, "unexpected entries [0.max_exp_avg_sq, 1.max_exp_avg_sq]");
        assertRejected("adam", "amsgrad=true", good, s -> s.put("0.exp_avg", new double[] {1, 2}),
                "'0.exp_avg' has 2 numbers, but its parameter has 3");
        assertRejected("adam", "amsgrad=true", good, s -> s.get("1.exp_avg_sq")[1] = Double.NaN,
                "'1.exp_avg_sq' value 1 is NaN");
        assertRejected("adam", "amsgrad=true", good, s -> s.put("step", new double[] {-1}),
                "'step' must be a whole number in [0, 9007199254740992], got -1.0");
        assertRejected("adam", "amsgrad=true", good, s -> s.put("step", new double[] {1.5}), "got 1.5");
        assertRejected("adam", "amsgrad=true", good, s -> s.put("lr", new double[] {-0.1}),
                "lr must be a finite number >= 0, got -0.1");
        assertRejected("adam", "amsgrad=true", good, s -> s.remove("lr"), "needs entry 'lr' holding one number");
        assertRejected("adam", "amsgrad=true", good, s -> s.remove("sizes"), "has no entry 'sizes'");
        assertRejected("adam", "amsgrad=true", good, s -> s.put("sizes", new double[] {3, 0}),
                "'sizes' value 1 is 0.0");
        assertRejected("adam", "amsgrad=true", good, s -> s.put("extra", new double[] {1}),
                "unexpected entries [extra]");
    }

    @Test
    void restoredSizesStillGuardTheParameterList() {
        Optimizer b = Harness.create("sgd", "momentum=0.9");
        b.restore(snapshotAfter("sgd", "momentum=0.9", 1));
        Parameter other = new Parameter("x", 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.step(List.of(other, new Parameter("b", 2))));
        assertTrue(e.getMessage().contains("parameter 0 ('x') has 4 elements, but had 3"), e.getMessage());
    }

    private static void assertRejected(String name, String settings, Map<String, double[]> good,
            Consumer<Map<String, double[]>> damage, String expected) {
        Optimizer o = Harness.create(name, settings);
        Harness.run(o, Harness.parameters(), Arrays.copyOfRange(Harness.GRADS, 0, 1), Harness.KEEP_LR);
        Map<String, double[]> before = o.state();
        Map<String, double[]> bad = deepCopy(good);
        damage.accept(bad);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.restore(bad));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("optimizer '" + name + "': "), e.getMessage());
        Map<String, double[]> after = o.state();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), 0.0, k + " changed by a rejected restore"));
    }

    private static Map<String, double[]> snapshotAfter(String name, String settings, int k) {
        Optimizer o = Harness.create(name, settings);
        Harness.run(o, Harness.parameters(), Arrays.copyOfRange(Harness.GRADS, 0, k), Arrays.copyOf(SCHEDULE, k));
        return o.state();
    }

    /**
     * k steps on one optimizer, a snapshot (passed through {@code tamper}), then a new optimizer
     * and new parameter objects holding the values so far take the remaining steps.
     */
    private static double[][] resume(String name, String settings, int k, Consumer<Map<String, double[]>> tamper) {
        List<Parameter> first = Harness.parameters();
        Optimizer before = Harness.create(name, settings);
        double[][] head = Harness.run(before, first, Arrays.copyOfRange(Harness.GRADS, 0, k), Arrays.copyOf(SCHEDULE, k));
        Map<String, double[]> snapshot = deepCopy(before.state());
        tamper.accept(snapshot);
        Optimizer after = Harness.create(name, settings);
        after.restore(snapshot);
        List<Parameter> second = Harness.parameters(Harness.values(first));
        double[][] tail = Harness.run(after, second, Arrays.copyOfRange(Harness.GRADS, k, Harness.GRADS.length),
                Arrays.copyOfRange(SCHEDULE, k, SCHEDULE.length));
        double[][] all = Arrays.copyOf(head, Harness.GRADS.length);
        System.arraycopy(tail, 0, all, k, tail.length);
        return all;
    }

    private static Map<String, double[]> deepCopy(Map<String, double[]> m) {
        Map<String, double[]> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, v.clone()));
        return c;
    }
}
