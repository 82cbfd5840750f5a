package org.rnn4j.core.layers;

import java.util.Set;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;

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

    @Override
    public Layer create(LayerSpec spec) {
        spec.options().requireOnly(Set.of());
        Embedding layer = new Embedding(spec.inputSize(), spec.outputSize());
        double[] w = layer.parameters().get(0).value();
        for (int i = 0; i < w.length; i++) {
            w[i] = spec.random().nextGaussian();
        }
        return layer;
    }
}
