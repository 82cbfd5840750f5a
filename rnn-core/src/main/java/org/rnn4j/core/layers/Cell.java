package org.rnn4j.core.layers;

import java.util.List;
import org.rnn4j.api.Parameter;

/**
 * The element-wise part of one recurrent cell (Elman, LSTM, GRU): its equations for one step,
 * forward and backward side by side, with the step and the rows passed in. The matrix products
 * around it belong to the loop over time, {@link RecurrentLayer}: before {@link #forward} it
 * has put the step's gate pre-activations in {@link Steps#pre} (input projection, input biases
 * and, unless the cell keeps it apart, W_hh h_{t-1}); after {@link #backward} it turns the
 * gate gradients into weight, bias and input gradients. A cell owns the buffers only it reads
 * (activated gates, an LSTM's p(c_t)); the buffers both sides read are in {@link Steps}.
 *
 * <p>Rows of one step run at the same time on different threads: a cell writes only the rows
 * it is given and makes no allocation per step.
 */
interface Cell {

    /** @return G, the gate blocks packed in the weights (Elman 1, GRU 3, LSTM 4) */
    int gates();

    /** @return the state blocks, each B x H (h; or h and c) */
    int stateBlocks();

    /**
     * @return the biases added to every row of the input projection before the recurrent
     *     product; their gradient is the column sums of dL/dP
     */
    List<Parameter> inputBiases();

    /**
     * Whether the recurrent term Q = W_hh h_{t-1} (+ {@link #recurrentBiases}) is kept in its own
     * buffer ({@link Steps#recurrent}) rather than added to P: a GRU's reset gate multiplies it.
     *
     * @return whether Q and P are apart
     */
    default boolean keepsRecurrentTermApart() {
        return false;
    }

    /**
     * @return the biases added to the recurrent term after the product (only when it is kept
     *     apart); their gradient is the column sums of dL/dQ
     */
    default List<Parameter> recurrentBiases() {
        return List.of();
    }

    /**
     * Makes the cell's own buffers for a batch laid out as {@code s}.
     *
     * @param s the shared buffers of the batch, just made
     */
    void allocate(Steps s);

    /**
     * Forward step t over rows [b0, b1): on entry the step's rows of {@link Steps#pre} (and of
     * {@link Steps#recurrent}) are ready; on exit each real row ({@link Steps#active}) holds
     * step t's state in every block of {@link Steps#history}. Padded rows are left alone.
     *
     * @param s the batch's buffers
     * @param t the step
     * @param b0 the first row
     * @param b1 one past the last row
     */
    void forward(Steps s, int t, int b0, int b1);

    /**
     * Backward step t for one real row b: on entry row b of each block of
     * {@link Steps#carried} holds dL/d(state)_t; on exit row b of step t in {@link Steps#dPre}
     * (and {@link Steps#dRecurrent}) holds the gate gradients, row b of {@code carried[0]} the
     * part of dL/dh_{t-1} that does not pass through W_hh, and the other blocks dL/d(state)_{t-1}.
     * dL/dP is P's own array: the cell computes the row's gate gradients in the scratch rows
     * ({@link Steps#rowGrad}, {@link Steps#activationBackward}) and stores them over P_t with
     * {@link Steps#storeGateGradients} once it has read P_t (and writes dL/dQ over Q_t only
     * after its last read of Q_t).
     *
     * @param s the batch's buffers
     * @param t the step
     * @param b the row (sequence)
     */
    void backward(Steps s, int t, int b);
}
