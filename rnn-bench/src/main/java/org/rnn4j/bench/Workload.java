package org.rnn4j.bench;

import java.util.List;

/**
 * One workload of docs/BENCHMARKS.md: the recurrent cell, the shape of the network and of a
 * training batch. Each runs in both precisions; the precision is not part of the workload.
 *
 * <table>
 *   <caption>The six workloads</caption>
 *   <tr><th>id</th><th>what</th><th>layers x hidden</th><th>vocab</th><th>T</th><th>batch</th>
 *       <th>loss</th><th>optimizer</th></tr>
 *   <tr><td>W1</td><td>the tutorial</td><td>1 x 3 sigmoid</td><td>4</td><td>2</td><td>1</td>
 *       <td>half squared error</td><td>sgd lr 1</td></tr>
 *   <tr><td>W2</td><td>min-char-rnn</td><td>1 x 100 tanh</td><td>65</td><td>25</td><td>1</td>
 *       <td>softmax cross-entropy</td><td>adagrad lr 0.1, clip +-5</td></tr>
 *   <tr><td>W3</td><td>char-rnn size</td><td>2 x 256 tanh</td><td>65</td><td>64</td><td>32</td>
 *       <td>softmax cross-entropy</td><td>adam lr 2e-3</td></tr>
 *   <tr><td>W4</td><td>deep stack</td><td>4 x 512 tanh</td><td>65</td><td>64</td><td>64</td>
 *       <td>softmax cross-entropy</td><td>adam lr 2e-3</td></tr>
 *   <tr><td>W5</td><td>LSTM</td><td>2 x 256 lstm</td><td>65</td><td>64</td><td>32</td>
 *       <td>softmax cross-entropy</td><td>adam lr 2e-3</td></tr>
 *   <tr><td>W6</td><td>GRU</td><td>2 x 256 gru</td><td>65</td><td>64</td><td>32</td>
 *       <td>softmax cross-entropy</td><td>adam lr 2e-3</td></tr>
 * </table>
 *
 * @param id "W1" to "W6"
 * @param cell the recurrent layer kind: "elman" (W1-W4; W1's is the tutorial's sigmoid one),
 *     "lstm" or "gru"
 * @param layers recurrent layers
 * @param hidden units per recurrent layer
 * @param vocab input and output width (one-hot symbols)
 * @param steps T, time steps per batch
 * @param batch B, sequences per batch
 */
public record Workload(String id, String cell, int layers, int hidden, int vocab, int steps, int batch) {

    /** The six workloads, in order. */
    public static final List<Workload> ALL = List.of(
            new Workload("W1", "elman", 1, 3, 4, 2, 1),
            new Workload("W2", "elman", 1, 100, 65, 25, 1),
            new Workload("W3", "elman", 2, 256, 65, 64, 32),
            new Workload("W4", "elman", 4, 512, 65, 64, 64),
            new Workload("W5", "lstm", 2, 256, 65, 64, 32),
            new Workload("W6", "gru", 2, 256, 65, 64, 32));

    /**
     * @param id "W1" to "W6"
     * @return that workload
     * @throws IllegalArgumentException naming the known ids
     */
    public static Workload of(String id) {
        return ALL.stream().filter(w -> w.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown workload '" + id + "'; the workloads are "
                        + String.join(", ", ALL.stream().map(Workload::id).toList())));
    }

    /**
     * The same workload with another T (for the scaling report).
     *
     * @param t steps per batch, or 0 to keep this one's
     * @return the variant
     */
    public Workload withSteps(int t) {
        return t == 0 ? this : new Workload(id, cell, layers, hidden, vocab, t, batch);
    }

    /**
     * The same workload with another depth (for the scaling report).
     *
     * @param l recurrent layers, or 0 to keep this one's
     * @return the variant
     */
    public Workload withLayers(int l) {
        return l == 0 ? this : new Workload(id, cell, l, hidden, vocab, steps, batch);
    }

    /** @return whether this is W1, the tutorial's network with its own weights and data */
    public boolean isTutorial() {
        return id.equals("W1");
    }

    /**
     * G of docs/BENCHMARKS.md's count: how many H-wide blocks the cell's weight matrices have
     * (the rows of {@code weight_ih} and {@code weight_hh} are G H).
     *
     * @return 1 for Elman, 4 for LSTM (i, f, g, o), 3 for GRU (r, z, n)
     */
    public int gateBlocks() {
        return switch (cell) {
            case "elman" -> 1;
            case "lstm" -> 4;
            case "gru" -> 3;
            default -> throw new IllegalStateException("no gate count for cell '" + cell + "'");
        };
    }

    /**
     * docs/BENCHMARKS.md's count, the same for every implementation: the sum over recurrent layers
     * of 2 G H (I + H) (G = {@link #gateBlocks()}, I = vocab for the first layer, H above) plus
     * 2 H V for the output layer.
     *
     * @return floating-point operations per character of a forward pass
     */
    public double forwardFlopsPerChar() {
        double flops = 0;
        int in = vocab;
        for (int l = 0; l < layers; l++) {
            flops += 2.0 * gateBlocks() * hidden * (in + hidden);
            in = hidden;
        }
        return flops + 2.0 * hidden * vocab;
    }

    /** @return three times the forward count: forward, and backward's two products per weight */
    public double trainingFlopsPerChar() {
        return 3 * forwardFlopsPerChar();
    }

    /** @return characters in one batch, T x B */
    public int charsPerStep() {
        return steps * batch;
    }
}
