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
 * until {@link #reset()} (a {@link SlotStore} holds it). Later steps must pass a list with the
 * same number of parameters and the same sizes ({@link ParameterLists} checks); nothing is
 * allocated after the first step.
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
 * <p>A float32 {@link Parameter} (a float32 network's) gets float32 state (see
 * {@link SlotStore}): its slots are {@code float[]}, half the bytes, and no {@code double} copy
 * of its values, gradient or state is made. The equations stay written once, in
 * {@link #update}: each chunk of {@link #CHUNK} elements of the floats (values, gradient, state)
 * is widened, exactly, into the {@code double} buffers of a {@link Chunk}, updated there in
 * place, and rounded back to float (to nearest), so a float32 step is the float64 step of the
 * same floats, rounded. The check pass of {@link #stepIfFinite(List)} checks the rounded numbers
 * (a double beyond float32's range would become infinite). {@link #state()} widens float state
 * into its {@code double[]} entries (exact), and {@link #restore(Map)}d state takes each
 * parameter's precision at the next step (rounding exact for state that was float32 when
 * saved), so a checkpoint resumes bit for bit in either precision.
 */
abstract class AbstractOptimizer implements Optimizer {

    /** How many elements the check pass of {@link #stepIfFinite(List)} computes at a time. */
    static final int CHUNK = 2048;

    private final String name;
    private final int slots;
    private double lr;
    private long steps;
    /** The per-parameter state, in each parameter's precision. */
    private final SlotStore store;
    /** What the check pass computes into, and where a float32 chunk is stepped in double. */
    private final Chunk chunk;

    /**
     * @param name the provider name, for {@link #name()} and messages
     * @param lr the initial learning rate, finite and {@code >= 0}
     * @param slots how many state arrays each parameter needs
     */
    AbstractOptimizer(String name, double lr, int slots) {
        this.name = name;
        this.lr = Settings.checkLearningRate(name, lr);
        this.slots = slots;
        this.store = new SlotStore(slots);
        this.chunk = new Chunk(slots);
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
        int count = store.sizes().length;
        for (int p = 0; p < count; p++) {
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
        if (store.sizes() == null) {
            store.start(parameters, ParameterLists.sizes(name, parameters), this);
            return true;
        }
        int[] sizes = store.sizes();
        ParameterLists.checkSameAsFirst(name, sizes, parameters);
        for (int p = 0; p < sizes.length; p++) {
            store.matchPrecision(p, parameters.get(p).precision() == Precision.FLOAT32);
        }
        return false;
    }

    /** The step, in place: the second pass of {@link #stepIfFinite(List)}, and all of {@link #step(List)}. */
    private void apply(List<Parameter> parameters) {
        steps++;
        int[] sizes = store.sizes();
        for (int p = 0; p < sizes.length; p++) {
            Parameter parameter = parameters.get(p);
            if (store.isFloat(p)) {
                float[] theta = parameter.floats();
                float[][] state = store.floats(p);
                for (int from = 0; from < sizes[p]; from += CHUNK) {
                    int n = Math.min(CHUNK, sizes[p] - from);
                    widenedStep(steps, parameter, p, from, n);
                    chunk.narrow(theta, state, from, n);
                }
            } else {
                double[] theta = parameter.value();
                double[][] state = store.doubles(p);
                update(steps, theta, parameter.grad(), state, 0, sizes[p], theta, state, 0);
            }
        }
    }

    /**
     * Widens elements {@code from .. from + n - 1} of float32 parameter p (values, gradient,
     * state) into the chunk's buffers, exactly, and runs step t of {@link #update} there in place.
     */
    private void widenedStep(long t, Parameter parameter, int p, int from, int n) {
        chunk.widen(parameter.floats(), parameter.floatGrad(), store.floats(p), from, n);
        update(t, chunk.theta, chunk.grad(), chunk.state, 0, n, chunk.theta, chunk.state, 0);
    }

    /**
     * The check pass over parameter p: computes the next step chunk by chunk into the scratch
     * buffers and returns the first number that would not be finite, or null. Values are named
     * before the state, whichever chunk they are in, and the state by slot, then element.
     */
    private String firstNonFinite(int p, Parameter parameter) {
        boolean f32 = store.isFloat(p);
        double[] theta = f32 ? null : parameter.value();
        double[] grad = f32 ? null : parameter.grad();
        int size = store.sizes()[p];
        String badState = null;
        int badSlot = slots;
        for (int from = 0; from < size; from += CHUNK) {
            int n = Math.min(CHUNK, size - from);
            if (f32) {
                widenedStep(steps + 1, parameter, p, from, n);
                chunk.roundToFloat(n);
            } else {
                update(steps + 1, theta, grad, store.doubles(p), from, from + n, chunk.theta, chunk.state, 0);
            }
            int i = Chunk.firstNonFinite(chunk.theta, n);
            if (i >= 0) {
                return "parameter '" + parameter.name() + "' value " + (from + i) + " would become "
                        + chunk.theta[i];
            }
            for (int k = 0; k < badSlot; k++) {
                i = Chunk.firstNonFinite(chunk.state[k], n);
                if (i >= 0) {
                    badState = "the optimizer's state '" + p + "." + slotName(k) + "' (of parameter '"
                            + parameter.name() + "') value " + (from + i) + " would become " + chunk.state[k][i];
                    badSlot = k;
                }
            }
        }
        return badState;
    }

    @Override
    public final void reset() {
        steps = 0;
        store.clear();
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
        return snapshot().write(new StateSnapshot.Contents(steps, lr, store.sizes(), store.widened()));
    }

    @Override
    public final void restore(Map<String, double[]> snapshot) {
        StateSnapshot.Contents read = snapshot().read(snapshot);
        steps = read.steps();
        lr = read.lr();
        store.restore(read.sizes(), read.state());
    }

    /** The naming of this optimizer's state. */
    private StateSnapshot snapshot() {
        String[] names = new String[slots];
        for (int k = 0; k < slots; k++) {
            names[k] = slotName(k);
        }
        return new StateSnapshot(name, names);
    }

}
