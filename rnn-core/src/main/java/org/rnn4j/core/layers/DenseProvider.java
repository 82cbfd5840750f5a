package org.rnn4j.core.layers;

import java.util.Set;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;

/**
 * Makes {@code dense} layers (the usual output head). Options: {@code activation} (default
 * {@code identity}) and {@code bias} (default {@code true}). Weights start uniform in
 * [-1/sqrt(I), 1/sqrt(I)), as torch.nn.Linear.
 */
public final class DenseProvider implements LayerProvider {

    /** For {@link java.util.ServiceLoader}. */
    public DenseProvider() {
    }

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public boolean recurrent() {
        return false;
    }

    @Override
    public Layer create(LayerSpec spec) {
        spec.options().requireOnly(Set.of("activation", "bias"));
        Dense layer = new Dense(spec.inputSize(), spec.outputSize(), spec.activation("activation", "identity"),
                spec.options().flag("bias", true));
        double bound = 1.0 / Math.sqrt(spec.inputSize());
        layer.parameters().forEach(p -> Init.uniform(p, bound, spec.random()));
        return layer;
    }
}
