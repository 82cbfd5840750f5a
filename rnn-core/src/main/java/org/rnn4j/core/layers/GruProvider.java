package org.rnn4j.core.layers;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Options;
import org.rnn4j.api.Precision;

/**
 * Makes {@code gru} layers ({@link Gru}). Options: {@code gate_activation} (default
 * {@code sigmoid}) for r and z, {@code cell_activation} (default {@code tanh};
 * {@code activation} is a synonym) for the candidate n, any installed activations; and
 * {@code bias} (default {@code true}; {@code false} drops both {@code bias_ih} and
 * {@code bias_hh}). Every parameter starts uniform in [-1/sqrt(H), 1/sqrt(H)), PyTorch's default.
 */
public final class GruProvider implements LayerProvider {

    private static final Set<String> OPTIONS = Set.of(CellActivations.GATE, CellActivations.CELL,
            CellActivations.ALIAS, "bias");

    /** For {@link java.util.ServiceLoader}. */
    public GruProvider() {
    }

    @Override
    public String name() {
        return "gru";
    }

    @Override
    public boolean recurrent() {
        return true;
    }

    @Override
    public Layer create(LayerSpec spec) {
        spec.options().requireOnly(OPTIONS);
        CellActivations a = CellActivations.of(spec);
        boolean bias = spec.options().flag("bias", true);
        int in = spec.inputSize();
        int hidden = spec.outputSize();
        Layer layer = spec.precision() == Precision.FLOAT32
                ? new RecurrentLayerF32("gru", in, hidden, new GruF32(hidden, a.gate(), a.cell(), bias))
                : new RecurrentLayer("gru", in, hidden, new Gru(hidden, a.gate(), a.cell(), bias));
        return Init.recurrentDefault(layer, spec.random());
    }

    @Override
    public Optional<Map<String, long[]>> parameterShapes(int inputSize, int outputSize, Options options) {
        options.requireOnly(OPTIONS);
        return DeclaredShapes.recurrent(inputSize, outputSize, 3, options.flag("bias", true), false);
    }
}
