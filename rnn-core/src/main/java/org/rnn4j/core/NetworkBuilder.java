package org.rnn4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Options;
import org.rnn4j.api.Precision;
import org.rnn4j.core.init.LayerInit;
import org.rnn4j.core.layers.Bidirectional;

/**
 * Describes a {@link Network}: the input size, recurrent layers in order, the output layer, the
 * loss, and the seed of the initial weights.
 *
 * <pre>{@code
 * Network net = Network.builder(Registry.installed())
 *     .input(65)
 *     .recurrent("elman", 256, Map.of("activation", "tanh"))
 *     .recurrent("elman", 256)
 *     .output(65)
 *     .loss("softmax_cross_entropy")
 *     .seed(42)
 *     .build();
 * }</pre>
 *
 * A network that gives one output per sequence (classification or regression of whole
 * sequences) ends its recurrent stack in a sequence head:
 *
 * <pre>{@code
 * Network net = Network.builder(Registry.installed())
 *     .input(2)
 *     .recurrent("lstm", 32)
 *     .lastStep()                      // or .pool("mean"), .pool("max")
 *     .dense(16)                       // optional hidden dense layers (relu unless told), any number
 *     .output(1)
 *     .loss("mse")                     // or "sparse_softmax_cross_entropy" with class indices
 *     .build();
 * }</pre>
 *
 * Any recurrent layer becomes bidirectional with the option {@code bidirectional=true}
 * ({@code .recurrent("lstm", 128, Map.of("bidirectional", "true"))}): the builder removes the
 * option, makes two layers of the kind from the remaining options and wraps them (see
 * {@link Bidirectional}); the layer then gives 2 x size features to the next one.
 */
public final class NetworkBuilder {

    private final Registry registry;
    private int input = -1;
    private final List<LayerConfig> recurrent = new ArrayList<>();
    private final List<LayerConfig> dense = new ArrayList<>();
    private LayerConfig output;
    private String head;
    private LayerConfig embedding;
    private String loss = "softmax_cross_entropy";
    private Map<String, String> lossOptions = Map.of();
    private Reduction reduction = Reduction.MEAN;
    private long seed = 42;
    private Precision precision = Precision.FLOAT64;
    private double dropout;

    NetworkBuilder(Registry registry) {
        this.registry = registry;
    }

    /**
     * @param size features per step of the input (for one-hot text: the vocabulary size)
     * @return this
     */
    public NetworkBuilder input(int size) {
        this.input = size;
        return this;
    }

    /**
     * Makes the first layer an embedding that reads one index in [0, {@link #input input size})
     * per step, as {@code torch.nn.Embedding(input, dim)}: the inputs are then T x B x 1 batches
     * of whole numbers instead of one-hot rows.
     *
     * @param dim the embedding width (features per step passed to the first recurrent layer)
     * @return this
     */
    public NetworkBuilder embedding(int dim) {
        return embedding("embedding", dim, Map.of());
    }

    /**
     * Makes the first layer an index-reading layer of any installed kind
     * ({@link LayerProvider#indexInput()}).
     *
     * @param kind the kind ({@code "embedding"})
     * @param dim its output width
     * @param options its settings
     * @return this
     */
    public NetworkBuilder embedding(String kind, int dim, Map<String, String> options) {
        this.embedding = new LayerConfig(kind, dim, options);
        return this;
    }

    /**
     * Adds a recurrent layer on top of the ones added so far.
     *
     * @param kind an installed recurrent layer kind ({@code "elman"})
     * @param size its hidden size
     * @param options its settings ({@code activation}, {@code bias}, ...), and the initialisers
     *     {@code init}, {@code init_hh}, {@code init_bias} that the builder itself applies (see
     *     {@link LayerInit})
     * @return this
     */
    public NetworkBuilder recurrent(String kind, int size, Map<String, String> options) {
        recurrent.add(new LayerConfig(kind, size, options));
        return this;
    }

    /**
     * Adds a recurrent layer with default settings.
     *
     * @param kind an installed recurrent layer kind
     * @param size its hidden size
     * @return this
     */
    public NetworkBuilder recurrent(String kind, int size) {
        return recurrent(kind, size, Map.of());
    }

    /**
     * Ends the recurrent stack in a sequence head: the network then gives one output row per
     * sequence (targets are 1 x B x width) instead of one per step. BPTT starts from the step(s)
     * the head read.
     *
     * @param kind an installed sequence head ({@code "last_step"}, {@code "mean_pool"},
     *     {@code "max_pool"}), or null for none (an output at every step, the default)
     * @return this
     */
    public NetworkBuilder head(String kind) {
        this.head = kind;
        return this;
    }

    /**
     * The output reads each sequence's last real step (padded batches included): Keras's
     * {@code return_sequences=False}, PyTorch's {@code output[:, -1]} at each sequence's own length.
     * Over a bidirectional last layer it reads, as PyTorch's {@code h_n}, the forward half at the
     * last real step and the backward half at the first, where each has read the whole sequence.
     *
     * @return this
     */
    public NetworkBuilder lastStep() {
        return head("last_step");
    }

    /**
     * The output reads the mean or the element-wise maximum of the recurrent stack's output
     * over each sequence's real steps.
     *
     * @param how {@code "mean"} or {@code "max"} (any installed head {@code how + "_pool"})
     * @return this
     */
    public NetworkBuilder pool(String how) {
        return head(how + "_pool");
    }

    /**
     * Adds a hidden {@code dense} layer after the recurrent stack (and after the head, if there
     * is one), before the output layer; call it once per layer, input side first. Its
     * parameters are named {@code dense0.weight}, {@code dense0.bias}, ... (PyTorch's
     * {@code nn.Sequential} of {@code nn.Linear} and an activation). Without a head it acts on
     * every step, as the output layer does.
     *
     * @param size its outputs
     * @param activation an installed activation ({@code "relu"}, {@code "tanh"}, {@code "identity"})
     * @return this
     */
    public NetworkBuilder dense(int size, String activation) {
        return dense(size, Map.of("activation", activation));
    }

    /**
     * Adds a hidden {@code dense} layer with the {@code relu} activation. The default is relu,
     * not Keras's linear: a hidden layer without a nonlinearity followed by the (affine) output
     * layer is one affine map, no more expressive than the output layer alone, so a linear
     * default would silently add nothing; relu is the usual choice of PyTorch and Keras
     * classifier heads. The activation is recorded in the architecture, so a model file does
     * not depend on this default.
     *
     * @param size its outputs
     * @return this
     */
    public NetworkBuilder dense(int size) {
        return dense(size, "relu");
    }

    /**
     * Adds a hidden {@code dense} layer with the given settings ({@code activation}, default
     * {@code relu} as in {@link #dense(int)}; {@code bias}; the initialisers {@code init},
     * {@code init_bias} of {@link LayerInit}).
     *
     * @param size its outputs
     * @param options its settings
     * @return this
     */
    public NetworkBuilder dense(int size, Map<String, String> options) {
        Map<String, String> o = new TreeMap<>(options);
        o.putIfAbsent("activation", "relu");
        return dense("dense", size, o);
    }

    /**
     * Adds a hidden layer of any installed feed-forward kind (not recurrent, not a head, not
     * index-reading) before the output layer, its settings taken as given (the kind's own
     * defaults apply: for {@code dense} that is the identity activation, not the relu of
     * {@link #dense(int)}).
     *
     * @param kind an installed feed-forward layer kind
     * @param size its outputs
     * @param options its settings, and {@code init}, {@code init_bias} (see {@link LayerInit})
     * @return this
     */
    public NetworkBuilder dense(String kind, int size, Map<String, String> options) {
        dense.add(new LayerConfig(kind, size, options));
        return this;
    }

    /**
     * Sets the output layer.
     *
     * @param kind an installed feed-forward layer kind ({@code "dense"})
     * @param size outputs per step
     * @param options its settings, and {@code init}, {@code init_bias} (see {@link LayerInit})
     * @return this
     */
    public NetworkBuilder output(String kind, int size, Map<String, String> options) {
        this.output = new LayerConfig(kind, size, options);
        return this;
    }

    /**
     * Sets a {@code dense} output layer with identity activation and a bias.
     *
     * @param size outputs per step
     * @return this
     */
    public NetworkBuilder output(int size) {
        return output("dense", size, Map.of());
    }

    /**
     * @param name an installed loss (default {@code softmax_cross_entropy})
     * @return this
     */
    public NetworkBuilder loss(String name) {
        return loss(name, Map.of());
    }

    /**
     * A loss with settings, for example {@code loss("huber", Map.of("delta", "0.5"))} or
     * {@code loss("sparse_softmax_cross_entropy", Map.of("weight", "1,3"))}: the loss checks them
     * ({@link org.rnn4j.api.Loss#configure}) when the network is built.
     *
     * @param name an installed loss
     * @param options its settings
     * @return this
     */
    public NetworkBuilder loss(String name, Map<String, String> options) {
        this.loss = name;
        this.lossOptions = Map.copyOf(options);
        return this;
    }

    /**
     * @param r how per-row losses combine (default {@link Reduction#MEAN})
     * @return this
     */
    public NetworkBuilder reduction(Reduction r) {
        this.reduction = r;
        return this;
    }

    /**
     * Takes every setting of {@code a} (input size, layers, loss, reduction, dropout and seed),
     * replacing the layers added so far.
     *
     * @param a a description, for example a loaded model's or another network's
     * @return this
     */
    public NetworkBuilder architecture(Architecture a) {
        input = a.inputSize();
        embedding = a.embedding();
        recurrent.clear();
        recurrent.addAll(a.recurrent());
        dense.clear();
        dense.addAll(a.dense());
        output = a.output();
        head = a.head();
        loss = a.loss();
        lossOptions = a.lossOptions();
        reduction = a.reduction();
        dropout = a.dropout();
        seed = a.seed();
        return this;
    }

    /**
     * @param s seed of the initial weights (default 42); the same seed gives the same weights
     * @return this
     */
    public NetworkBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * Inverted dropout on the output of every recurrent layer but the last, in training mode
     * (PyTorch's {@code dropout} of nn.RNN/LSTM/GRU). The masks are seeded from {@link #seed}.
     *
     * @param p the probability of zeroing an element, in [0, 1); 0 (the default) is no dropout
     * @return this
     * @throws IllegalArgumentException if p is outside [0, 1) or not a number
     */
    public NetworkBuilder dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + p);
        }
        this.dropout = p;
        return this;
    }

    /**
     * The precision the network computes in: its recurrent and dense layers run their products,
     * gates and saved activations in it, and its parameters hold values of it (initialised as
     * in float64 from the same seed, then rounded). Plug-in layers that do not support it
     * compute in float64. Default {@link Precision#FLOAT64}.
     *
     * @param p the precision
     * @return this
     */
    public NetworkBuilder precision(Precision p) {
        this.precision = Objects.requireNonNull(p, "precision");
        return this;
    }

    /**
     * Makes the network, its layers freshly initialised from the seed.
     *
     * @return the network
     * @throws IllegalArgumentException if something is missing, a name is not installed, a kind
     *     is used in the wrong place, or a setting is invalid
     */
    public Network build() {
        if (input < 1) {
            throw new IllegalArgumentException("the network needs input(size) with size >= 1, got " + input);
        }
        if (output == null) {
            throw new IllegalArgumentException("the network needs an output layer: call output(size)");
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        LayerFactory factory = new LayerFactory(registry, precision);
        Layer embed = embedding == null ? null : factory.embedding(embedding, input, root.split());
        int width = embed == null ? input : embed.outputSize();
        for (int l = 0; l < recurrent.size(); l++) {
            LayerConfig d = recurrent.get(l);
            Layer layer = factory.make(d, width, true, "recurrent layer " + l, root.split());
            layers.add(layer);
            width = layer.outputSize();
        }
        Layer headLayer = head == null ? null : factory.head(head, layers, width);
        List<Layer> hidden = new ArrayList<>();
        for (int l = 0; l < dense.size(); l++) {
            Layer layer = factory.make(dense.get(l), width, false, "dense layer " + l, root.split());
            hidden.add(layer);
            width = layer.outputSize();
        }
        Layer out = factory.make(output, width, false, "output layer", root.split());
        List<Dropout> dropouts = new ArrayList<>();
        if (dropout > 0) {
            for (int l = 0; l + 1 < layers.size(); l++) {
                dropouts.add(new Dropout(dropout, root.nextLong()));
            }
        }
        Architecture a = new Architecture(input, embedding, recurrent, head, dense, output, loss, lossOptions, reduction,
                dropout, seed);
        Loss l = registry.loss(loss).configure(new Options("loss '" + loss + "'", lossOptions), out.outputSize());
        Network net = new Network(embed, layers, headLayer, hidden, out, l, reduction, dropouts, a, registry, precision);
        net.roundParameters();
        return net;
    }
}
