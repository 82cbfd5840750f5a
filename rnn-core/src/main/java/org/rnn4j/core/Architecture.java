package org.rnn4j.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that describes a {@link Network} except its weights: what a model file stores to
 * rebuild the network exactly, and what {@link Network#copy()} replays.
 *
 * @param inputSize features per step in (with an embedding: the number of symbols it reads)
 * @param embedding the embedding that reads index inputs (its size is the embedding width), or
 *     null when the input is features
 * @param recurrent the recurrent layers, input side first
 * @param head the sequence head between them and the output layer ({@code "last_step"},
 *     {@code "mean_pool"}, {@code "max_pool"}: one output row per sequence), or null for an
 *     output at every step
 * @param dense the hidden feed-forward layers between the head (or the recurrent stack) and the
 *     output layer, input side first; empty for none
 * @param output the output layer
 * @param loss the installed loss's name
 * @param lossOptions the loss's settings as given ({@code delta=0.5}), sorted by name; empty for none
 * @param reduction how per-row losses combine
 * @param dropout the dropout probability between recurrent layers, in [0, 1)
 * @param seed the seed the network was built with: of its initial weights and of its dropout
 *     masks (so that a rebuilt network draws the same masks)
 */
public record Architecture(int inputSize, LayerConfig embedding, List<LayerConfig> recurrent, String head,
        List<LayerConfig> dense, LayerConfig output, String loss,
        Map<String, String> lossOptions, Reduction reduction, double dropout, long seed) {

    /** Copies the list and options and checks that nothing is null and the dropout is in range. */
    public Architecture {
        recurrent = List.copyOf(recurrent);
        dense = List.copyOf(dense);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(loss, "loss");
        lossOptions = Collections.unmodifiableMap(new TreeMap<>(lossOptions));
        Objects.requireNonNull(reduction, "reduction");
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /**
     * An architecture without hidden dense layers (as written before they existed).
     *
     * @param inputSize features per step in (with an embedding: the number of symbols it reads)
     * @param embedding the embedding, or null
     * @param recurrent the recurrent layers, input side first
     * @param head the sequence head, or null
     * @param output the output layer
     * @param loss the installed loss's name
     * @param lossOptions the loss's settings as given
     * @param reduction how per-row losses combine
     * @param dropout the dropout probability between recurrent layers, in [0, 1)
     * @param seed the seed the network was built with
     */
    public Architecture(int inputSize, LayerConfig embedding, List<LayerConfig> recurrent, String head, LayerConfig output,
            String loss, Map<String, String> lossOptions, Reduction reduction, double dropout, long seed) {
        this(inputSize, embedding, recurrent, head, List.of(), output, loss, lossOptions, reduction, dropout, seed);
    }

    /**
     * An architecture without embedding or head and with a loss without settings.
     *
     * @param inputSize features per step in
     * @param recurrent the recurrent layers, input side first
     * @param output the output layer
     * @param loss the installed loss's name
     * @param reduction how per-row losses combine
     * @param dropout the dropout probability between recurrent layers, in [0, 1)
     * @param seed the seed the network was built with
     */
    public Architecture(int inputSize, List<LayerConfig> recurrent, LayerConfig output, String loss,
            Reduction reduction, double dropout, long seed) {
        this(inputSize, null, recurrent, null, List.of(), output, loss, Map.of(), reduction, dropout, seed);
    }

    /**
     * A builder describing this architecture, to build a network from it.
     *
     * @param registry where the layer kinds, activations and loss are looked up
     * @return a builder with every setting of this architecture, the seed included
     */
    public NetworkBuilder builder(Registry registry) {
        return Network.builder(registry).architecture(this);
    }
}
