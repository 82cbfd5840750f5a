package org.rnn4j.core;

import java.util.List;
import java.util.Map;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * A stack of recurrent layers of any depth under an output layer, with a loss: the
 * tutorial's one hidden layer, H1..H4, and deeper; optionally a sequence head and hidden dense
 * layers before the output layer.
 *
 * <pre>
 *   h^1 = layer_1(x),  h^l = layer_l(h^{l-1}),  y = output(h^L),  L = loss(y, d)
 *   (with a head and hidden dense layers:  y = output(dense_k(... dense_1(head(h^L)))))
 * </pre>
 *
 * {@link #gradients} runs the forward pass, the loss, then every layer's backward in reverse
 * order (each recurrent layer doing its own backpropagation through time), and leaves dL/dtheta
 * in every parameter's gradient ({@link Parameter#grad()}; a float32 network's built-in layers
 * have float32 parameters, whose {@link Parameter#floatGrad()} it is). Made by
 * {@link #builder(Registry)}.
 *
 * <p>With {@link NetworkBuilder#dropout(double) dropout} p &gt; 0, inverted dropout acts on the
 * output of every recurrent layer but the last (as PyTorch's {@code nn.LSTM(dropout=p)}), in
 * training mode only. A network starts in training mode; {@link #setTraining(boolean)
 * setTraining(false)} switches to evaluation, where dropout is the identity.
 *
 * <h2>Threads</h2>
 * A network is <b>not</b> safe for concurrent use, not even for inference: every layer keeps the
 * buffers of its last pass (activations for backward, reused output arrays), and
 * {@link #forward} returns views of them. One instance serves one thread at a time. To run
 * inference on several threads, give each thread its own {@link #copy()}: copies share no
 * mutable state (only the registry and the stateless activation and loss plug-ins), cost one
 * copy of the weights, and give bit-for-bit the results the original gives.
 */
public final class Network {

    private final LayerStack stack;
    private final Loss loss;
    private final Reduction reduction;
    private final Map<String, Parameter> named;
    private final List<Parameter> parameters;
    private boolean training = true;
    private final Architecture architecture;
    private final Registry registry;
    private final Precision precision;
    private final Objective objective;
    private Sequence inputGradient;

    /**
     * @param embedding the index-reading first layer, or null
     * @param head the sequence head, or null for an output at every step
     * @param dense the hidden dense layers before the output layer, input side first
     * @param dropouts one per recurrent layer but the last, or none
     */
    Network(Layer embedding, List<Layer> recurrent, Layer head, List<Layer> dense, Layer output, Loss loss, Reduction reduction, List<Dropout> dropouts,
            Architecture architecture, Registry registry, Precision precision) {
        this.stack = new LayerStack(embedding, recurrent, new Dropouts(dropouts, recurrent.size()), head, dense,
                output);
        this.architecture = architecture;
        this.registry = registry;
        this.precision = precision;
        this.loss = loss;
        this.reduction = reduction;
        this.objective = new Objective(loss, reduction);
        this.named = stack.namedParameters();
        this.parameters = List.copyOf(named.values());
    }

    /**
     * Starts describing a network whose layers, activations and loss are looked up in
     * {@code registry}.
     *
     * @param registry the installed plug-ins
     * @return a new builder
     */
    public static NetworkBuilder builder(Registry registry) {
        return new NetworkBuilder(registry);
    }

    /**
     * The description this network was built from (sizes, layer kinds and settings, loss): with
     * the weights, what a model file stores.
     *
     * @return the architecture
     */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * The plug-ins this network was built with: its layer kinds' {@code defaultOptions()} complete
     * the settings its {@link #architecture()} leaves out.
     *
     * @return the registry
     */
    public Registry registry() {
        return registry;
    }

    /**
     * A new network of the same architecture holding a copy of this one's weights, sharing no
     * mutable state with it: the cheap way to give another thread its own instance for inference.
     * The training mode and the dropout generators' positions are copied (the copy draws the
     * masks the original would draw next); gradients and the buffers of past passes are not.
     *
     * @return the copy
     */
    public Network copy() {
        return to(precision);
    }

    /**
     * The precision this network computes in ({@link NetworkBuilder#precision}).
     *
     * @return float32 or float64
     */
    public Precision precision() {
        return precision;
    }

    /**
     * This network in another precision (PyTorch's {@code .float()} and {@code .double()}): a
     * new network of the same architecture whose parameters are this one's rounded to
     * {@code target} (exact from float32 to float64), sharing no mutable state with this one, as
     * {@link #copy()} does; {@code to(precision())} is a copy.
     *
     * @param target the precision of the new network
     * @return the converted network
     */
    public Network to(Precision target) {
        return PrecisionConversion.convert(this, target);
    }

    /**
     * Rounds every float64 parameter value to {@link #precision()}: a float32 network's built-in
     * layers hold float32 {@link Parameter}s, which store floats and round whatever is written
     * into them, so this concerns only the float64 parameters of plug-in layers in a float32
     * network, after which a model file stores every parameter as F32 without loss. The trainer
     * calls it after every optimizer step; code that steps an optimizer itself may too. Nothing
     * happens in float64.
     */
    public void roundParameters() {
        PrecisionConversion.round(parameters, precision);
    }

    /**
     * The first layer when it reads indices ({@link NetworkBuilder#embedding(int)}).
     *
     * @return the embedding, or null when the input is features
     */
    public Layer embedding() {
        return stack.embedding();
    }

    /** @return the recurrent layers, input side first */
    public List<Layer> recurrentLayers() {
        return stack.recurrent();
    }

    /**
     * The sequence head between the recurrent layers and the output layer, which makes the
     * network give one output row per sequence ({@link NetworkBuilder#lastStep()},
     * {@link NetworkBuilder#pool(String)}).
     *
     * @return the head, or null when the network gives an output at every step
     */
    public Layer head() {
        return stack.head();
    }

    /**
     * The hidden dense layers between the head (or the recurrent stack) and the output layer
     * ({@link NetworkBuilder#dense(int, String)}).
     *
     * @return the layers, input side first; empty for none
     */
    public List<Layer> denseLayers() {
        return stack.dense();
    }

    /** @return the output layer */
    public Layer outputLayer() {
        return stack.output();
    }

    /** @return the loss */
    public Loss loss() {
        return loss;
    }

    /** @return how per-row losses are combined */
    public Reduction reduction() {
        return reduction;
    }

    /** @return features per step in; with an {@link #embedding()}, the number of symbols it reads */
    public int inputSize() {
        return stack.inputSize();
    }

    /** @return the features per step of an input batch: {@link #inputSize()}, or 1 (an index) with an embedding */
    public int inputFeatures() {
        return stack.embedding() != null ? 1 : inputSize();
    }

    /** @return features per step out */
    public int outputSize() {
        return stack.output().outputSize();
    }

    /** @return every parameter, input side first, in a fixed order */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Every parameter by a qualified name: {@code layer0.weight_ih}, ..., {@code dense0.weight}, ...,
     * {@code output.weight}.
     *
     * @return the parameters by name, in {@link #parameters()} order
     */
    public Map<String, Parameter> namedParameters() {
        return named;
    }

    /**
     * Training mode (the default) applies dropout between recurrent layers; evaluation mode
     * does not. Nothing else depends on the mode.
     *
     * @param training true for training, false for evaluation
     */
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** @return whether the network is in training mode */
    public boolean isTraining() {
        return training;
    }

    /**
     * Where the dropout masks are, as a checkpoint stores it: the training step whose masks the
     * next forward in training mode draws (see {@link #setDropoutPosition}), once per dropout.
     * With the seed (in the {@link #architecture()}), this is all of the network's random state.
     *
     * @return one entry per dropout between recurrent layers, all equal (empty without dropout)
     */
    public long[] dropoutDraws() {
        return stack.dropouts().draws();
    }

    /**
     * Puts the dropout masks where {@link #dropoutDraws()} found them (a checkpoint written
     * before masks were keyed by step stored each generator's draw count here, equal for all;
     * it is taken as the step).
     *
     * @param draws one entry per dropout, all equal and {@code >= 0}
     * @throws IllegalArgumentException if the number of entries is wrong, or they differ or one is negative
     */
    public void restoreDropoutDraws(long[] draws) {
        stack.dropouts().restoreDraws(draws);
    }

    /** @return the training step whose dropout masks the next forward in training mode draws */
    public long dropoutStep() {
        return stack.dropouts().step();
    }

    /**
     * Says which masks the next forward in training mode draws. Each dropout mask element is a
     * pure function of (the dropout's seed, the step, the element's step in the batch, its row
     * in the global batch, its feature), so the masks of a batch do not depend on how it is cut
     * into rows or chunks of steps. A forward that draws then moves the step on by one. The
     * {@code Trainer} calls this with its step count before each step (truncated BPTT with each
     * chunk's first step); without dropout it does nothing.
     *
     * @param step the training step, {@code >= 0}
     * @param firstTime the step of the batch that the forward's first step is, {@code >= 0}
     * @throws IllegalArgumentException on a negative value
     */
    public void setDropoutPosition(long step, int firstTime) {
        stack.dropouts().position(step, firstTime);
    }

    /**
     * Says which rows of the global batch the batches to come are, for a worker that computes
     * some rows of each batch: row b of its batches draws the masks of global row
     * {@code rows[b]}. Without dropout it does nothing.
     *
     * @param rows one global row index per row of the batches to come, or null for 0 .. B-1 (the default)
     * @throws IllegalArgumentException on a negative row
     */
    public void setDropoutRows(int[] rows) {
        stack.dropouts().rows(rows);
    }

    /**
     * While held, every forward in training mode reuses the dropout masks of the last one
     * instead of drawing new ones (the first forward draws them if none exist yet), so that
     * the network is a fixed function, as finite-difference gradient checks need. Changing
     * the batch shape while held is an error. Without dropout this does nothing.
     *
     * @param hold whether to hold the masks
     */
    public void holdDropoutMasks(boolean hold) {
        stack.dropouts().hold(hold);
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGradients() {
        parameters.forEach(Parameter::zeroGrad);
    }

    /**
     * Runs every layer over {@code x}.
     *
     * @param x the input batch, {@link #inputFeatures()} features per step, all finite
     * @param initial one state per recurrent layer, or null for zeros
     * @return the output layer's output, valid until the next forward: T x B x outputs, or
     *     1 x B x outputs (one row per sequence) with a {@link #head()}
     * @throws IllegalArgumentException on a wrong shape, a wrong number of states or a
     *     non-finite input
     */
    public Sequence forward(Sequence x, List<State> initial) {
        FiniteValues.require("input", x);
        return stack.forward(x, initial, training);
    }

    /**
     * The state of each recurrent layer after the last forward, to carry into the next batch.
     *
     * @return new states, one per recurrent layer
     */
    public List<State> finalStates() {
        return stack.finalStates();
    }

    /**
     * Zero states for a batch, one per recurrent layer: buffers for {@link #copyFinalStates}.
     *
     * @param batch B
     * @return new zero states
     */
    public List<State> zeroStates(int batch) {
        return stack.zeroStates(batch);
    }

    /**
     * Copies the state of each recurrent layer after the last forward into {@code into}, as
     * {@link #finalStates()} does but without allocating: for carrying the state from batch to
     * batch (truncated BPTT, char-rnn style) in a loop that must not allocate per step.
     *
     * @param into one state per recurrent layer for the batch of the last forward, as made by
     *     {@link #zeroStates(int)}; overwritten
     * @throws IllegalArgumentException if the list or a state has the wrong size
     */
    public void copyFinalStates(List<State> into) {
        stack.copyFinalStates(into);
    }

    /**
     * The loss of {@code x} against {@code target}, forward only; no gradient is touched.
     *
     * @param x input batch
     * @param target targets: the output's steps (1 with a {@link #head()}) and batch, and
     *     {@code loss().target().width(outputSize())} features (the output's, or 1 for class indices)
     * @param initial one state per recurrent layer, or null for zeros
     * @return the reduced loss
     */
    public double loss(Sequence x, Sequence target, List<State> initial) {
        Sequence y = forward(x, initial);
        return objective.evaluate(y, target);
    }

    /**
     * Zeroes the gradients, then runs forward, the loss and the full backward pass (BPTT through
     * every recurrent layer), leaving dL/dtheta in every parameter's gradient and dL/d(input) in
     * {@link #inputGradient()}.
     *
     * @param x input batch
     * @param target targets, as for {@link #loss(Sequence, Sequence, List)}
     * @param initial one state per recurrent layer, or null for zeros
     * @return the reduced loss
     * @throws IllegalArgumentException on shapes that do not fit or non-finite values
     */
    public double gradients(Sequence x, Sequence target, List<State> initial) {
        return backpropagate(x, target, initial, true);
    }

    /**
     * {@link #gradients} for training: the same parameter and initial-state gradients, but the
     * first layer skips dL/d(input) ({@link Layer#backwardWithoutInputGradient}), which a
     * training step never reads (for a char-level model that product is a tenth of the
     * arithmetic). {@link #inputGradient()} is not available after this call.
     *
     * @param x input batch
     * @param target targets, as for {@link #loss(Sequence, Sequence, List)}
     * @param initial one state per recurrent layer, or null for zeros
     * @return the reduced loss
     * @throws IllegalArgumentException on shapes that do not fit or non-finite values
     */
    public double parameterGradients(Sequence x, Sequence target, List<State> initial) {
        return backpropagate(x, target, initial, false);
    }

    private double backpropagate(Sequence x, Sequence target, List<State> initial, boolean withInput) {
        zeroGradients();
        inputGradient = null;
        Sequence y = forward(x, initial);
        double value = objective.evaluate(y, target);
        inputGradient = stack.backward(objective.gradient(), withInput);
        return value;
    }

    /**
     * dL/d(input) from the last {@link #gradients} call, for gradient checks and for feeding
     * the gradient into whatever produced the input.
     *
     * @return the gradient, shaped like the input, valid until the next {@link #gradients}
     * @throws IllegalStateException before any {@link #gradients} call
     */
    public Sequence inputGradient() {
        if (inputGradient == null) {
            throw new IllegalStateException("no input gradient: call gradients(x, target, initial) first"
                    + " (parameterGradients skips it)");
        }
        return inputGradient;
    }

    /**
     * dL/d(initial state) of each recurrent layer, from the last {@link #gradients} call.
     *
     * @return one gradient per recurrent layer
     */
    public List<State> initialStateGradients() {
        return stack.initialStateGradients();
    }

    @Override
    public String toString() {
        return "Network[" + stack + ", loss " + loss.name() + "]";
    }
}
