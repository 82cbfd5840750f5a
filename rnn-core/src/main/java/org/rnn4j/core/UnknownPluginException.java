package org.rnn4j.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plug-in name that is not installed. The message lists what is installed and says how to
 * install a plug-in: its jar on {@code RNN4J_PLUGINS} for the {@code rnn4j} command, or on the
 * module path or class path of one's own program. Every name in it is escaped
 * ({@link Quoting}), since the name asked for may come from a file.
 */
public final class UnknownPluginException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The kind of plug-in asked for. */
    private final String kind;
    /** The name asked for, as given. */
    private final String name;

    /**
     * @param kind the kind of plug-in ({@code "activation"})
     * @param plural its plural ({@code "activations"})
     * @param name the name asked for
     * @param installed what is installed
     */
    public UnknownPluginException(String kind, String plural, String name, Collection<? extends Plugin<?>> installed) {
        super("no " + kind + " named " + Quoting.quote(name) + " is installed; installed " + plural + ": "
                + (installed.isEmpty() ? "none" : byModule(installed))
                + "; to make " + kind + " " + Quoting.quote(name) + " available, put the jar of the plug-in that"
                + " provides it on the module path or class path of your program, or run"
                + " RNN4J_PLUGINS=path/to/plugin.jar ./rnn4j ...");
        this.kind = kind;
        this.name = name;
    }

    /**
     * @return the kind of plug-in that is missing: {@code "activation"}, {@code "loss"}, {@code "layer"} or
     *     {@code "optimizer"}
     */
    public String kind() {
        return kind;
    }

    /** @return the name asked for, unescaped */
    public String name() {
        return name;
    }

    /**
     * The names, escaped, each module's after them: {@code "elu, relu, tanh (org.rnn4j.activations), swish
     * (org.rnn4j.examples)"}, modules in the order of their first name.
     */
    private static String byModule(Collection<? extends Plugin<?>> installed) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (Plugin<?> p : installed) {
            names.computeIfAbsent(p.module(), m -> new ArrayList<>()).add(Quoting.escape(p.name()));
        }
        return names.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")")
                .collect(Collectors.joining(", "));
    }
}
