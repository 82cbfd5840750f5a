package org.rnn4j.testkit.conformance;

import java.util.List;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.property.Property;

/**
 * The properties that check one plug-in (or, with kind {@code "network"}, random stacks of all).
 *
 * @param kind {@code "activation"}, {@code "layer"}, {@code "loss"}, {@code "optimizer"} or {@code "network"}
 * @param name the plug-in's name
 * @param properties its checks
 * @param registry the plug-ins its checks' cases name (the plug-in among them), for attributing a
 *     failure ({@link Verdict}); null when unknown, and every failure is then the plug-in's own
 */
public record PluginProperties(String kind, String name, List<Property<?>> properties, Registry registry) {

    /** Copies the list. */
    public PluginProperties {
        properties = List.copyOf(properties);
    }

    /**
     * Checks whose failures are all blamed on the plug-in itself.
     *
     * @param kind the kind
     * @param name the plug-in's name
     * @param properties its checks
     */
    public PluginProperties(String kind, String name, List<Property<?>> properties) {
        this(kind, name, properties, null);
    }

    /** @return whether this is a plug-in rather than the stacks of all of them */
    public boolean isPlugin() {
        return !kind.equals(Suite.NETWORK);
    }
}
