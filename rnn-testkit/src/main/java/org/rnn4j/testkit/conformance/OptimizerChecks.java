package org.rnn4j.testkit.conformance;

import static org.rnn4j.testkit.conformance.OptimizerCases.cases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.OptimizerProvider;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.testkit.property.Property;

/**
 * The {@link Optimizer} contract, the parts that hold for every optimizer whatever its
 * equation: it descends, it is deterministic, {@code reset()} makes it new, a zero learning
 * rate changes nothing, gradients are left alone, and bad input is refused. An optimizer's own
 * equation is checked with {@link #followsReference}, given the equation written independently
 * (rnn4j's optimizers have theirs in rnn-optim's tests).
 *
 * <p>Cases are one to three parameters of 1 to 8 elements on the convex quadratic
 * <pre>
 *   L(theta) = sum_i 1/2 c_i (theta_i - theta*_i)^2,   c_i in [0.5, 2], theta*_i in [-1, 1],
 * </pre>
 * starting 0.5 to 1.5 from the minimum in every coordinate.
 */
public final class OptimizerChecks {

    /** The learning rate of the descent check: small enough that no step crosses the minimum. */
    static final double SMALL_LR = 1e-3;
    /** Steps of the descent check: at most 10 x 10 lr = 0.1 of travel (RMSprop's first steps are ~10 lr). */
    static final int DESCENT_STEPS = 10;
    /** Steps of the other checks. */
    static final int STEPS = 4;

    private OptimizerChecks() {
    }

    /**
     * The shapes of one case.
     *
     * @param sizes the element count of each parameter
     * @param valueSeed the seed of the numbers
     */
    public record Case(List<Integer> sizes, long valueSeed) {
        /** Copies the sizes. */
        public Case {
            sizes = List.copyOf(sizes);
        }

        /** @return {@code "parameters of sizes [3, 1]; values #5"} */
        @Override
        public String toString() {
            return "parameters of sizes " + sizes + "; values #" + valueSeed;
        }
    }

    /**
     * An optimizer's own update written independently, on all parameters concatenated.
     */
    @FunctionalInterface
    public interface Reference {
        /**
         * One step.
         *
         * @param t the step number, 1 at the first step
         * @param lr the learning rate
         * @param theta the values, to update in place
         * @param grad the gradient of this step
         */
        void step(int t, double lr, double[] theta, double[] grad);
    }

    /**
     * With learning rate 1e-3 on the quadratic, far from its minimum, every step lowers the loss.
     *
     * @param provider the optimizer's provider
     * @param settings its hyperparameters
     * @return the property
     */
    public static Property<Case> descends(OptimizerProvider provider, Options settings) {
        return new Property<>(provider.name() + ": each small step lowers a convex quadratic", cases(), c -> {
            OptimizerProblem p = new OptimizerProblem(c);
            Optimizer o = provider.create(settings);
            o.setLearningRate(SMALL_LR);
            double before = p.loss();
            for (int t = 1; t <= DESCENT_STEPS; t++) {
                p.writeGradient();
                o.step(p.parameters);
                double after = p.loss();
                if (!(after < before)) {
                    throw new AssertionError(provider.name() + ": step " + t + " with learning rate " + SMALL_LR
                            + " moved the loss from " + before + " to " + after + "; it must go down");
                }
                before = after;
            }
        });
    }

    /**
     * A learning rate of 0 changes no value, and no step changes a gradient.
     *
     * @param provider the optimizer's provider
     * @param settings its hyperparameters
     * @return the property
     */
    public static Property<Case> zeroLearningRateAndGradientsKept(OptimizerProvider provider, Options settings) {
        return new Property<>(provider.name() + ": learning rate 0 changes nothing and gradients are left alone",
                cases(), c -> {
                    OptimizerProblem p = new OptimizerProblem(c);
                    Optimizer o = provider.create(settings);
                    o.setLearningRate(0);
                    double[] start = p.values();
                    for (int t = 1; t <= STEPS; t++) {
                        double[] g = p.writeRandomGradient();
                        o.step(p.parameters);
                        if (!Arrays.equals(g, p.gradients())) {
                            throw new AssertionError(provider.name() + ": step " + t + " changed the gradients from "
                                    + Arrays.toString(g) + " to " + Arrays.toString(p.gradients()));
                        }
                    }
                    if (!Arrays.equals(start, p.values())) {
                        throw new AssertionError(provider.name() + ": with learning rate 0 the values went from "
                                + Arrays.toString(start) + " to " + Arrays.toString(p.values()));
                    }
                });
    }

    /**
     * After some steps and {@code reset()}, the optimizer keeps its learning rate and takes
     * the same steps as a new one; two new ones given the same gradients take the same steps
     * (bit for bit).
     *
     * @param provider the optimizer's provider
     * @param settings its hyperparameters
     * @return the property
     */
    public static Property<Case> resetAndDeterminism(OptimizerProvider provider, Options settings) {
        return new Property<>(provider.name() + ": reset() makes it new and equal inputs give equal steps", cases(), c -> {
            double lr = 0.0123;
            OptimizerProblem p = new OptimizerProblem(c);
            Optimizer used = provider.create(settings);
            used.setLearningRate(lr);
            for (int t = 0; t < STEPS - 1; t++) {
                p.writeRandomGradient();
                used.step(p.parameters);
            }
            used.reset();
            if (used.learningRate() != lr) {
                throw new AssertionError(provider.name() + ": reset() changed the learning rate from " + lr + " to "
                        + used.learningRate());
            }
            double[] from = p.values();
            long gradientSeed = c.valueSeed() ^ 0x5A5AL;
            double[][] afterReset = p.trajectory(used, new SplittableRandom(gradientSeed));
            List<double[]> fresh = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                Optimizer o = provider.create(settings);
                o.setLearningRate(lr);
                p.setValues(from);
                fresh.add(flatten(p.trajectory(o, new SplittableRandom(gradientSeed))));
            }
            if (!Arrays.equals(fresh.get(0), fresh.get(1))) {
                throw new AssertionError(provider.name() + ": two new optimizers given the same gradients went "
                        + Arrays.toString(fresh.get(0)) + " and " + Arrays.toString(fresh.get(1)));
            }
            if (!Arrays.equals(fresh.get(0), flatten(afterReset))) {
                throw new AssertionError(provider.name() + ": after reset() it went " + Arrays.toString(flatten(afterReset))
                        + ", a new optimizer went " + Arrays.toString(fresh.get(0)));
            }
        });
    }

    /**
     * A step with another parameter list than the first step's is an
     * {@link IllegalArgumentException} and changes nothing; bad learning rates are refused and
     * the old one kept; the optimizer has its provider's name.
     *
     * @param provider the optimizer's provider
     * @param settings its hyperparameters
     * @return the property
     */
    public static Property<Property.Fixed> refusesBadInput(OptimizerProvider provider, Options settings) {
        return Property.once(provider.name() + ": refuses another parameter list and bad learning rates", () -> {
            Optimizer o = provider.create(settings);
            if (!provider.name().equals(o.name())) {
                throw new AssertionError("provider '" + provider.name() + "' made an optimizer named '" + o.name() + "'");
            }
            o.setLearningRate(0.25);
            if (o.learningRate() != 0.25) {
                throw new AssertionError(provider.name() + ": setLearningRate(0.25) then learningRate() gave "
                        + o.learningRate());
            }
            for (double bad : new double[] {-1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
                try {
                    o.setLearningRate(bad);
                    throw new AssertionError(provider.name() + ": setLearningRate(" + bad + ") was accepted");
                } catch (IllegalArgumentException expected) {
                    if (o.learningRate() != 0.25) {
                        throw new AssertionError(provider.name() + ": a refused learning rate changed it to "
                                + o.learningRate(), expected);
                    }
                }
            }
            Parameter w = new Parameter("w", 3);
            w.set(0.5, -0.25, 1.0);
            Arrays.fill(w.grad(), 0.1);
            o.step(List.of(w));
            double[] before = w.value().clone();
            Parameter other = new Parameter("w", 4);
            try {
                o.step(List.of(other));
                throw new AssertionError(provider.name() + ": a step on a parameter of 4 elements after one of 3 was"
                        + " accepted");
            } catch (IllegalArgumentException expected) {
                if (!Arrays.equals(before, w.value())) {
                    throw new AssertionError(provider.name() + ": a refused step changed the values", expected);
                }
            }
        });
    }

    /**
     * A few steps equal the optimizer's documented equation, given as {@code reference}
     * (relative 1e-14 element by element).
     *
     * @param provider the optimizer's provider
     * @param settings its hyperparameters
     * @param reference the equation, written independently of the optimizer
     * @return the property
     */
    public static Property<Case> followsReference(OptimizerProvider provider, Options settings, Reference reference) {
        return new Property<>(provider.name() + ": steps follow its documented equation " + settings.asMap(), cases(),
                c -> {
                    OptimizerProblem p = new OptimizerProblem(c);
                    Optimizer o = provider.create(settings);
                    double[] theta = p.values();
                    SplittableRandom r = new SplittableRandom(c.valueSeed() ^ 0x3C3CL);
                    for (int t = 1; t <= STEPS; t++) {
                        double[] g = p.writeRandomGradient(r);
                        o.step(p.parameters);
                        reference.step(t, o.learningRate(), theta, g.clone());
                        double[] actual = p.values();
                        for (int i = 0; i < theta.length; i++) {
                            if (Math.abs(actual[i] - theta[i]) > 1e-14 * Math.max(1, Math.abs(theta[i]))) {
                                throw new AssertionError(provider.name() + ": after step " + t + " element " + i + " is "
                                        + actual[i] + ", its equation gives " + theta[i]);
                            }
                        }
                    }
                });
    }

    /**
     * On float32 parameters (a float32 network's) one step from float values and float gradients
     * lands within one float32 ulp of the float64 step from the same numbers, rounded, element by
     * element. A built-in optimizer computes exactly that step and rounds it; a plug-in written
     * against {@link Parameter#value()} and {@link Parameter#grad()} does the same through their
     * staging arrays; the ulp allows for state that starts at a value float32 cannot hold (an
     * Adagrad initial accumulator of 0.1 starts at 0.1f).
     *
     * @param provider the optimizer's provider
     * @param settings its hyperparameters
     * @return the property
     */
    public static Property<Case> float32StepIsTheFloat64StepRounded(OptimizerProvider provider, Options settings) {
        return new Property<>(provider.name() + ": a step of float32 parameters is the float64 step rounded "
                + settings.asMap(), cases(), c -> {
                    OptimizerProblem f = new OptimizerProblem(c, Precision.FLOAT32);
                    OptimizerProblem d = new OptimizerProblem(c, Precision.FLOAT64);
                    d.setValues(f.values());
                    double[] g = Values.uniform(new SplittableRandom(c.valueSeed() ^ 0x5A5AL), f.target.length, 1);
                    Precision.FLOAT32.round(g);
                    f.setGradients(g);
                    d.setGradients(g);
                    provider.create(settings).step(f.parameters);
                    provider.create(settings).step(d.parameters);
                    double[] actual = f.values();
                    double[] wide = d.values();
                    for (int i = 0; i < actual.length; i++) {
                        float want = (float) wide[i];
                        if (!(Math.abs(actual[i] - want) <= Math.ulp(want))) {
                            throw new AssertionError(provider.name() + ": element " + i + " of float32 parameters "
                                    + "became " + actual[i] + ", the float64 step from the same numbers gives "
                                    + wide[i] + " (" + want + " as a float)");
                        }
                    }
                });
    }

    private static double[] flatten(double[][] a) {
        return Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray();
    }
}
