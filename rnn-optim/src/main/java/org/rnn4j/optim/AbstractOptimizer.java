package org.rnn4j.optim;

import java.util.List;
import java.util.Objects;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;

/**
 * What all optimizers here share: the learning rate, the step count and per-parameter state.
 *
 * <p>The state of parameter {@code p} (its position in the list) is {@code slots} arrays of the
 * parameter's size, made zero at the first step (then {@link #initialize(double[][])}), kept
 * until {@link #reset()}. Later steps must pass a list with the same number of parameters and
 * the same sizes; nothing is allocated after the first step.
 */
abstract class AbstractOptimizer implements Optimizer {

    private static final String HINT =
            "; pass the same parameter list at every step, or call reset() before switching lists";

    private final String name;
    private final int slots;
    private double lr;
    private long steps;
    /** Sizes of the parameters at the first step; null before it. */
    private int[] sizes;
    /** {@code state[p][slot][element]}; null before the first step. */
    private double[][][] state;

    /**
     * @param name the provider name, for {@link #name()} and messages
     * @param lr the initial learning rate, finite and {@code >= 0}
     * @param slots how many state arrays each parameter needs
     */
    AbstractOptimizer(String name, double lr, int slots) {
        this.name = name;
        this.lr = Settings.checkLearningRate(name, lr);
        this.slots = slots;
    }

    /**
     * Updates one parameter in place.
     *
     * @param t the step number, 1 at the first step after creation or {@link #reset()}
     * @param theta the values, to update
     * @param grad the gradient dL/dtheta, not to be changed
     * @param state this parameter's state arrays, each as long as {@code theta}
     */
    abstract void update(long t, double[] theta, double[] grad, double[][] state);

    /**
     * Sets the initial state of one parameter, called at the first step; the arrays are zero.
     *
     * @param state this parameter's state arrays
     */
    void initialize(double[][] state) {
        // zero is the usual start
    }

    /**
     * The gradient with L2 weight decay folded in, {@code g + lambda * theta} (just {@code g} when
     * lambda is zero, as PyTorch skips the term).
     */
    static double withWeightDecay(double g, double theta, double lambda) {
        return lambda == 0 ? g : g + lambda * theta;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void step(List<Parameter> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (sizes == null) {
            start(parameters);
        } else {
            checkSameAsFirst(parameters);
        }
        steps++;
        for (int p = 0; p < sizes.length; p++) {
            Parameter parameter = parameters.get(p);
            update(steps, parameter.value(), parameter.grad(), state[p]);
        }
    }

    @Override
    public final void reset() {
        steps = 0;
        sizes = null;
        state = null;
    }

    @Override
    public final double learningRate() {
        return lr;
    }

    @Override
    public final void setLearningRate(double lr) {
        this.lr = Settings.checkLearningRate(name, lr);
    }

    private void start(List<Parameter> parameters) {
        int[] s = new int[parameters.size()];
        for (int p = 0; p < s.length; p++) {
            s[p] = nonNull(parameters, p).size();
        }
        double[][][] fresh = new double[s.length][][];
        for (int p = 0; p < s.length; p++) {
            fresh[p] = new double[slots][s[p]];
            initialize(fresh[p]);
        }
        sizes = s;
        state = fresh;
    }

    private void checkSameAsFirst(List<Parameter> parameters) {
        if (parameters.size() != sizes.length) {
            throw new IllegalArgumentException(prefix() + "got " + parameters.size() + " parameters, but "
                    + sizes.length + " at its first step" + HINT);
        }
        for (int p = 0; p < sizes.length; p++) {
            Parameter parameter = nonNull(parameters, p);
            if (parameter.size() != sizes[p]) {
                throw new IllegalArgumentException(prefix() + "parameter " + p + " ('" + parameter.name()
                        + "') has " + parameter.size() + " elements, but had " + sizes[p]
                        + " at its first step" + HINT);
            }
        }
    }

    private Parameter nonNull(List<Parameter> parameters, int p) {
        Parameter parameter = parameters.get(p);
        if (parameter == null) {
            throw new IllegalArgumentException(prefix() + "parameter " + p + " is null");
        }
        return parameter;
    }

    private String prefix() {
        return "optimizer '" + name + "': ";
    }
}
