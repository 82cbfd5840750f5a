package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.OptimizerProvider;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;

/**
 * Runs optimizers found through {@link ServiceLoader} on two small parameters with a fixed
 * gradient schedule and compares them with reference implementations written in the tests.
 */
final class Harness {

    static {
        // the tests may run inside the named module, which provides but does not use the service
        Harness.class.getModule().addUses(OptimizerProvider.class);
    }

    /** A plain reference implementation of one optimizer, keeping its own state. */
    @FunctionalInterface
    interface Reference {
        /**
         * One step on the whole (concatenated) parameter vector.
         *
         * @param t the step number from 1
         * @param lr the learning rate of this step
         * @param theta the values, updated in place
         * @param grad the gradient of this step
         */
        void step(int t, double lr, double[] theta, double[] grad);
    }

    /**
     * What a test knows of an optimizer.
     *
     * @param name the provider name
     * @param defaultLr the documented default learning rate
     * @param reference makes a fresh reference from the settings
     */
    record Spec(String name, double defaultLr, Function<Map<String, String>, Reference> reference) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Initial values of the first parameter, {@code w}. */
    static final double[] W0 = {0.8, -1.5, 2.25};
    /** Initial values of the second parameter, {@code b}. */
    static final double[] B0 = {-1.35, 0.6};
    /** The gradient of each step for {@code w} and {@code b} concatenated; different every step. */
    static final double[][] GRADS = {
        {0.3, -1.2, 0.05, 0.9, -0.15},
        {-0.7, -0.4, 0.9, 0.2, -0.6},
        {0.25, 1.6, -0.35, -1.1, 0.45},
        {1.1, -0.02, 0.6, 0.3, -0.8},
    };
    /** A schedule that never changes the learning rate (NaN: keep). */
    static final double[] KEEP_LR = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    /** Relative tolerance of comparisons with the references. */
    static final double TOLERANCE = 1e-15;

    private Harness() {
    }

    /** Parses {@code "k=v k=v"} (possibly empty) into ordered settings. */
    static Map<String, String> settings(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : text.trim().split("\\s+")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                result.put(kv[0], kv[1]);
            }
        }
        return result;
    }

    /** A setting as a number, or the default. */
    static double number(Map<String, String> settings, String key, double fallback) {
        String v = settings.get(key);
        return v == null ? fallback : Double.parseDouble(v);
    }

    /** A setting as a flag, or false. */
    static boolean flag(Map<String, String> settings, String key) {
        return Boolean.parseBoolean(settings.get(key));
    }

    /** A loader of all optimizer providers visible to the tests. */
    static ServiceLoader<OptimizerProvider> loader() {
        return ServiceLoader.load(OptimizerProvider.class);
    }

    /** The provider of that name, found through {@link ServiceLoader}. */
    static OptimizerProvider provider(String name) {
        OptimizerProvider found = null;
        for (OptimizerProvider p : loader()) {
            if (p.name().equals(name)) {
                found = p;
            }
        }
        assertNotNull(found, "no provider named " + name);
        return found;
    }

    /** Makes an optimizer through its provider. */
    static Optimizer create(String name, Map<String, String> settings) {
        return provider(name).create(new Options("optimizer '" + name + "'", settings));
    }

    /** Makes an optimizer through its provider from {@code "k=v k=v"}. */
    static Optimizer create(String name, String settings) {
        return create(name, settings(settings));
    }

    /** {@code w} and {@code b} holding the given concatenated values. */
    static List<Parameter> parameters(double[] values) {
        Parameter w = new Parameter("w", W0.length);
        Parameter b = new Parameter("b", B0.length);
        w.set(Arrays.copyOfRange(values, 0, W0.length));
        b.set(Arrays.copyOfRange(values, W0.length, values.length));
        return List.of(w, b);
    }

    /** {@code w} and {@code b} at their initial values. */
    static List<Parameter> parameters() {
        return parameters(concat(W0, B0));
    }

    /** The values of all parameters, concatenated. */
    static double[] values(List<Parameter> parameters) {
        return parameters.stream().flatMapToDouble(p -> Arrays.stream(p.value())).toArray();
    }

    /**
     * Steps the optimizer once per gradient row, first setting the learning rate where the
     * schedule is not NaN, and records the values after each step.
     */
    static double[][] run(Optimizer optimizer, List<Parameter> parameters, double[][] grads, double[] lrs) {
        double[][] trajectory = new double[grads.length][];
        for (int t = 0; t < grads.length; t++) {
            if (!Double.isNaN(lrs[t])) {
                optimizer.setLearningRate(lrs[t]);
            }
            int offset = 0;
            for (Parameter p : parameters) {
                System.arraycopy(grads[t], offset, p.grad(), 0, p.size());
                offset += p.size();
            }
            optimizer.step(parameters);
            trajectory[t] = values(parameters);
        }
        return trajectory;
    }

    /** The values after each step of {@link #GRADS} from the initial values, by the reference. */
    static double[][] reference(Spec spec, Map<String, String> settings, double[] lrs) {
        Reference reference = spec.reference().apply(settings);
        double lr = number(settings, "lr", spec.defaultLr());
        double[] theta = concat(W0, B0);
        double[][] trajectory = new double[GRADS.length][];
        for (int t = 0; t < GRADS.length; t++) {
            if (!Double.isNaN(lrs[t])) {
                lr = lrs[t];
            }
            reference.step(t + 1, lr, theta, GRADS[t].clone());
            trajectory[t] = theta.clone();
        }
        return trajectory;
    }

    /**
     * The optimizer made from {@code text} follows the reference for every step, and every setting
     * in {@code text} changes the reference's result (so the case really tests it).
     */
    static void assertMatchesReference(Spec spec, String text) {
        Map<String, String> settings = settings(text);
        double[][] expected = reference(spec, settings, KEEP_LR);
        assertClose(expected, run(create(spec.name(), settings), parameters(), GRADS, KEEP_LR));
        for (String key : settings.keySet()) {
            Map<String, String> without = new LinkedHashMap<>(settings);
            without.remove(key);
            assertFalse(Arrays.deepEquals(expected, reference(spec, without, KEEP_LR)),
                    () -> key + " has no effect in case '" + text + "', which therefore does not test it");
        }
    }

    /** Equal to {@link #TOLERANCE} relative, element by element, step by step. */
    static void assertClose(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length, "number of steps");
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t].length, actual[t].length, "number of values");
            for (int i = 0; i < expected[t].length; i++) {
                double e = expected[t][i];
                double a = actual[t][i];
                int step = t + 1;
                int element = i;
                assertTrue(Math.abs(a - e) <= TOLERANCE * Math.abs(e),
                        () -> "step " + step + ", element " + element + ": expected " + e + ", got " + a);
            }
        }
    }

    /** Two arrays one after the other. */
    static double[] concat(double[] a, double[] b) {
        double[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
