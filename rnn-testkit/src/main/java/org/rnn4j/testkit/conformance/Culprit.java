package org.rnn4j.testkit.conformance;

/**
 * A plug-in that a failure is blamed on.
 *
 * @param kind {@code "activation"}, {@code "layer"}, {@code "loss"}, {@code "optimizer"}, or {@code "network"}
 *     for the random stacks of everything when no single plug-in can be blamed
 * @param name its name
 * @param module the module it came from ({@code "class path"} for an unnamed one), or empty when unknown
 * @param builtIn whether it is one of rnn4j's own (from rnn-core, rnn-activations or rnn-optim)
 */
public record Culprit(String kind, String name, String module, boolean builtIn) {

    /** @return {@code "activation sigmoid (org.rnn4j.activations)"} */
    @Override
    public String toString() {
        return kind + " " + name + (module.isEmpty() ? "" : " (" + module + ")");
    }
}
