package org.rnn4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.layers.InputGradients;

/**
 * A network's layers in the order data flows through them, and the two passes over them:
 *
 * <pre>
 *   forward:  x -> [embedding] -> recurrent_0 -> dropout_0 -> ... -> recurrent_{L-1} -> [head]
 *                -> dense_0 -> ... -> output -> y
 *   backward: dL/dy -> output -> dense layers (reversed) -> [head] -> for l = L-1 .. 0:
 *                dropout_l, recurrent_l (BPTT inside) -> [embedding] -> dL/dx
 * </pre>
 *
 * The first layer reading data skips its input gradient when nobody asks for it (a training
 * step never reads it). The layers write their input gradients into buffers they share during
 * this class's backward pass ({@link InputGradients}: one per input width, not one per layer),
 * as each is read only by the next layer down, which reads it whole before it writes its own. {@link Network} owns the loss, the parameters' names as users see them
 * and the training mode; this class only runs the layers.
 */
final class LayerStack {

    private final Layer embedding;
    private final List<Layer> recurrent;
    private final Dropouts dropouts;
    private final Layer head;
    private final List<Layer> dense;
    private final Layer output;
    private final InputGradients inputGradients;

    /**
     * @param embedding the index-reading first layer, or null
     * @param recurrent the recurrent layers, input side first
     * @param dropouts the dropout after each recurrent layer but the last
     * @param head the sequence head, or null
     * @param dense the hidden dense layers before the output layer, input side first
     * @param output the output layer
     */
    LayerStack(Layer embedding, List<Layer> recurrent, Dropouts dropouts, Layer head, List<Layer> dense, Layer output) {
        this.embedding = embedding;
        this.recurrent = List.copyOf(recurrent);
        this.dropouts = dropouts;
        this.head = head;
        this.dense = List.copyOf(dense);
        this.output = output;
        // the backward order; after a head the rows are B, not T B, so those layers keep their own
        List<Layer> order = new ArrayList<>();
        order.add(head == null ? output : null);
        for (int l = this.dense.size() - 1; l >= 0; l--) {
            order.add(head == null ? this.dense.get(l) : null);
        }
        if (head != null) {
            order.add(head);
        }
        for (int l = this.recurrent.size() - 1; l >= 0; l--) {
            order.add(this.recurrent.get(l));
        }
        order.add(embedding);
        this.inputGradients = InputGradients.share(order);
    }

    Layer embedding() {
        return embedding;
    }

    List<Layer> recurrent() {
        return recurrent;
    }

    Dropouts dropouts() {
        return dropouts;
    }

    Layer head() {
        return head;
    }

    List<Layer> dense() {
        return dense;
    }

    Layer output() {
        return output;
    }

    /** @return features per step the first layer reads (symbols, for an embedding) */
    int inputSize() {
        if (embedding != null) {
            return embedding.inputSize();
        }
        if (!recurrent.isEmpty()) {
            return recurrent.get(0).inputSize();
        }
        return dense.isEmpty() ? output.inputSize() : dense.get(0).inputSize();
    }

    /**
     * Every parameter by its qualified name, input side first: {@code embedding.weight},
     * {@code layer0.weight_ih}, ..., {@code dense0.weight}, ..., {@code output.weight}.
     *
     * @return the names and parameters, unmodifiable
     */
    Map<String, Parameter> namedParameters() {
        Map<String, Parameter> m = new LinkedHashMap<>();
        if (embedding != null) {
            for (Parameter p : embedding.parameters()) {
                m.put("embedding." + p.name(), p);
            }
        }
        for (int l = 0; l < recurrent.size(); l++) {
            for (Parameter p : recurrent.get(l).parameters()) {
                m.put("layer" + l + "." + p.name(), p);
            }
        }
        for (int l = 0; l < dense.size(); l++) {
            for (Parameter p : dense.get(l).parameters()) {
                m.put("dense" + l + "." + p.name(), p);
            }
        }
        for (Parameter p : output.parameters()) {
            m.put("output." + p.name(), p);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The forward pass.
     *
     * @param x the input batch
     * @param initial one state per recurrent layer, or null for zeros
     * @param training whether dropout applies
     * @return the output layer's output
     */
    Sequence forward(Sequence x, List<State> initial, boolean training) {
        if (initial != null && initial.size() != recurrent.size()) {
            throw new IllegalArgumentException("the network has " + recurrent.size()
                    + " recurrent layer(s) but " + initial.size() + " initial state(s) were given");
        }
        Sequence h = embedding == null ? x : embedding.forward(x, null);
        for (int l = 0; l < recurrent.size(); l++) {
            h = dropouts.forward(l, recurrent.get(l).forward(h, initial == null ? null : initial.get(l)), training);
        }
        if (head != null) {
            h = head.forward(h, null);
        }
        for (Layer d : dense) {
            h = d.forward(h, null);
        }
        return output.forward(h, null);
    }

    /**
     * The backward pass after {@link #forward}: every layer's parameter gradients accumulated.
     *
     * @param dy dL/d(output)
     * @param withInput whether dL/d(input) is wanted
     * @return dL/d(input), or null when not wanted (the first layer then skips it)
     */
    Sequence backward(Sequence dy, boolean withInput) {
        inputGradients.lend(true);
        try {
            return backwardLayers(dy, withInput);
        } finally {
            inputGradients.lend(false);
        }
    }

    private Sequence backwardLayers(Sequence dy, boolean withInput) {
        if (recurrent.isEmpty() && head == null && embedding == null && dense.isEmpty() && !withInput) {
            output.backwardWithoutInputGradient(dy);
            return null;
        }
        Sequence g = output.backward(dy);
        for (int l = dense.size() - 1; l >= 0; l--) {
            g = dense.get(l).backward(g);
        }
        if (head != null) {
            g = head.backward(g);
        }
        for (int l = recurrent.size() - 1; l >= 0; l--) {
            g = dropouts.backward(l, g);
            if (l == 0 && !withInput && embedding == null) {
                // the first layer's input is data: its gradient is never read
                recurrent.get(0).backwardWithoutInputGradient(g);
                return null;
            }
            g = recurrent.get(l).backward(g);
        }
        if (embedding != null) {
            if (!withInput) {
                embedding.backwardWithoutInputGradient(g);
                return null;
            }
            g = embedding.backward(g);
        }
        return withInput ? g : null;
    }

    /** @return each recurrent layer's state after the last forward, new */
    List<State> finalStates() {
        List<State> s = new ArrayList<>(recurrent.size());
        for (Layer l : recurrent) {
            s.add(l.finalState());
        }
        return s;
    }

    /**
     * @param batch B
     * @return zero states, one per recurrent layer
     */
    List<State> zeroStates(int batch) {
        List<State> s = new ArrayList<>(recurrent.size());
        for (Layer l : recurrent) {
            s.add(State.zeros(batch, l.stateSizes()));
        }
        return s;
    }

    /**
     * @param into one state per recurrent layer, overwritten with the states after the last forward
     * @throws IllegalArgumentException if the list or a state has the wrong size
     */
    void copyFinalStates(List<State> into) {
        if (into.size() != recurrent.size()) {
            throw new IllegalArgumentException("the network has " + recurrent.size()
                    + " recurrent layer(s) but " + into.size() + " state(s) were given to copy into");
        }
        for (int l = 0; l < recurrent.size(); l++) {
            recurrent.get(l).copyFinalState(into.get(l));
        }
    }

    /** @return dL/d(initial state) of each recurrent layer, from the last backward */
    List<State> initialStateGradients() {
        List<State> s = new ArrayList<>(recurrent.size());
        for (Layer l : recurrent) {
            s.add(l.initialStateGradient());
        }
        return s;
    }

    /** @return the layers as {@code kind(in->out), ...} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (embedding != null) {
            describe(sb, embedding);
        }
        for (Layer l : recurrent) {
            describe(sb, l);
        }
        if (head != null) {
            sb.append(head.kind()).append(", ");
        }
        for (Layer l : dense) {
            describe(sb, l);
        }
        sb.append(output.kind()).append('(').append(output.inputSize()).append("->").append(output.outputSize())
                .append(')');
        return sb.toString();
    }

    private static void describe(StringBuilder sb, Layer l) {
        sb.append(l.kind()).append('(').append(l.inputSize()).append("->").append(l.outputSize()).append("), ");
    }
}
