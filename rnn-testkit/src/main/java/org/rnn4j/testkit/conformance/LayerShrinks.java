package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How shrinking simplifies one layer of a case within the {@link Choices} it was drawn from:
 * smaller, plainer activations ({@link Choices#SIMPLEST_ACTIVATION}, {@link Choices#SIMPLEST_GATE}),
 * default flags, the simplest recurrent kind ({@link Choices#SIMPLEST_RECURRENT}).
 */
final class LayerShrinks {

    private LayerShrinks() {
    }

    /**
     * Simpler variants of a layer: smaller, plainer activations, default flags.
     *
     * @param choices what the layer was drawn from
     * @param c a layer
     * @return candidates, each simpler
     */
    static List<LayerChoice> simpler(Choices choices, LayerChoice c) {
        List<LayerChoice> out = new ArrayList<>();
        for (int s : Choices.smaller(c.size(), 1)) {
            out.add(c.withSize(s));
        }
        out.addAll(plainer(choices, c));
        return out;
    }

    /** The layer with one activation moved to the simplest one or one flag dropped. */
    static List<LayerChoice> plainer(Choices choices, LayerChoice c) {
        List<LayerChoice> out = new ArrayList<>();
        boolean haveSimplest = choices.activations().contains(Choices.SIMPLEST_ACTIVATION);
        for (Map.Entry<String, String> e : c.options().entrySet()) {
            if (Choices.GATE_OPTIONS.contains(e.getKey())) {
                if (choices.gates().contains(Choices.SIMPLEST_GATE) && !e.getValue().equals(Choices.SIMPLEST_GATE)) {
                    out.add(c.withOption(e.getKey(), Choices.SIMPLEST_GATE));
                }
            } else if (Choices.ACTIVATION_OPTIONS.contains(e.getKey())) {
                if (haveSimplest && !e.getValue().equals(Choices.SIMPLEST_ACTIVATION)) {
                    out.add(c.withOption(e.getKey(), Choices.SIMPLEST_ACTIVATION));
                }
            } else {
                out.add(c.withOption(e.getKey(), null));
            }
        }
        return out;
    }

    /**
     * The simplest recurrent kind in place of {@code c}'s, if there is one: its activation slots
     * set to the simplest activations (named, so that a case never uses an activation through a
     * layer's default), no other settings.
     */
    static List<LayerChoice> simplerKind(Choices choices, LayerChoice c) {
        if (!c.kind().equals(Choices.SIMPLEST_RECURRENT)
                && choices.recurrentLayers().contains(Choices.SIMPLEST_RECURRENT)) {
            Map<String, String> options = new LinkedHashMap<>();
            for (String key : choices.slots(Choices.SIMPLEST_RECURRENT).activationKeys()) {
                boolean gate = Choices.GATE_OPTIONS.contains(key);
                List<String> from = gate ? choices.gates() : choices.activations();
                String simplest = gate ? Choices.SIMPLEST_GATE : Choices.SIMPLEST_ACTIVATION;
                options.put(key, from.contains(simplest) ? simplest : from.get(0));
            }
            return List.of(new LayerChoice(Choices.SIMPLEST_RECURRENT, c.size(), options));
        }
        return List.of();
    }
}
