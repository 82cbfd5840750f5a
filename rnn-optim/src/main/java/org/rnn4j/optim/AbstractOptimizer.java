package org.rnn4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * <p>{@link #state()} names the entries {@code step} (the step count t), {@code lr} (the
 * learning rate in force), {@code sizes} (the parameter sizes, once the first step has fixed
 * them) and {@code <p>.<slot>} for parameter {@code p}'s buffers, with the slot names of
 * {@link #slotName(int)} (PyTorch's: {@code momentum_buffer}, {@code sum}, {@code square_avg},
 * {@code exp_avg}, ...).
 *
 * <p>{@link #stepIfFinite(List)} computes the step into a second set of buffers (new values,
 * new state), checks every number there, and only then copies the values in and swaps the state
 * buffers: a refused step changes nothing, and a kept one costs one more pass over the values
 * than {@link #step(List)}, with nothing allocated after the first call.
 */
abstract class AbstractOptimizer implements Optimizer {

    private static final String STEP = "step";
    private static final String LR = "lr";
    private static final String SIZES = "sizes";
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
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(STEP, new double[] {steps});
        m.put(LR, new double[] {lr});
        if (sizes != null) {
            double[] s = new double[sizes.length];
            for (int p = 0; p < s.length; p++) {
                s[p] = sizes[p];
            }
            m.put(SIZES, s);
            for (int p = 0; p < sizes.length; p++) {
                for (int k = 0; k < slots; k++) {
                    m.put(p + "." + slotName(k), state[p][k].clone());
                }
            }
        }
        return m;
    }

    @Override
    public final void restore(Map<String, double[]> snapshot) {
        Objects.requireNonNull(snapshot, "state");
        long t = wholeNumber(snapshot, STEP, 1L << 53);
        double newLr = Settings.checkLearningRate(name, single(snapshot, LR));
        int[] newSizes = null;
        double[][][] newState = null;
        int expectedKeys = 2;
        if (snapshot.containsKey(SIZES)) {
            double[] s = snapshot.get(SIZES);
            if (s == null) {
                throw new IllegalArgumentException(prefix() + "state entry '" + SIZES + "' is null");
            }
            newSizes = new int[s.length];
            newState = new double[s.length][slots][];
            for (int p = 0; p < s.length; p++) {
                if (!(s[p] >= 1 && s[p] <= Integer.MAX_VALUE && s[p] == Math.rint(s[p]))) {
                    throw new IllegalArgumentException(prefix() + "state entry '" + SIZES + "' value " + p + " is "
                            + s[p] + "; sizes are whole numbers >= 1");
                }
                newSizes[p] = (int) s[p];
                for (int k = 0; k < slots; k++) {
                    newState[p][k] = buffer(snapshot, p + "." + slotName(k), newSizes[p]);
                }
            }
            expectedKeys += 1 + s.length * slots;
        } else if (t > 0 && slots > 0) {
            throw new IllegalArgumentException(prefix() + "state at step " + t + " has no entry '" + SIZES
                    + "'; after the first step the parameter sizes and buffers are part of the state");
        }
        if (snapshot.size() != expectedKeys) {
            throw new IllegalArgumentException(prefix() + "state has unexpected entries " + unexpected(snapshot, newSizes)
                    + "; expected step, lr, sizes and <index>.<slot> with slots " + slotNames());
        }
        steps = t;
        lr = newLr;
        sizes = newSizes;
        state = newState;
        nextValues = null;
        nextState = null;
    }

    private String slotNames() {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < slots; k++) {
            names.add(slotName(k));
        }
        return names.toString();
    }

    private List<String> unexpected(Map<String, double[]> snapshot, int[] newSizes) {
        List<String> extra = new ArrayList<>();
        for (String key : snapshot.keySet()) {
            boolean known = key.equals(STEP) || key.equals(LR) || (newSizes != null && key.equals(SIZES));
            for (int p = 0; newSizes != null && p < newSizes.length && !known; p++) {
                for (int k = 0; k < slots && !known; k++) {
                    known = key.equals(p + "." + slotName(k));
                }
            }
            if (!known) {
                extra.add(key);
            }
        }
        return extra;
    }

    private double single(Map<String, double[]> snapshot, String key) {
        double[] v = snapshot.get(key);
        if (v == null || v.length != 1) {
            throw new IllegalArgumentException(prefix() + "state needs entry '" + key + "' holding one number, got "
                    + (v == null ? "none" : v.length + " numbers"));
        }
        return v[0];
    }

    private long wholeNumber(Map<String, double[]> snapshot, String key, long max) {
        double v = single(snapshot, key);
        if (!(v >= 0 && v <= max && v == Math.rint(v))) {
            throw new IllegalArgumentException(prefix() + "state entry '" + key + "' must be a whole number in [0, "
                    + max + "], got " + v);
        }
        return (long) v;
    }

    private double[] buffer(Map<String, double[]> snapshot, String key, int size) {
        double[] v = snapshot.get(key);
        if (v == null) {
            throw new IllegalArgumentException(prefix() + "state has no entry '" + key + "'");
        }
        if (v.length != size) {
            throw new IllegalArgumentException(prefix() + "state entry '" + key + "' has " + v.length
                    + " numbers, but its parameter has " + size);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(prefix() + "state entry '" + key + "' value " + i + " is " + v[i]
                        + "; only finite values are allowed");
            }
        }
        return v.clone();
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
