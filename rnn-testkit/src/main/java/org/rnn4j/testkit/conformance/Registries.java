package org.rnn4j.testkit.conformance;

import java.util.function.UnaryOperator;
import org.rnn4j.api.Activation;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.Loss;
import org.rnn4j.api.OptimizerProvider;
import org.rnn4j.core.Plugin;
import org.rnn4j.core.Registry;

/** New registries made from old ones through the public builder: one plug-in swapped, or all activations wrapped. */
public final class Registries {

    private Registries() {
    }

    /**
     * The registry with {@code plugin} in place of any plug-in of its kind and name (or added).
     *
     * @param base the plug-ins to start from
     * @param plugin an {@link Activation}, {@link Loss}, {@link LayerProvider} or {@link OptimizerProvider}
     * @return the new registry
     * @throws IllegalArgumentException if {@code plugin} is none of the four
     */
    public static Registry with(Registry base, Object plugin) {
        Registry.Builder b = Registry.builder();
        for (Plugin<Activation> p : base.activations()) {
            if (!(plugin instanceof Activation a && a.name().equals(p.name()))) {
                b.add(p.instance());
            }
        }
        for (Plugin<Loss> p : base.losses()) {
            if (!(plugin instanceof Loss l && l.name().equals(p.name()))) {
                b.add(p.instance());
            }
        }
        for (Plugin<LayerProvider> p : base.layers()) {
            if (!(plugin instanceof LayerProvider l && l.name().equals(p.name()))) {
                b.add(p.instance());
            }
        }
        for (Plugin<OptimizerProvider> p : base.optimizers()) {
            if (!(plugin instanceof OptimizerProvider o && o.name().equals(p.name()))) {
                b.add(p.instance());
            }
        }
        if (plugin instanceof Activation a) {
            b.add(a);
        } else if (plugin instanceof Loss l) {
            b.add(l);
        } else if (plugin instanceof LayerProvider l) {
            b.add(l);
        } else if (plugin instanceof OptimizerProvider o) {
            b.add(o);
        } else {
            throw new IllegalArgumentException("a plug-in is an Activation, Loss, LayerProvider or OptimizerProvider, got "
                    + (plugin == null ? "null" : plugin.getClass().getName()));
        }
        return b.build();
    }

    /**
     * The registry with every activation replaced by {@code wrap} of it (same names).
     *
     * @param base the plug-ins
     * @param wrap makes the replacement
     * @return the new registry
     */
    static Registry mapActivations(Registry base, UnaryOperator<Activation> wrap) {
        Registry.Builder b = base.toBuilder();
        for (Plugin<Activation> p : base.activations()) {
            b.replace(wrap.apply(p.instance()));
        }
        return b.build();
    }
}
