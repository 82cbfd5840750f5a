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
 * Makes {@code elman} layers. Options: {@code activation} (any installed activation, default
 * {@code tanh} as in PyTorch's nn.RNN) and {@code bias} ({@code true} by default). Weights start
 * uniform in [-1/sqrt(H), 1/sqrt(H)), PyTorch's default.
 */
public final class ElmanProvider implements LayerProvider {

    /** The activation when none is chosen, as PyTorch's nn.RNN. */
    public static final String DEFAULT_ACTIVATION = "tanh";

    /** Options this layer understands. */
    static final Set<String> OPTIONS = Set.of("activation", "bias");

    /** For {@link java.util.ServiceLoader}. */
    public ElmanProvider() {
    }

    @Override
    public String name() {
        return "elman";
    }

    @Override
    public boolean recurrent() {
        return true;
    }

    @Override
    public Map<String, String> defaultOptions() {
        return Map.of("activation", DEFAULT_ACTIVATION, "bias", "true");
    }

    @Override
    public Layer create(LayerSpec spec) {
        spec.options().requireOnly(OPTIONS);
        Activation f = spec.activation("activation", DEFAULT_ACTIVATION);
        boolean bias = spec.options().flag("bias", true);
        int in = spec.inputSize();
        int hidden = spec.outputSize();
        Layer layer = spec.precision() == Precision.FLOAT32
                ? new RecurrentLayerF32("elman", in, hidden, new ElmanF32(hidden, f, bias))
                : new RecurrentLayer("elman", in, hidden, new Elman(hidden, f, bias));
        return Init.recurrentDefault(layer, spec.random());
    }

    @Override
    public Optional<Map<String, long[]>> parameterShapes(int inputSize, int outputSize, Options options) {
        options.requireOnly(OPTIONS);
        return DeclaredShapes.recurrent(inputSize, outputSize, 1, options.flag("bias", true), true);
    }
}
