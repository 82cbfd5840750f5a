package org.rnn4j.testkit.conformance;

/**
 * One layer on one batch: the layer, its input size, T and B, whether the batch is padded and
 * whether an initial state is given; the numbers (weights, inputs, state, probe weights) are
 * drawn from {@code valueSeed}.
 *
 * @param layer the layer's kind, size and settings
 * @param inputSize features per step in
 * @param steps T
 * @param batch B
 * @param masked whether sequences have random lengths (padded batch)
 * @param initialState whether a random initial state is given rather than zeros
 * @param valueSeed the seed of the numbers
 */
public record LayerCase(LayerChoice layer, int inputSize, int steps, int batch, boolean masked, boolean initialState,
        long valueSeed) {

    LayerCase withLayer(LayerChoice v) {
        return new LayerCase(v, inputSize, steps, batch, masked, initialState, valueSeed);
    }

    LayerCase withInputSize(int v) {
        return new LayerCase(layer, v, steps, batch, masked, initialState, valueSeed);
    }

    LayerCase withSteps(int v) {
        return new LayerCase(layer, inputSize, v, batch, masked, initialState, valueSeed);
    }

    LayerCase withBatch(int v) {
        return new LayerCase(layer, inputSize, steps, v, masked, initialState, valueSeed);
    }

    LayerCase withMasked(boolean v) {
        return new LayerCase(layer, inputSize, steps, batch, v, initialState, valueSeed);
    }

    LayerCase withInitialState(boolean v) {
        return new LayerCase(layer, inputSize, steps, batch, masked, v, valueSeed);
    }

    /** @return {@code "elman 3 {activation=tanh} on 2 inputs; T 4, B 2, padded; values #7"} */
    @Override
    public String toString() {
        return layer + " on " + inputSize + " input(s); T " + steps + ", B " + batch + (masked ? ", padded" : "")
                + (initialState ? ", initial state given" : "") + "; values #" + valueSeed;
    }
}
