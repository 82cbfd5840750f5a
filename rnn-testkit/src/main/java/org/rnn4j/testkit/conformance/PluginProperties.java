package org.rnn4j.testkit.conformance;

import java.util.List;
import org.rnn4j.testkit.property.Property;

/**
 * The properties that check one plug-in (or, with kind {@code "network"}, random stacks of all).
 *
 * @param kind {@code "activation"}, {@code "layer"}, {@code "loss"}, {@code "optimizer"} or {@code "network"}
 * @param name the plug-in's name
 * @param properties its checks
 */
public record PluginProperties(String kind, String name, List<Property<?>> properties) {

    /** Copies the list. */
    public PluginProperties {
        properties = List.copyOf(properties);
    }

    /** @return whether this is a plug-in rather than the stacks of all of them */
    public boolean isPlugin() {
        return !kind.equals(Suite.NETWORK);
    }
}
