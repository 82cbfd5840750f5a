package org.rnn4j.testkit.conformance;

import java.util.List;
import org.rnn4j.core.Plugin;
import org.rnn4j.core.Registry;

/**
 * Which plug-ins are rnn4j's own, and which of them stand in for a suspect when a failure is
 * attributed ({@link Culprits}).
 *
 * <p>A plug-in is built in when its class is in a package of rnn-core, rnn-activations or
 * rnn-optim: decided by the class, not the name, so a planted {@code sigmoid} is not built in,
 * and the same on the module path and on the class path (where every module is "class path").
 */
final class BuiltIns {

    /** The packages (and their subpackages) of the modules that ship rnn4j's plug-ins. */
    static final List<String> PACKAGES = List.of("org.rnn4j.core", "org.rnn4j.activations", "org.rnn4j.optim");
    /** Stand-ins for an activation, smooth and bounded first (they suit gate slots too). */
    static final List<String> ACTIVATIONS = List.of("tanh", "sigmoid", "identity");
    /** Stand-ins for a loss. */
    static final List<String> LOSSES = List.of(Choices.SIMPLEST_LOSS, "mse", "softmax_cross_entropy");
    /** Stand-ins for a recurrent layer kind. */
    static final List<String> RECURRENT = List.of(Choices.SIMPLEST_RECURRENT, "gru", "lstm");
    /** Stand-ins for a feed-forward layer kind. */
    static final List<String> FEED_FORWARD = List.of("dense");
    /** Stand-ins for a sequence head. */
    static final List<String> HEADS = List.of("last_step", "mean_pool", "max_pool");
    /** Stand-ins for an index-reading first layer. */
    static final List<String> EMBEDDINGS = List.of("embedding");

    private BuiltIns() {
    }

    /**
     * @param plugin a plug-in instance
     * @return whether it is one of rnn4j's own
     */
    static boolean is(Object plugin) {
        String p = plugin.getClass().getPackageName();
        return PACKAGES.stream().anyMatch(b -> p.equals(b) || p.startsWith(b + "."));
    }

    /**
     * The plug-in of a kind and name in a registry, or null.
     *
     * @param registry the plug-ins
     * @param kind "activation", "loss", "layer" or "optimizer"
     * @param name the name
     * @return it, or null if the registry has none of that kind and name
     */
    static Plugin<?> find(Registry registry, String kind, String name) {
        List<? extends Plugin<?>> all = switch (kind) {
            case "activation" -> registry.activations();
            case "loss" -> registry.losses();
            case "layer" -> registry.layers();
            case "optimizer" -> registry.optimizers();
            default -> List.of();
        };
        return all.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * A built-in of the registry to put in place of a plug-in, or null if it has none.
     *
     * @param registry the plug-ins
     * @param kind the suspect's kind
     * @param name the suspect's name
     * @return the stand-in's name, never {@code name}
     */
    static String standIn(Registry registry, String kind, String name) {
        List<String> candidates = switch (kind) {
            case "activation" -> ACTIVATIONS;
            case "loss" -> LOSSES;
            case "layer" -> registry.layer(name).recurrent() ? RECURRENT
                    : registry.layer(name).sequenceHead() ? HEADS
                    : registry.layer(name).indexInput() ? EMBEDDINGS : FEED_FORWARD;
            default -> List.of();
        };
        for (String c : candidates) {
            Plugin<?> p = find(registry, kind, c);
            if (!c.equals(name) && p != null && is(p.instance())) {
                return c;
            }
        }
        return null;
    }
}
