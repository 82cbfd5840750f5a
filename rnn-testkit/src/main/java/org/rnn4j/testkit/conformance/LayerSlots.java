package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Options;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/**
 * The settings one layer kind accepts, found by asking its provider (see {@link Choices}, "Layer
 * settings"): on the layer itself, and in a stack. Also the probe of which activations are
 * bounded enough for a gate slot.
 *
 * @param activationKeys the {@link Choices#ACTIVATION_OPTIONS} it accepts together, most specific first
 * @param flags the {@link Choices#FLAG_OPTIONS} it accepts
 * @param stackFlags the {@link Choices#STACK_FLAG_OPTIONS} the network builder accepts for it
 */
record LayerSlots(List<String> activationKeys, List<String> flags, List<String> stackFlags) {

    /**
     * Asks a layer provider which settings it accepts, by making small layers (and, for a
     * recurrent kind, small networks) with them.
     *
     * @param registry the plug-ins
     * @param p the layer's provider
     * @param activations the installed activations
     * @param feedForward the feed-forward layer kinds (the first is the probe network's output)
     * @param losses the losses (the first is the probe network's)
     * @return the accepted settings
     */
    static LayerSlots probe(Registry registry, LayerProvider p, List<String> activations, List<String> feedForward,
            List<String> losses) {
        List<String> keys = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        if (!activations.isEmpty()) {
            String any = activations.contains(Choices.SIMPLEST_ACTIVATION) ? Choices.SIMPLEST_ACTIVATION
                    : activations.get(0);
            // Most specific slots first, so a synonym ("activation" for "cell_activation") is the one left out.
            List<String> specificFirst = new ArrayList<>(
                    Choices.ACTIVATION_OPTIONS.subList(1, Choices.ACTIVATION_OPTIONS.size()));
            specificFirst.add(Choices.ACTIVATION_OPTIONS.get(0));
            for (String key : specificFirst) {
                Map<String, String> together = new LinkedHashMap<>();
                keys.forEach(k -> together.put(k, any));
                together.put(key, any);
                if (accepts(registry, p, together)) {
                    keys.add(key);
                }
            }
        }
        flags.addAll(Choices.FLAG_OPTIONS.stream().filter(key -> accepts(registry, p, Map.of(key, "false"))).toList());
        List<String> stackFlags = new ArrayList<>();
        if (p.recurrent() && !feedForward.isEmpty() && !losses.isEmpty()) {
            stackFlags.addAll(Choices.STACK_FLAG_OPTIONS.stream()
                    .filter(key -> stackAccepts(registry, p.name(), key, feedForward.get(0), losses.get(0))).toList());
        }
        return new LayerSlots(keys, flags, stackFlags);
    }

    /**
     * Whether an activation is bounded: |f(x)| &lt;= 10 at |x| = 1, 10, 100, 1000.
     *
     * @param registry the plug-ins
     * @param activation an activation of the registry
     * @return whether it may go in a gate slot
     */
    static boolean bounded(Registry registry, String activation) {
        for (double x = 1; x <= 1000; x *= 10) {
            if (!(Math.abs(registry.activation(activation).apply(x)) <= 10)
                    || !(Math.abs(registry.activation(activation).apply(-x)) <= 10)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a network builds with one recurrent layer of {@code kind} given {@code key=true}. */
    private static boolean stackAccepts(Registry registry, String kind, String key, String output, String loss) {
        try {
            Network.builder(registry).input(2).recurrent(kind, 3, Map.of(key, "true")).output(output, 2, Map.of())
                    .loss(loss).build();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean accepts(Registry registry, LayerProvider p, Map<String, String> options) {
        try {
            p.create(new LayerSpec(p.name(), 2, 3, new Options("layer '" + p.name() + "'", options),
                    registry::activation, new SplittableRandom(0)));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
