package org.rnn4j.core.layers;

import java.util.Set;
import java.util.Optional;
import java.util.Map;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Options;

/**
 * Makes {@code embedding} layers ({@link Embedding}): input size = the number of symbols V,
 * output size = the embedding width D. No settings. Weights start standard normal, as
 * {@code torch.nn.Embedding}'s.
 */
public final class EmbeddingProvider implements LayerProvider {

    /** For {@link java.util.ServiceLoader}. */
    public EmbeddingProvider() {
    }

    @Override
    public String name() {
        return "embedding";
    }

    @Override
    public boolean recurrent() {
        return false;
    }

    @Override
    public boolean indexInput() {
        return true;
    }

    /** One parameter, {@code weight}, of shape [V, D] ({@code torch.nn.Embedding}'s). */
    @Override
    public Optional<Map<String, long[]>> parameterShapes(int inputSize, int outputSize, Options options) {
        options.requireOnly(Set.of());
        return Optional.of(Map.of("weight", new long[] {inputSize, outputSize}));
    }

    @Override
    public Layer create(LayerSpec spec) {
        spec.options().requireOnly(Set.of());
        Embedding layer = new Embedding(spec.inputSize(), spec.outputSize(), spec.precision());
        double[] w = new double[layer.parameters().get(0).size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = spec.random().nextGaussian();
        }
        layer.parameters().get(0).set(w); // rounded to float in a float32 network
        return layer;
    }
}
