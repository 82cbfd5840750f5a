package org.rnn4j.core;

import java.util.Collection;
import java.util.stream.Collectors;

/** A plug-in name that is not installed; the message lists what is. */
public final class UnknownPluginException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param kind the kind of plug-in ({@code "activation"})
     * @param plural its plural ({@code "activations"})
     * @param name the name asked for
     * @param installed what is installed
     */
    public UnknownPluginException(String kind, String plural, String name, Collection<? extends Plugin<?>> installed) {
        super("no " + kind + " named '" + name + "' is installed; installed " + plural + ": "
                + (installed.isEmpty() ? "none" : installed.stream().map(Plugin::toString)
                        .collect(Collectors.joining(", "))));
    }
}
