package org.rnn4j.core.layers;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Options;
import org.rnn4j.api.Precision;

/**
 * Makes {@code dense} layers (the usual output head). Options: {@code activation} (default
 * {@code identity}) and {@code bias} (default {@code true}). Weights start uniform in
 * [-1/sqrt(I), 1/sqrt(I)), as torch.nn.Linear.
 */
public final class DenseProvider implements LayerProvider {

    /** Options this layer understands. */
    private static final Set<String> OPTIONS = Set.of("activation", "bias");

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
        spec.options().requireOnly(OPTIONS);
        Activation f = spec.activation("activation", "identity");
        boolean bias = spec.options().flag("bias", true);
        Layer layer = spec.precision() == Precision.FLOAT32
                ? new DenseF32(spec.inputSize(), spec.outputSize(), f, bias)
                : new Dense(spec.inputSize(), spec.outputSize(), f, bias);
        double bound = 1.0 / Math.sqrt(spec.inputSize());
        layer.parameters().forEach(p -> Init.uniform(p, bound, spec.random()));
        return layer;
    }

    @Override
    public Optional<Map<String, long[]>> parameterShapes(int inputSize, int outputSize, Options options) {
        options.requireOnly(OPTIONS);
        return DeclaredShapes.dense(inputSize, outputSize, options.flag("bias", true));
    }
}
