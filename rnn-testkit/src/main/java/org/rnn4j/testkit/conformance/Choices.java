package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.core.Plugin;
import org.rnn4j.core.Registry;

/**
 * What random cases draw from: the activations, recurrent and feed-forward layer kinds,
 * sequence heads, embeddings and losses of a registry, found by enumerating it (a plug-in installed tomorrow is covered without
 * a change here), and the bounds on shapes.
 *
 * <h2>Layer settings</h2>
 * The kit does not know a layer's settings in advance; it asks each layer provider, by making
 * a small layer with one setting at a time, which of {@link #ACTIVATION_OPTIONS} and
 * {@link #FLAG_OPTIONS} it accepts (and which of them it accepts together: an LSTM takes
 * {@code activation} as a synonym of {@code cell_activation}, not both), and varies those: every
 * activation slot draws from every installed activation, every flag is drawn true or false.
 *
 * <p>Gate slots ({@link #GATE_OPTIONS}) draw only from bounded activations (|f(x)| &lt;= 10 at
 * |x| up to 1000, probed like the settings): a gate is a multiplier on the state, and an
 * unbounded one (identity, softplus, elu) lets a random recurrent stack grow its state
 * geometrically over the steps, until the loss is a polynomial of such high degree in each
 * weight that a central difference at h = 1e-6 no longer resolves its slope to one part in a
 * million (identity gates at T 6: analytic 5.249233e24, difference 5.249219e24), or its
 * rounding swamps the floor. That is a limit of the check, not of the layer; rnn-core's own
 * tests differentiate unbounded gates on short sequences.
 *
 * <p>Random stacks also vary the settings the network builder takes for any recurrent layer
 * ({@link #STACK_FLAG_OPTIONS}: {@code bidirectional}), probed by building a small network, for
 * the kinds that accept them.
 */
public final class Choices {

    /** The settings that name an activation (an Elman layer's, an LSTM's gates' and cell's). */
    public static final List<String> ACTIVATION_OPTIONS =
            List.of("activation", "gate_activation", "cell_activation", "recurrent_activation");
    /** The activation settings that act as gates, multiplying the state. */
    public static final List<String> GATE_OPTIONS = List.of("gate_activation", "recurrent_activation");
    /** The true/false settings the kit varies. */
    public static final List<String> FLAG_OPTIONS = List.of("bias");
    /** The true/false settings of a recurrent layer in a stack that the network builder reads. */
    public static final List<String> STACK_FLAG_OPTIONS = List.of("bidirectional");
    /** Most recurrent layers in a stack. */
    public static final int MAX_DEPTH = 5;
    /** Largest layer, input and output size. */
    public static final int MAX_SIZE = 8;
    /** Longest sequence. */
    public static final int MAX_STEPS = 8;
    /** Largest batch. */
    public static final int MAX_BATCH = 4;

    /** What shrinking moves an activation slot to, when installed. */
    static final String SIMPLEST_ACTIVATION = "identity";
    /** What shrinking moves a gate slot to, when installed. */
    static final String SIMPLEST_GATE = "sigmoid";
    /** What shrinking moves a loss to, when installed: the tutorial's. */
    static final String SIMPLEST_LOSS = "half_sse";
    /** What shrinking moves a recurrent layer to, when installed. */
    static final String SIMPLEST_RECURRENT = "elman";

    private final Registry registry;
    private final List<String> activations;
    private final List<String> gates;
    private final List<String> recurrent;
    private final List<String> feedForward;
    private final List<String> heads;
    private final boolean alwaysHead;
    private final List<String> embeddings;
    private final boolean alwaysEmbedding;
    private final List<String> losses;
    private final Map<String, LayerSlots> slots;
    private final Map<String, List<String>> lossSettings = new ConcurrentHashMap<>();

    private Choices(Registry registry, List<String> activations, List<String> gates, List<String> recurrent,
            List<String> feedForward, List<String> heads, boolean alwaysHead, List<String> embeddings,
            boolean alwaysEmbedding, List<String> losses, Map<String, LayerSlots> slots) {
        this.registry = registry;
        this.activations = List.copyOf(activations);
        this.gates = List.copyOf(gates);
        this.recurrent = List.copyOf(recurrent);
        this.feedForward = List.copyOf(feedForward);
        this.heads = List.copyOf(heads);
        this.alwaysHead = alwaysHead;
        this.embeddings = List.copyOf(embeddings);
        this.alwaysEmbedding = alwaysEmbedding;
        this.losses = List.copyOf(losses);
        this.slots = slots;
    }

    /**
     * Everything the registry holds.
     *
     * @param registry the plug-ins
     * @return the choices
     */
    public static Choices of(Registry registry) {
        List<String> recurrent = new ArrayList<>();
        List<String> feedForward = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        List<String> embeddings = new ArrayList<>();
        Map<String, LayerSlots> slots = new LinkedHashMap<>();
        List<String> activations = registry.activations().stream().map(Plugin::name).toList();
        List<String> losses = registry.losses().stream().map(Plugin::name).toList();
        for (Plugin<LayerProvider> p : registry.layers()) {
            LayerProvider l = p.instance();
            (l.recurrent() ? recurrent : l.sequenceHead() ? heads : l.indexInput() ? embeddings : feedForward)
                    .add(p.name());
        }
        for (Plugin<LayerProvider> p : registry.layers()) {
            slots.put(p.name(), LayerSlots.probe(registry, p.instance(), activations, feedForward, losses));
        }
        List<String> bounded = activations.stream().filter(a -> LayerSlots.bounded(registry, a)).toList();
        return new Choices(registry, activations, bounded.isEmpty() ? activations : bounded, recurrent, feedForward,
                heads, false, embeddings, false, losses, slots);
    }

    /**
     * Only one activation wherever it may go: in every activation slot but the gates, and in
     * the gates too if it is bounded; an unbounded activation leaves the gates to the bounded
     * ones (see the class comment).
     *
     * @param name an activation of the registry
     * @return narrowed choices
     */
    public Choices onlyActivation(String name) {
        List<String> only = List.of(require("activation", activations, name));
        return new Choices(registry, only, gates.contains(name) ? only : gates, recurrent, feedForward, heads,
                alwaysHead, embeddings, alwaysEmbedding, losses, slots);
    }

    /**
     * Only one layer kind: every recurrent layer of that kind if it is recurrent, that head in
     * every stack if it is a sequence head, else every output layer.
     *
     * @param kind a layer kind of the registry
     * @return narrowed choices
     */
    public Choices onlyLayer(String kind) {
        if (recurrent.contains(kind)) {
            return new Choices(registry, activations, gates, List.of(kind), feedForward, heads, alwaysHead, embeddings,
                    alwaysEmbedding, losses, slots);
        }
        if (heads.contains(kind)) {
            return new Choices(registry, activations, gates, recurrent, feedForward, List.of(kind), true, embeddings,
                    alwaysEmbedding, losses, slots);
        }
        if (embeddings.contains(kind)) {
            return new Choices(registry, activations, gates, recurrent, feedForward, heads, alwaysHead, List.of(kind),
                    true, losses, slots);
        }
        return new Choices(registry, activations, gates, recurrent, List.of(require("layer", feedForward, kind)),
                heads, alwaysHead, embeddings, alwaysEmbedding, losses, slots);
    }

    /**
     * Only one loss.
     *
     * @param name a loss of the registry
     * @return narrowed choices
     */
    public Choices onlyLoss(String name) {
        return new Choices(registry, activations, gates, recurrent, feedForward, heads, alwaysHead, embeddings,
                alwaysEmbedding, List.of(require("loss", losses, name)), slots);
    }

    /** @return the registry the names come from */
    public Registry registry() {
        return registry;
    }

    /** @return the activation names drawn from */
    public List<String> activations() {
        return activations;
    }

    /** @return the activation names gate slots draw from */
    public List<String> gates() {
        return gates;
    }

    /** @return the recurrent layer kinds drawn from */
    public List<String> recurrentLayers() {
        return recurrent;
    }

    /** @return the feed-forward (output) layer kinds drawn from */
    public List<String> feedForwardLayers() {
        return feedForward;
    }

    /** @return the sequence heads drawn from (in half of the stacks, or in all: {@link #alwaysHead()}) */
    public List<String> heads() {
        return heads;
    }

    /** @return whether every stack ends in one of {@link #heads()} (the checks of one head) */
    public boolean alwaysHead() {
        return alwaysHead;
    }

    /** @return the index-reading first layers drawn from (in a quarter of the stacks, or in all) */
    public List<String> embeddings() {
        return embeddings;
    }

    /** @return whether every stack starts with one of {@link #embeddings()} (the checks of one embedding) */
    public boolean alwaysEmbedding() {
        return alwaysEmbedding;
    }

    /** @return the loss names drawn from */
    public List<String> losses() {
        return losses;
    }

    /**
     * The settings of {@link LossSettings#KNOWN} that a loss accepts, asked once per loss.
     *
     * @param loss a loss of the registry
     * @return the accepted settings
     */
    List<String> lossSettings(String loss) {
        return lossSettings.computeIfAbsent(loss, n -> LossSettings.accepted(registry.loss(n)));
    }

    /**
     * The settings a layer kind accepts, probed once when the choices were made.
     *
     * @param kind a layer kind of the registry
     * @return its settings
     */
    LayerSlots slots(String kind) {
        return slots.get(kind);
    }

    /**
     * A layer of the given kind for a stack: {@link #layer} with the stack's settings
     * ({@link #STACK_FLAG_OPTIONS}) that the kind accepts, each true in a quarter of the draws.
     *
     * @param r the random source
     * @param kind the kind
     * @return the choice
     */
    LayerChoice stackLayer(SplittableRandom r, String kind) {
        LayerChoice c = layer(r, kind);
        for (String key : slots.get(kind).stackFlags()) {
            if (r.nextInt(4) == 0) {
                c = c.withOption(key, "true");
            }
        }
        return c;
    }

    /**
     * A layer of the given kind with a random size and random settings.
     *
     * @param r the random source
     * @param kind the kind
     * @return the choice
     */
    LayerChoice layer(SplittableRandom r, String kind) {
        Map<String, String> options = new LinkedHashMap<>();
        LayerSlots s = slots.get(kind);
        for (String key : s.activationKeys()) {
            options.put(key, pick(r, GATE_OPTIONS.contains(key) ? gates : activations));
        }
        for (String key : s.flags()) {
            options.put(key, Boolean.toString(r.nextInt(4) != 0));
        }
        return new LayerChoice(kind, 1 + r.nextInt(MAX_SIZE), options);
    }

    /**
     * {@code c} as a layer of another kind: the same size, the activation slots the kind has
     * taken from {@code c} where it has them and set to {@code activation} where not, the flags
     * and stack settings of {@code c} that the kind accepts.
     *
     * @param c a layer
     * @param kind a layer kind of the registry
     * @param activation for the slots {@code c} does not fill
     * @return the layer
     */
    LayerChoice asKind(LayerChoice c, String kind, String activation) {
        LayerSlots s = slots.get(kind);
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : s.activationKeys()) {
            options.put(key, c.options().getOrDefault(key, activation));
        }
        for (String key : c.options().keySet()) {
            if (s.flags().contains(key) || s.stackFlags().contains(key)) {
                options.put(key, c.options().get(key));
            }
        }
        return new LayerChoice(kind, c.size(), options);
    }

    /**
     * Smaller values than {@code n} down to {@code min}: the minimum, half, one less.
     *
     * @param n the value
     * @param min the smallest allowed
     * @return distinct candidates, smallest first
     */
    static List<Integer> smaller(int n, int min) {
        List<Integer> out = new ArrayList<>();
        for (int c : new int[] {min, n / 2, n - 1}) {
            if (c >= min && c < n && !out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static String require(String kind, List<String> list, String name) {
        if (!list.contains(name)) {
            throw new IllegalArgumentException("no " + kind + " named '" + name + "' among " + list);
        }
        return name;
    }
}
