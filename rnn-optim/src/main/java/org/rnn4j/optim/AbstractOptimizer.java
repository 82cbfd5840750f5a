package org.rnn4j.optim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;

/**
 * What all optimizers here share: the learning rate, the step count and per-parameter state.
 *
 * <p>The state of parameter {@code p} (its position in the list) is {@code slots} arrays of the
 * parameter's size, made zero at the first step (then {@link #initialize(double[][])}), kept
 * until {@link #reset()}. Later steps must pass a list with the same number of parameters and
 * the same sizes; nothing is allocated after the first step.
 *
 * <p>{@link #state()} and {@link #restore(Map)} name the entries as {@link StateSnapshot} says,
 * with the slot names of {@link #slotName(int)}.
 *
 * <p>{@link #stepIfFinite(List)} computes the step into a second set of buffers (new values,
 * new state), checks every number there, and only then copies the values in and swaps the state
 * buffers: a refused step changes nothing, and a kept one costs one more pass over the values
 * than {@link #step(List)}, with nothing allocated after the first call.
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
    /** What {@link #stepIfFinite(List)} computes into: the values, then the state; null before it is called. */
    private double[][] nextValues;
    private double[][][] nextState;

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
     * Updates one parameter: reads the values and state before the step, writes those after it.
     * The new arrays may be the old ones (an update in place), so element {@code i} of the new
     * arrays is written only after element {@code i} of the old ones has been read.
     *
     * @param t the step number, 1 at the first step after creation or {@link #reset()}
     * @param theta the values before the step, not to be changed (unless it is {@code newTheta})
     * @param grad the gradient dL/dtheta, not to be changed
     * @param state this parameter's state arrays before the step, each as long as {@code theta}
     * @param newTheta where the values after the step go
     * @param newState where the state after the step goes, arrays as {@code state}'s
     */
    abstract void update(long t, double[] theta, double[] grad, double[][] state, double[] newTheta,
            double[][] newState);

    /**
     * Sets the initial state of one parameter, called at the first step; the arrays are zero.
     *
     * @param state this parameter's state arrays
     */
    void initialize(double[][] state) {
        // zero is the usual start
    }

    /**
     * The name of state slot {@code slot} in checkpoints; the optimizers here use PyTorch's.
     *
     * @param slot from 0 to the number of slots - 1
     * @return the name: letters, digits and '_'
     */
    String slotName(int slot) {
        return "slot" + slot;
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
            update(steps, parameter.value(), parameter.grad(), state[p], parameter.value(), state[p]);
        }
    }

    @Override
    public final Optional<String> stepIfFinite(List<Parameter> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        boolean first = sizes == null;
        if (first) {
            start(parameters);
        } else {
            checkSameAsFirst(parameters);
        }
        if (nextValues == null || nextValues.length != sizes.length) {
            nextValues = new double[sizes.length][];
            nextState = new double[sizes.length][][];
            for (int p = 0; p < sizes.length; p++) {
                nextValues[p] = new double[sizes[p]];
                nextState[p] = new double[slots][sizes[p]];
            }
        }
        for (int p = 0; p < sizes.length; p++) {
            Parameter parameter = parameters.get(p);
            update(steps + 1, parameter.value(), parameter.grad(), state[p], nextValues[p], nextState[p]);
            String bad = firstNonFinite(p, parameter);
            if (bad != null) {
                if (first) {
                    reset();
                }
                return Optional.of(bad);
            }
        }
        steps++;
        for (int p = 0; p < sizes.length; p++) {
            System.arraycopy(nextValues[p], 0, parameters.get(p).value(), 0, sizes[p]);
            double[][] was = state[p];
            state[p] = nextState[p];
            nextState[p] = was;
        }
        return Optional.empty();
    }

    /** The first non-finite number of parameter p's values or state after the step, or null. */
    private String firstNonFinite(int p, Parameter parameter) {
        int i = firstNonFinite(nextValues[p]);
        if (i >= 0) {
            return "parameter '" + parameter.name() + "' value " + i + " would become " + nextValues[p][i];
        }
        for (int k = 0; k < slots; k++) {
            i = firstNonFinite(nextState[p][k]);
            if (i >= 0) {
                return "the optimizer's state '" + p + "." + slotName(k) + "' (of parameter '" + parameter.name()
                        + "') value " + i + " would become " + nextState[p][k][i];
            }
        }
        return null;
    }

    /** The index of the first NaN or infinity in a, or -1. */
    private static int firstNonFinite(double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public final void reset() {
        steps = 0;
        sizes = null;
        state = null;
        nextValues = null;
        nextState = null;
    }

    @Override
    public final double learningRate() {
        return lr;
    }

    @Override
    public final void setLearningRate(double lr) {
        this.lr = Settings.checkLearningRate(name, lr);
    }

    @Override
    public final Map<String, double[]> state() {
        return snapshot().write(new StateSnapshot.Contents(steps, lr, sizes, state));
    }

    @Override
    public final void restore(Map<String, double[]> snapshot) {
        StateSnapshot.Contents read = snapshot().read(snapshot);
        steps = read.steps();
        lr = read.lr();
        sizes = read.sizes();
        state = read.state();
        nextValues = null;
        nextState = null;
    }

    /** The naming of this optimizer's state. */
    private StateSnapshot snapshot() {
        String[] names = new String[slots];
        for (int k = 0; k < slots; k++) {
            names[k] = slotName(k);
        }
        return new StateSnapshot(name, names);
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
