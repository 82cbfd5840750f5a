package org.rnn4j.core.layers;

import java.util.Map;
import org.rnn4j.api.Activation;
import org.rnn4j.api.LayerSpec;

/**
 * The two activation slots of a gated cell, read from a layer's options:
 * {@code gate_activation} (default {@code sigmoid}) for the gates and
 * {@code cell_activation} (default {@code tanh}) for the candidate (and, in an LSTM, for the
 * squashing of c). Any installed activation may fill either slot, a user's own included.
 * {@code activation} is accepted for {@code cell_activation}, as Keras names it, so that code
 * choosing one activation per layer (the property kit, a command line) works for every
 * recurrent kind; giving both is an error.
 *
 * @param gate the gate activation
 * @param cell the candidate activation
 */
record CellActivations(Activation gate, Activation cell) {

    /** The option names this record reads. */
    static final String GATE = "gate_activation";
    /** The candidate's option. */
    static final String CELL = "cell_activation";
    /** Keras's name for the candidate's option. */
    static final String ALIAS = "activation";

    /**
     * @param spec the layer's spec
     * @return the activations chosen
     * @throws IllegalArgumentException on an activation that is not installed, or on both
     *     {@code activation} and {@code cell_activation}
     */
    static CellActivations of(LayerSpec spec) {
        Map<String, String> values = spec.options().asMap();
        if (values.containsKey(ALIAS) && values.containsKey(CELL)) {
            throw new IllegalArgumentException(spec.options().owner() + ": give " + CELL + " or its synonym "
                    + ALIAS + ", not both (got " + CELL + "=" + values.get(CELL) + ", " + ALIAS + "="
                    + values.get(ALIAS) + ")");
        }
        String cellKey = values.containsKey(ALIAS) ? ALIAS : CELL;
        return new CellActivations(spec.activation(GATE, "sigmoid"), spec.activation(cellKey, "tanh"));
    }
}
