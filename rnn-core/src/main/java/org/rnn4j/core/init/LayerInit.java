package org.rnn4j.core.init;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;

/**
 * A layer's choice of initialisers, read from its options and applied to its parameters after
 * the provider has made it:
 *
 * <table>
 *   <caption>options and the parameters they set</caption>
 *   <tr><th>option</th><th>parameters (by name within the layer)</th><th>allowed</th></tr>
 *   <tr><td>{@code init}</td><td>{@code weight*} except {@code weight_hh*}: {@code weight_ih}, a
 *       dense layer's {@code weight}</td><td>pytorch, xavier_uniform, orthogonal, zeros</td></tr>
 *   <tr><td>{@code init_hh}</td><td>{@code weight_hh*}, the recurrent weights</td>
 *       <td>pytorch, xavier_uniform, orthogonal, zeros</td></tr>
 *   <tr><td>{@code init_bias}</td><td>{@code bias*}</td><td>pytorch, zeros</td></tr>
 * </table>
 *
 * An option left out leaves those parameters as the provider made them (PyTorch's default for
 * the built-in layers). Names are matched on the part after the last '.', so a wrapper's
 * {@code forward.weight_hh} counts as recurrent; parameters with other names are left alone.
 *
 * <p>Gate blocks: a {@code weight_hh} of g*H x H rows has g blocks (LSTM 4, GRU 3, Elman 1);
 * the input weight of the same gates ({@code weight_ih} for {@code weight_hh}, with the same
 * prefix and suffix) has the same g. PyTorch's default fan of a recurrent layer is H, the
 * columns of its {@code weight_hh}; of a feed-forward layer, its input size.
 */
public final class LayerInit {

    /** The option names this class takes out of a layer's options. */
    public static final Set<String> OPTIONS = Set.of("init", "init_hh", "init_bias");

    private final Initializer weights;
    private final Initializer recurrentWeights;
    private final Initializer biases;

    private LayerInit(Initializer weights, Initializer recurrentWeights, Initializer biases) {
        this.weights = weights;
        this.recurrentWeights = recurrentWeights;
        this.biases = biases;
    }

    /**
     * Reads {@code init}, {@code init_hh} and {@code init_bias} from a layer's options.
     *
     * @param where the layer, for messages ({@code "recurrent layer 0 ('elman')"})
     * @param options all of the layer's options (the others are ignored here)
     * @return the choice; absent options leave parameters as made
     * @throws IllegalArgumentException on an unknown initialiser, one that needs a matrix given
     *     for biases, or init_bias together with an LSTM's forget_bias
     */
    public static LayerInit parse(String where, Map<String, String> options) {
        Initializer b = read(where, options, "init_bias");
        if (b != null && options.containsKey("forget_bias")) {
            throw new IllegalArgumentException(where + ": init_bias and forget_bias both set the biases; the layer "
                    + "applies forget_bias and init_bias, applied after it, would overwrite it: use one of them");
        }
        if (b == Initializer.XAVIER_UNIFORM || b == Initializer.ORTHOGONAL) {
            throw new IllegalArgumentException(where + ": init_bias must be pytorch or zeros, got '"
                    + options.get("init_bias") + "' (biases are vectors)");
        }
        return new LayerInit(read(where, options, "init"), read(where, options, "init_hh"), b);
    }

    /**
     * The options without the initialiser choices, for the layer's provider.
     *
     * @param options a layer's options
     * @return a new map without {@link #OPTIONS}
     */
    public static Map<String, String> without(Map<String, String> options) {
        Map<String, String> rest = new LinkedHashMap<>(options);
        rest.keySet().removeAll(OPTIONS);
        return rest;
    }

    /** @return whether no option was given (applying changes nothing and draws nothing) */
    public boolean isEmpty() {
        return weights == null && recurrentWeights == null && biases == null;
    }

    /**
     * Re-initialises the chosen parameters of a layer, in the layer's parameter order.
     *
     * @param where the layer, for messages
     * @param layer the layer, freshly made
     * @param recurrent whether it is a recurrent layer (decides PyTorch's default fan)
     * @param random the seeded source
     * @throws IllegalArgumentException if an option was given for parameters the layer does
     *     not have ({@code init_hh} on a dense layer, {@code init_bias} with {@code bias=false})
     */
    public void apply(String where, Layer layer, boolean recurrent, RandomGenerator random) {
        List<Parameter> ps = layer.parameters();
        Initializer[] bySlot = {weights, recurrentWeights, biases};
        boolean[] used = new boolean[3];
        for (Parameter p : ps) {
            String local = p.name().substring(p.name().lastIndexOf('.') + 1);
            int slot = local.startsWith("weight_hh") ? 1 : local.startsWith("weight") ? 0 : local.startsWith("bias") ? 2 : -1;
            Initializer choice = slot < 0 ? null : bySlot[slot];
            if (choice != null) {
                double[] v = p.values(); // a copy: a float32 parameter keeps no double array
                choice.fill(v, shapeOf(p, ps, layer, recurrent), random);
                p.set(v); // rounded to float for a float32 parameter
                used[slot] = true;
            }
        }
        requireUsed(where, weights, used[0], "init", "input or output weights (weight*)");
        requireUsed(where, recurrentWeights, used[1], "init_hh", "recurrent weights (weight_hh*)");
        requireUsed(where, biases, used[2], "init_bias", "biases (bias*)");
    }

    private static void requireUsed(String where, Initializer choice, boolean used, String key, String what) {
        if (choice != null && !used) {
            throw new IllegalArgumentException(where + ": " + key + " is set but the layer has no " + what);
        }
    }

    /**
     * The shape, gate blocks and default fan of one parameter of a layer.
     *
     * @param p the parameter
     * @param all the layer's parameters
     * @param layer the layer
     * @param recurrent whether the layer is recurrent
     * @return its shape
     */
    static WeightShape shapeOf(Parameter p, List<Parameter> all, Layer layer, boolean recurrent) {
        int[] dims = p.shape();
        int rows = dims[0];
        int cols = p.size() / rows;
        boolean vector = dims.length == 1;
        Parameter hh = recurrentCounterpart(p, all);
        int blocks = 1;
        if (hh != null && !vector) {
            int[] h = hh.shape();
            if (h.length == 2 && h[0] % h[1] == 0 && rows % (h[0] / h[1]) == 0) {
                blocks = h[0] / h[1];
            }
        }
        int fan = recurrent ? (hh != null ? hh.shape()[hh.shape().length - 1] : layer.outputSize()) : layer.inputSize();
        return new WeightShape(rows, cols, blocks, fan, vector);
    }

    /** {@code weight_hh*} itself, the one matching {@code weight_ih*}, or else the layer's first. */
    private static Parameter recurrentCounterpart(Parameter p, List<Parameter> all) {
        String wanted = p.name().replace("weight_ih", "weight_hh");
        Parameter first = null;
        for (Parameter q : all) {
            String local = q.name().substring(q.name().lastIndexOf('.') + 1);
            if (!local.startsWith("weight_hh")) {
                continue;
            }
            if (q.name().equals(wanted)) {
                return q;
            }
            if (first == null) {
                first = q;
            }
        }
        return first;
    }

    private static Initializer read(String where, Map<String, String> options, String key) {
        String v = options.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Initializer.named(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + key + " must be one of " + Initializer.names()
                    + ", got '" + v + "'", e);
        }
    }
}
