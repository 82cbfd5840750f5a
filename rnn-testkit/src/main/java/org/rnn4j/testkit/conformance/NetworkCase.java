package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rnn4j.core.Reduction;

/**
 * A random stacked network and the batch it is checked on: input size, recurrent layers
 * (input side first), the output layer, the loss and its reduction, T and B, whether the batch
 * is padded (masked), whether initial states are given and the dropout between recurrent
 * layers. The numbers (weights, inputs,
 * targets, states) are drawn from {@code valueSeed} when the case is built.
 *
 * @param inputSize features per step in
 * @param recurrent the recurrent layers, 1 to {@value Choices#MAX_DEPTH}
 * @param output the output layer
 * @param loss the loss's name
 * @param reduction sum or mean over rows
 * @param steps T
 * @param batch B
 * @param masked whether sequences have random lengths (padded batch)
 * @param initialStates whether each recurrent layer starts from a random state rather than zeros
 * @param dropout the probability of {@link org.rnn4j.core.NetworkBuilder#dropout dropout} between recurrent
 *     layers, 0 for none; its masks are held fixed while the case is checked
 * @param valueSeed the seed of the numbers
 * @param lossOptions the loss's settings ({@link LossSettings}), empty for none
 * @param head the sequence head between the recurrent layers and the output layer (one output
 *     row per sequence), or null for an output at every step
 * @param embedding the index-reading first layer (inputs are then indices in [0, inputSize)),
 *     or null for feature inputs
 * @param dense the hidden feed-forward layers between the head (or the recurrent layers) and
 *     the output layer, input side first; empty for none
 */
public record NetworkCase(int inputSize, List<LayerChoice> recurrent, LayerChoice output, String loss,
        Reduction reduction, int steps, int batch, boolean masked, boolean initialStates, double dropout,
        long valueSeed, Map<String, String> lossOptions, String head, LayerChoice embedding, List<LayerChoice> dense) {

    /** Copies the layer lists and the loss's settings. */
    public NetworkCase {
        recurrent = List.copyOf(recurrent);
        dense = List.copyOf(dense);
        lossOptions = Collections.unmodifiableMap(new TreeMap<>(lossOptions));
    }

    /**
     * A case without hidden dense layers.
     *
     * @param inputSize features per step in
     * @param recurrent the recurrent layers
     * @param output the output layer
     * @param loss the loss's name
     * @param reduction sum or mean over rows
     * @param steps T
     * @param batch B
     * @param masked whether sequences have random lengths
     * @param initialStates whether random initial states are given
     * @param dropout the dropout between recurrent layers
     * @param valueSeed the seed of the numbers
     * @param lossOptions the loss's settings
     * @param head the sequence head, or null
     * @param embedding the index-reading first layer, or null
     */
    public NetworkCase(int inputSize, List<LayerChoice> recurrent, LayerChoice output, String loss,
            Reduction reduction, int steps, int batch, boolean masked, boolean initialStates, double dropout,
            long valueSeed, Map<String, String> lossOptions, String head, LayerChoice embedding) {
        this(inputSize, recurrent, output, loss, reduction, steps, batch, masked, initialStates, dropout, valueSeed,
                lossOptions, head, embedding, List.of());
    }

    /**
     * A case without a head whose loss has no settings.
     *
     * @param inputSize features per step in
     * @param recurrent the recurrent layers
     * @param output the output layer
     * @param loss the loss's name
     * @param reduction sum or mean over rows
     * @param steps T
     * @param batch B
     * @param masked whether sequences have random lengths
     * @param initialStates whether random initial states are given
     * @param dropout the dropout between recurrent layers
     * @param valueSeed the seed of the numbers
     */
    public NetworkCase(int inputSize, List<LayerChoice> recurrent, LayerChoice output, String loss,
            Reduction reduction, int steps, int batch, boolean masked, boolean initialStates, double dropout,
            long valueSeed) {
        this(inputSize, recurrent, output, loss, reduction, steps, batch, masked, initialStates, dropout, valueSeed,
                Map.of(), null, null);
    }

    /** @return the number of recurrent layers */
    public int depth() {
        return recurrent.size();
    }

    NetworkCase withInputSize(int v) {
        return new NetworkCase(v, recurrent, output, loss, reduction, steps, batch, masked, initialStates, dropout,
                valueSeed, lossOptions, head, embedding, dense);
    }

    NetworkCase withRecurrent(List<LayerChoice> v) {
        return new NetworkCase(inputSize, v, output, loss, reduction, steps, batch, masked, initialStates, dropout,
                valueSeed, lossOptions, head, embedding, dense);
    }

    NetworkCase withLayer(int i, LayerChoice v) {
        List<LayerChoice> layers = new ArrayList<>(recurrent);
        layers.set(i, v);
        return withRecurrent(layers);
    }

    NetworkCase withoutLayer(int i) {
        List<LayerChoice> layers = new ArrayList<>(recurrent);
        layers.remove(i);
        return withRecurrent(layers);
    }

    /** Another output layer; class weights cut to its size. */
    NetworkCase withOutput(LayerChoice v) {
        return new NetworkCase(inputSize, recurrent, v, loss, reduction, steps, batch, masked, initialStates, dropout,
                valueSeed, LossSettings.fit(lossOptions, v.size()), head, embedding, dense);
    }

    /** Another loss, without settings (they belong to the loss they were drawn for). */
    NetworkCase withLoss(String v) {
        return new NetworkCase(inputSize, recurrent, output, v, reduction, steps, batch, masked, initialStates, dropout,
                valueSeed, Map.of(), head, embedding, dense);
    }

    /**
     * @param v a sequence head, or null for none
     * @return this case with that head
     */
    public NetworkCase withHead(String v) {
        return new NetworkCase(inputSize, recurrent, output, loss, reduction, steps, batch, masked, initialStates,
                dropout, valueSeed, lossOptions, v, embedding, dense);
    }

    /**
     * @param v an index-reading first layer, or null for none
     * @return this case with that embedding
     */
    public NetworkCase withEmbedding(LayerChoice v) {
        return new NetworkCase(inputSize, recurrent, output, loss, reduction, steps, batch, masked, initialStates,
                dropout, valueSeed, lossOptions, head, v, dense);
    }

    /**
     * @param v hidden feed-forward layers before the output layer, empty for none
     * @return this case with those layers
     */
    public NetworkCase withDense(List<LayerChoice> v) {
        return new NetworkCase(inputSize, recurrent, output, loss, reduction, steps, batch, masked, initialStates,
                dropout, valueSeed, lossOptions, head, embedding, v);
    }

    NetworkCase withLossOptions(Map<String, String> v) {
        return new NetworkCase(inputSize, recurrent, output, loss, reduction, steps, batch, masked, initialStates,
                dropout, valueSeed, v, head, embedding, dense);
    }

    NetworkCase withReduction(Reduction v) {
        return new NetworkCase(inputSize, recurrent, output, loss, v, steps, batch, masked, initialStates, dropout,
                valueSeed, lossOptions, head, embedding, dense);
    }

    NetworkCase withSteps(int v) {
        return new NetworkCase(inputSize, recurrent, output, loss, reduction, v, batch, masked, initialStates, dropout,
                valueSeed, lossOptions, head, embedding, dense);
    }

    NetworkCase withBatch(int v) {
        return new NetworkCase(inputSize, recurrent, output, loss, reduction, steps, v, masked, initialStates, dropout,
                valueSeed, lossOptions, head, embedding, dense);
    }

    NetworkCase withMasked(boolean v) {
        return new NetworkCase(inputSize, recurrent, output, loss, reduction, steps, batch, v, initialStates, dropout,
                valueSeed, lossOptions, head, embedding, dense);
    }

    NetworkCase withDropout(double v) {
        return new NetworkCase(inputSize, recurrent, output, loss, reduction, steps, batch, masked, initialStates, v,
                valueSeed, lossOptions, head, embedding, dense);
    }

    NetworkCase withInitialStates(boolean v) {
        return new NetworkCase(inputSize, recurrent, output, loss, reduction, steps, batch, masked, v, dropout,
                valueSeed, lossOptions, head, embedding, dense);
    }

    /** @return {@code "in 1 -> elman 1 {activation=identity} -> dense 1 {...}; loss half_sse (SUM); T 2, B 1; values #5"} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("in ").append(inputSize);
        if (embedding != null) {
            sb.append(" -> ").append(embedding);
        }
        for (LayerChoice l : recurrent) {
            sb.append(" -> ").append(l);
        }
        if (head != null) {
            sb.append(" -> ").append(head);
        }
        for (LayerChoice l : dense) {
            sb.append(" -> ").append(l);
        }
        sb.append(" -> ").append(output).append("; loss ").append(loss);
        if (!lossOptions.isEmpty()) {
            sb.append(' ').append(lossOptions);
        }
        sb.append(" (").append(reduction).append("); T ")
                .append(steps).append(", B ").append(batch);
        if (masked) {
            sb.append(", padded");
        }
        if (initialStates) {
            sb.append(", initial states given");
        }
        if (dropout > 0) {
            sb.append(", dropout ").append(dropout);
        }
        return sb.append("; values #").append(valueSeed).toString();
    }
}
