package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
import org.rnn4j.api.Precision;

/**
 * The five optimizers on float32 parameters: float32 state, no double copy of values, gradient
 * or state (the scratch only), and each step exactly the float64 step of the same floats
 * (values, gradient, state widened), rounded to float; a snapshot resumes bit for bit; a plug-in
 * optimizer written against value()/grad() gives what a built-in one does.
 */
final class Float32StateTest {

    private static final int BIG = 2 * AbstractOptimizer.CHUNK + 3;

    static Stream<Arguments> optimizers() {
        return LifecycleTest.optimizers();
    }

    private static List<Parameter> parameters(Precision precision, int t) {
        List<Parameter> ps = new ArrayList<>();
        for (int size : new int[] {5, BIG}) {
            Parameter p = new Parameter(precision, "p" + size, size);
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                v[i] = Math.sin(i + size) * 0.5;
            }
            p.set(v);
            ps.add(p);
        }
        grads(ps, t);
        return ps;
    }

    /** Float gradients of step t, written through the float accessor (float32) or grad(). */
    private static void grads(List<Parameter> ps, int t) {
        for (Parameter p : ps) {
            for (int i = 0; i < p.size(); i++) {
                float g = (float) Math.cos(0.37 * i + 1.3 * t + p.size());
                if (p.precision() == Precision.FLOAT32) {
                    p.floatGrad()[i] = g;
                } else {
                    p.grad()[i] = g;
                }
            }
        }
    }

    private static double[] values(List<Parameter> ps) {
        return ps.stream().flatMapToDouble(p -> java.util.Arrays.stream(p.values())).toArray();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void aFloat32StepIsTheFloat64StepOfTheSameFloatsRounded(Harness.Spec spec, String settings) throws Exception {
        Optimizer f32 = Harness.create(spec.name(), settings);
        List<Parameter> ps = parameters(Precision.FLOAT32, 0);
        // the first step starts the state: its initial value rounded to float (Adagrad's 0.2 is
        // 0.2f), which a float64 twin cannot start from; from the second on, the twin restores it
        f32.step(ps);
        for (int t = 1; t < 5; t++) {
            grads(ps, t);
            Map<String, double[]> before = f32.state();
            // the float64 twin: same floats, widened; same state, widened (exact)
            Optimizer f64 = Harness.create(spec.name(), settings);
            List<Parameter> twin = parameters(Precision.FLOAT64, t);
            for (int p = 0; p < ps.size(); p++) {
                twin.get(p).set(ps.get(p).values());
            }
            f64.restore(before);
            assertEquals(Optional.empty(), f32.stepIfFinite(ps));
            f64.step(twin);
            double[] expected = values(twin);
            Precision.FLOAT32.round(expected);
            assertArrayEquals(expected, values(ps), 0.0, "step " + t + ": the values");
            Map<String, double[]> got = f32.state();
            Map<String, double[]> want = f64.state();
            for (Map.Entry<String, double[]> e : want.entrySet()) {
                double[] w = e.getValue().clone();
                if (e.getKey().matches("\\d+\\..+")) {
                    Precision.FLOAT32.round(w);
                }
                assertArrayEquals(w, got.get(e.getKey()), 0.0, "step " + t + ": state " + e.getKey());
            }
        }
        for (Parameter p : ps) {
            assertFalse(p.staged(), p + ": the optimizer made a double staging array");
        }
        long slots = f32.state().keySet().stream().filter(k -> k.startsWith("1.")).count();
        long held = NonFiniteChunkTest.doublesReachableFrom(f32);
        assertTrue(held <= (2 + slots) * AbstractOptimizer.CHUNK, "the optimizer holds " + held
                + " doubles; its float32 state is floats, only the scratch is double");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void aSnapshotOfFloat32StateResumesBitForBit(Harness.Spec spec, String settings) {
        Optimizer a = Harness.create(spec.name(), settings);
        List<Parameter> ps = parameters(Precision.FLOAT32, 0);
        for (int t = 0; t < 2; t++) {
            grads(ps, t);
            a.step(ps);
        }
        Optimizer b = Harness.create(spec.name(), settings);
        b.restore(a.state());
        List<Parameter> copy = parameters(Precision.FLOAT32, 0);
        for (int p = 0; p < ps.size(); p++) {
            copy.get(p).set(ps.get(p).values());
        }
        for (int t = 2; t < 5; t++) {
            grads(ps, t);
            grads(copy, t);
            a.step(ps);
            b.step(copy);
        }
        assertArrayEquals(values(ps), values(copy), 0.0);
        assertEquals(a.state().keySet(), b.state().keySet());
        a.state().forEach((k, v) -> assertArrayEquals(v, b.state().get(k), 0.0, k));
    }

    /** Plain SGD written the way a plug-in is: against value() and grad(). */
    private static void pluginSgd(List<Parameter> ps, double lr) {
        for (Parameter p : ps) {
            double[] v = p.value();
            double[] g = p.grad();
            for (int i = 0; i < v.length; i++) {
                v[i] -= lr * g[i];
            }
        }
    }

    @Test
    void aPluginOptimizerThroughValueAndGradMatchesTheBuiltInOne() {
        List<Parameter> plugin = parameters(Precision.FLOAT32, 0);
        List<Parameter> builtIn = parameters(Precision.FLOAT32, 0);
        Optimizer sgd = Harness.create("sgd", "lr=0.3");
        for (int t = 0; t < 3; t++) {
            grads(plugin, t);
            grads(builtIn, t);
            pluginSgd(plugin, 0.3);
            sgd.step(builtIn);
            // what the next forward pass does: read the floats, which rounds the staged step back
            plugin.forEach(Parameter::floats);
        }
        assertArrayEquals(values(builtIn), values(plugin), 0.0);
        assertTrue(plugin.get(0).staged());
        assertFalse(values(builtIn)[0] == parameters(Precision.FLOAT32, 0).get(0).values()[0], "no step: no test");
    }
}
