package org.rnn4j.optim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;

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
 * <p>{@link #stepIfFinite(List)} makes two passes. The first computes the step {@link #CHUNK}
 * elements at a time into scratch buffers of that size (one for the values, one a state slot,
 * allocated with the optimizer) and only checks that every number there is finite; the second,
 * when all are, applies the step in place exactly as {@link #step(List)} does. The update is a
 * function of (t, theta, grad, state) alone and Java 17's arithmetic is strict (JEP 306: no
 * fused or wider intermediate results), so the second pass computes the numbers the first
 * checked, bit for bit: a refused step changes nothing, and no second copy of the values or of
 * the state is kept (for Adam that would be three times the parameters). The price is one more
 * pass of the element-wise update per step, O(parameters), against the O(T B parameters)
 * multiply-adds of the forward and backward passes that made the gradient; nothing is
 * allocated per step.
 *
 * <p>A float32 {@link Parameter} (a float32 network's) gets float32 state: its slots are
 * {@code float[]}, half the bytes, and no {@code double} copy of its values, gradient or state
 * is made. The equations stay written once, in {@link #update}: each chunk of
 * {@link #CHUNK} elements of the floats (values, gradient, state) is widened, exactly, into
 * {@code double} scratch buffers, updated there in place, and rounded back to float (to
 * nearest), so a float32 step is the float64 step of the same floats, rounded. The check pass
 * of {@link #stepIfFinite(List)} checks the rounded numbers (a double beyond float32's range
 * would become infinite). {@link #state()} widens float state into its {@code double[]} entries
 * (exact), and {@link #restore(Map)}d state takes each parameter's precision at the next step
 * (rounding exact for state that was float32 when saved), so a checkpoint resumes bit for bit in
 * either precision.
 */
abstract class AbstractOptimizer implements Optimizer {

    /** How many elements the check pass of {@link #stepIfFinite(List)} computes at a time. */
    static final int CHUNK = 2048;

    private static final String HINT =
            "; pass the same parameter list at every step, or call reset() before switching lists";

    private final String name;
    private final int slots;
    private double lr;
    private long steps;
    /** Sizes of the parameters at the first step; null before it. */
    private int[] sizes;
    /**
     * {@code state[p][slot][element]} of a float64 parameter p (null for a float32 one, or before
     * the first step); {@code floatState[p]} likewise for a float32 one.
     */
    private double[][][] state;
    private float[][][] floatState;
    /** What the check pass of {@link #stepIfFinite(List)} computes the values into, CHUNK long. */
    private final double[] scratchTheta;
    /** What the check pass computes the state into: slots arrays CHUNK long. */
    private final double[][] scratchState;
    /** A float32 parameter's gradient chunk, widened; made at the first float32 step. */
    private double[] scratchGrad;

    /**
     * @param name the provider name, for {@link #name()} and messages
     * @param lr the initial learning rate, finite and {@code >= 0}
     * @param slots how many state arrays each parameter needs
     */
    AbstractOptimizer(String name, double lr, int slots) {
        this.name = name;
        this.lr = Settings.checkLearningRate(name, lr);
        this.slots = slots;
        this.scratchTheta = new double[CHUNK];
        this.scratchState = new double[slots][CHUNK];
    }

    /**
     * Updates elements {@code from} to {@code to - 1} of one parameter: reads the values, the
     * gradient and the state there before the step, and writes the values and the state after it
     * to {@code newTheta} and {@code newState}, element {@code i} to position
     * {@code i - from + at}. A step in place passes the parameter's own arrays with
     * {@code at == from}; then element {@code i} is written only after it has been read. The
     * result must depend on the arguments alone (and the learning rate and hyperparameters),
     * since {@link #stepIfFinite(List)} computes each step twice and relies on equal bits.
     *
     * @param t the step number, 1 at the first step after creation or {@link #reset()}
     * @param theta the values before the step, not to be changed (unless it is {@code newTheta})
     * @param grad the gradient dL/dtheta, not to be changed
     * @param state this parameter's state arrays before the step, each as long as {@code theta}
     * @param from the first element to update
     * @param to one past the last
     * @param newTheta where the values after the step go
     * @param newState where the state after the step goes, one array a slot as {@code state}
     * @param at where in {@code newTheta} and {@code newState} element {@code from} goes
     */
    abstract void update(long t, double[] theta, double[] grad, double[][] state, int from, int to,
            double[] newTheta, double[][] newState, int at);

    /**
     * Sets the initial state of one parameter, called at the first step; the arrays are zero.
     * It must set each element alike (a float32 parameter's state is initialized a chunk at a
     * time).
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
        checkList(parameters);
        apply(parameters);
    }

    @Override
    public final Optional<String> stepIfFinite(List<Parameter> parameters) {
        boolean first = checkList(parameters);
        for (int p = 0; p < sizes.length; p++) {
            String bad = firstNonFinite(p, parameters.get(p));
            if (bad != null) {
                if (first) {
                    reset();
                }
                return Optional.of(bad);
            }
        }
        apply(parameters);
        return Optional.empty();
    }

    /** Fixes the sizes at the first step, or checks the list against them; true at the first step. */
    private boolean checkList(List<Parameter> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (sizes == null) {
            start(parameters);
            return true;
        }
        checkSameAsFirst(parameters);
        for (int p = 0; p < sizes.length; p++) {
            matchPrecision(p, parameters.get(p).precision() == Precision.FLOAT32);
        }
        return false;
    }

    /**
     * Makes parameter p's state float32 or float64 as the parameter is (after {@link #restore},
     * whose snapshot is float64): widening is exact, rounding is for state that was float32.
     */
    private void matchPrecision(int p, boolean f32) {
        if (f32 && state[p] != null) {
            floatState[p] = new float[slots][];
            for (int k = 0; k < slots; k++) {
                floatState[p][k] = new float[sizes[p]];
                for (int i = 0; i < sizes[p]; i++) {
                    floatState[p][k][i] = (float) state[p][k][i];
                }
            }
            state[p] = null;
        } else if (!f32 && floatState[p] != null) {
            state[p] = widened(floatState[p]);
            floatState[p] = null;
        }
    }

    private static double[][] widened(float[][] slotsOf) {
        double[][] d = new double[slotsOf.length][];
        for (int k = 0; k < slotsOf.length; k++) {
            d[k] = new double[slotsOf[k].length];
            for (int i = 0; i < d[k].length; i++) {
                d[k][i] = slotsOf[k][i];
            }
        }
        return d;
    }

    /** The step, in place: the second pass of {@link #stepIfFinite(List)}, and all of {@link #step(List)}. */
    private void apply(List<Parameter> parameters) {
        steps++;
        for (int p = 0; p < sizes.length; p++) {
            Parameter parameter = parameters.get(p);
            if (floatState[p] != null) {
                float[] theta = parameter.floats();
                for (int from = 0; from < sizes[p]; from += CHUNK) {
                    int n = Math.min(CHUNK, sizes[p] - from);
                    widenedStep(steps, parameter, p, from, n);
                    for (int i = 0; i < n; i++) {
                        theta[from + i] = (float) scratchTheta[i];
                    }
                    for (int k = 0; k < slots; k++) {
                        float[] st = floatState[p][k];
                        for (int i = 0; i < n; i++) {
                            st[from + i] = (float) scratchState[k][i];
                        }
                    }
                }
            } else {
                double[] theta = parameter.value();
                update(steps, theta, parameter.grad(), state[p], 0, sizes[p], theta, state[p], 0);
            }
        }
    }

    /**
     * Widens elements {@code from .. from + n - 1} of float32 parameter p (values, gradient,
     * state) into the scratch buffers, exactly, and runs step t of {@link #update} there in place.
     */
    private void widenedStep(long t, Parameter parameter, int p, int from, int n) {
        float[] theta = parameter.floats();
        float[] grad = parameter.floatGrad();
        if (scratchGrad == null) {
            scratchGrad = new double[CHUNK];
        }
        for (int i = 0; i < n; i++) {
            scratchTheta[i] = theta[from + i];
            scratchGrad[i] = grad[from + i];
        }
        for (int k = 0; k < slots; k++) {
            float[] st = floatState[p][k];
            for (int i = 0; i < n; i++) {
                scratchState[k][i] = st[from + i];
            }
        }
        update(t, scratchTheta, scratchGrad, scratchState, 0, n, scratchTheta, scratchState, 0);
    }

    /**
     * The check pass over parameter p: computes the next step chunk by chunk into the scratch
     * buffers and returns the first number that would not be finite, or null. Values are named
     * before the state, whichever chunk they are in, and the state by slot, then element.
     */
    private String firstNonFinite(int p, Parameter parameter) {
        boolean f32 = floatState[p] != null;
        double[] theta = f32 ? null : parameter.value();
        double[] grad = f32 ? null : parameter.grad();
        String badState = null;
        int badSlot = slots;
        for (int from = 0; from < sizes[p]; from += CHUNK) {
            int n = Math.min(CHUNK, sizes[p] - from);
            if (f32) {
                widenedStep(steps + 1, parameter, p, from, n);
                roundToFloat(n);
            } else {
                update(steps + 1, theta, grad, state[p], from, from + n, scratchTheta, scratchState, 0);
            }
            int i = firstNonFinite(scratchTheta, n);
            if (i >= 0) {
                return "parameter '" + parameter.name() + "' value " + (from + i) + " would become "
                        + scratchTheta[i];
            }
            for (int k = 0; k < badSlot; k++) {
                i = firstNonFinite(scratchState[k], n);
                if (i >= 0) {
                    badState = "the optimizer's state '" + p + "." + slotName(k) + "' (of parameter '"
                            + parameter.name() + "') value " + (from + i) + " would become " + scratchState[k][i];
                    badSlot = k;
                }
            }
        }
        return badState;
    }

    /** Rounds the first n numbers of the scratch buffers to float: what a float32 step would store. */
    private void roundToFloat(int n) {
        for (int i = 0; i < n; i++) {
            scratchTheta[i] = (float) scratchTheta[i];
        }
        for (double[] st : scratchState) {
            for (int i = 0; i < n; i++) {
                st[i] = (float) st[i];
            }
        }
    }

    /** The index of the first NaN or infinity among a's first n numbers, or -1. */
    private static int firstNonFinite(double[] a, int n) {
        for (int i = 0; i < n; i++) {
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
        floatState = null;
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
        double[][][] all = state == null ? null : state.clone();
        if (all != null) {
            for (int p = 0; p < all.length; p++) {
                if (floatState[p] != null) {
                    all[p] = widened(floatState[p]); // exact
                }
            }
        }
        return snapshot().write(new StateSnapshot.Contents(steps, lr, sizes, all));
    }

    @Override
    public final void restore(Map<String, double[]> snapshot) {
        StateSnapshot.Contents read = snapshot().read(snapshot);
        steps = read.steps();
        lr = read.lr();
        sizes = read.sizes();
        state = read.state();
        floatState = state == null ? null : new float[state.length][][];
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
        float[][][] freshFloat = new float[s.length][][];
        for (int p = 0; p < s.length; p++) {
            if (parameters.get(p).precision() == Precision.FLOAT32) {
                freshFloat[p] = new float[slots][s[p]];
                for (int from = 0; from < s[p]; from += CHUNK) { // initialize a chunk at a time, rounded
                    int n = Math.min(CHUNK, s[p] - from);
                    double[][] chunk = new double[slots][n];
                    initialize(chunk);
                    for (int k = 0; k < slots; k++) {
                        for (int i = 0; i < n; i++) {
                            freshFloat[p][k][from + i] = (float) chunk[k][i];
                        }
                    }
                }
            } else {
                fresh[p] = new double[slots][s[p]];
                initialize(fresh[p]);
            }
        }
        sizes = s;
        state = fresh;
        floatState = freshFloat;
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
