package org.rnn4j.core.layers;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;

/**
 * Makes {@code lstm} layers ({@link Lstm}). Options:
 * <ul>
 *   <li>{@code gate_activation} (default {@code sigmoid}) and {@code cell_activation} (default
 *       {@code tanh}; {@code activation} is a synonym): any installed activations;</li>
 *   <li>{@code bias} (default {@code true}): {@code false} drops both {@code bias_ih} and
 *       {@code bias_hh}, as PyTorch's {@code bias=False};</li>
 *   <li>{@code forget_bias} (absent by default): the initial forget-gate bias v. It sets the f
 *       slice (rows H..2H-1) of {@code bias_ih} to v and the same slice of {@code bias_hh} to 0,
 *       so that the bias the forget gate sees, b_if + b_hf, is exactly v: Keras's
 *       {@code unit_forget_bias} (v = 1, one bias vector) and char-rnn's choice (v = 1 in its
 *       input-to-hidden bias; char-rnn leaves the hidden-to-hidden slice at its random start,
 *       rnn4j zeroes it so that the sum is exactly v). Gers et al. (2000) recommend a
 *       positive start so that the cell remembers by default.</li>
 * </ul>
 * Every parameter otherwise starts uniform in [-1/sqrt(H), 1/sqrt(H)), PyTorch's default.
 */
public final class LstmProvider implements LayerProvider {

    private static final Set<String> OPTIONS = Set.of(CellActivations.GATE, CellActivations.CELL,
            CellActivations.ALIAS, "bias", "forget_bias");

    /** For {@link java.util.ServiceLoader}. */
    public LstmProvider() {
    }

    @Override
    public String name() {
        return "lstm";
    }

    @Override
    public boolean recurrent() {
        return true;
    }

    @Override
    public Layer create(LayerSpec spec) {
        Options o = spec.options();
        o.requireOnly(OPTIONS);
        CellActivations a = CellActivations.of(spec);
        boolean bias = o.flag("bias", true);
        boolean forget = o.asMap().containsKey("forget_bias");
        double v = o.number("forget_bias", 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        if (forget && !bias) {
            throw new IllegalArgumentException(o.owner() + ": forget_bias sets part of bias_ih, so it needs "
                    + "bias=true (got bias=false)");
        }
        int hidden = spec.outputSize();
        int in = spec.inputSize();
        Layer layer = Init.recurrentDefault(spec.precision() == Precision.FLOAT32
                ? new RecurrentLayerF32("lstm", in, hidden, new LstmF32(hidden, a.gate(), a.cell(), bias))
                : new RecurrentLayer("lstm", in, hidden, new Lstm(hidden, a.gate(), a.cell(), bias)), spec.random());
        if (forget) {
            for (Parameter p : layer.parameters()) {
                if (p.name().equals("bias_ih") || p.name().equals("bias_hh")) {
                    double[] values = p.values(); // a copy: a float32 parameter keeps no double array
                    Arrays.fill(values, hidden, 2 * hidden, p.name().equals("bias_ih") ? v : 0.0);
                    p.set(values);
                }
            }
        }
        return layer;
    }

    @Override
    public Optional<Map<String, long[]>> parameterShapes(int inputSize, int outputSize, Options options) {
        options.requireOnly(OPTIONS);
        return DeclaredShapes.recurrent(inputSize, outputSize, 4, options.flag("bias", true), false);
    }
}
