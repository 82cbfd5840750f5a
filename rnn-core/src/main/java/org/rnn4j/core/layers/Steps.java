package org.rnn4j.core.layers;

import org.rnn4j.api.Activation;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.math.ArraySize;

/**
 * The buffers that the loop over time ({@link RecurrentLayer}) and its {@link Cell} share for
 * one batch of T steps of B sequences, made when T or B changes and reused otherwise. Rows are
 * step-major: row {@code t * B + b} is sequence b at step t.
 *
 * <p>The gate gradients are written over what they are the gradients of: dL/dP over P, and
 * dL/dQ over Q when Q is apart. Backward step t is the last to read P_t and Q_t (the weight
 * gradients after the loop read dL/dP, dL/dQ, the inputs and h, never P), so a cell computes
 * step t's gate gradients of row b in a scratch row ({@link #rowGrad}, B rows) and stores them
 * over P_t's row ({@link #storeGateGradients}) once it has read P_t. An {@link Activation}'s
 * backward reads x, y and the gradient at one index range and its contract does not let the
 * gradient share an array with x, so {@link #activationBackward} copies the x and y it needs
 * beside the gradient in the scratch rows first (O(H) per row against the products' O(H^2)).
 * A backward therefore consumes its forward: a second backward needs a new forward.
 */
final class Steps {

    /** T. */
    final int steps;
    /** B. */
    final int batch;
    /** H. */
    final int hidden;
    /** G * H: the width of a row of gate pre-activations. */
    final int width;
    /** P: gate pre-activations of every step, (T*B) x G*H; the input projection lands here first. */
    final double[] pre;
    /** Q: the recurrent term W_hh h_{t-1} of every step, (T*B) x G*H; {@link #pre} itself unless kept apart. */
    final double[] recurrent;
    /** dL/dP, (T*B) x G*H: {@link #pre} itself, each step's row written once that step has read P. */
    final double[] dPre;
    /** dL/dQ, (T*B) x G*H: {@link #recurrent} itself, like {@link #dPre}. */
    final double[] dRecurrent;
    /**
     * The scratch rows of backward step t, B rows of G*H and H more per state block after h: row
     * b's gate gradients (then, for an LSTM, the gradient at p(c_t)), and in {@link #rowX} and
     * {@link #rowY} the activations' x and y at the same indices.
     */
    final double[] rowGrad;
    private final double[] rowX;
    private final double[] rowY;
    /** G*H + H per state block after h: the width of a scratch row. */
    private final int scratchWidth;
    /** The state blocks of every step, (T*B) x H each: h (the output), then c for an LSTM. */
    final double[][] history;
    /** The state blocks before step 0, B x H each. */
    final double[][] initial;
    /** dL/d(state) carried backwards through the steps, B x H per block: dh, then dc. */
    final double[][] carried;
    /** h of every step: {@code history[0]}. */
    final double[] h;
    /** dL/dh carried backwards: {@code carried[0]}. */
    final double[] dh;
    private Sequence input;
    private double[] inputValues;
    /** Whether a backward has overwritten the last forward's P with dL/dP. */
    private boolean consumed;

    /**
     * @param kind the layer's kind, for messages
     * @param steps T
     * @param batch B
     * @param in I, the input width (checked only)
     * @param hidden H
     * @param cell the cell: its gates, state blocks and whether Q is apart
     * @throws IllegalArgumentException if an array would exceed Java's limit
     */
    Steps(String kind, int steps, int batch, int in, int hidden, Cell cell) {
        this.width = cell.gates() * hidden;
        int rows = ArraySize.of("the " + kind + " layer's steps x batch", steps, batch);
        int gates = ArraySize.of("the " + kind + " layer's gate values for T x B x G*H", steps, batch, width);
        ArraySize.of("the " + kind + " layer's input gradient for T x B x I", steps, batch, in);
        this.steps = steps;
        this.batch = batch;
        this.hidden = hidden;
        this.pre = new double[gates];
        this.dPre = pre;
        this.recurrent = cell.keepsRecurrentTermApart() ? new double[gates] : pre;
        this.dRecurrent = recurrent;
        this.scratchWidth = width + (cell.stateBlocks() - 1) * hidden;
        this.rowGrad = new double[batch * scratchWidth];
        this.rowX = new double[batch * scratchWidth];
        this.rowY = new double[batch * scratchWidth];
        int blocks = cell.stateBlocks();
        this.history = new double[blocks][rows * hidden];
        this.initial = new double[blocks][batch * hidden];
        this.carried = new double[blocks][batch * hidden];
        this.h = history[0];
        this.dh = carried[0];
    }

    /**
     * Sets the input of the current forward, whose mask says which rows are real.
     *
     * @param x the input
     * @param values its values as the layer's products read them ({@link Boundary#input})
     */
    void read(Sequence x, double[] values) {
        this.input = x;
        this.inputValues = values;
        this.consumed = false;
    }

    /**
     * Marks the start of a backward, which overwrites P (and Q) with their gradients.
     *
     * @param owner the layer, described only in a message (no string made per step)
     * @throws IllegalStateException if a backward has already run since the last forward
     */
    void consume(Layer owner) {
        if (consumed) {
            throw new IllegalStateException("the " + Shapes.describe(owner) + " has already run backward after its last forward, "
                    + "which used up the forward's saved pre-activations; run forward again before another backward");
        }
        consumed = true;
    }

    /** @return the offset of row b in the scratch rows ({@link #rowGrad}) */
    int scratchRow(int b) {
        return b * scratchWidth;
    }

    /**
     * An activation's chain rule on n values whose dL/dy waits in {@link #rowGrad} at
     * [at, at + n): its pre-activations x[xOff ..] and outputs y[yOff ..] are copied to the same
     * indices of the scratch rows, and on exit rowGrad holds dL/dx there.
     *
     * @param f the activation
     * @param x the pre-activations' array
     * @param xOff their first index
     * @param y the outputs' array
     * @param yOff their first index
     * @param at the first index in the scratch rows
     * @param n how many values
     */
    void activationBackward(Activation f, double[] x, int xOff, double[] y, int yOff, int at, int n) {
        System.arraycopy(x, xOff, rowX, at, n);
        System.arraycopy(y, yOff, rowY, at, n);
        f.backward(rowX, rowY, rowGrad, at, at + n);
    }

    /**
     * Stores row b's gate gradients (the first G*H of its scratch row) as dL/dP_t over P_t.
     *
     * @param t the step
     * @param b the row
     */
    void storeGateGradients(int t, int b) {
        System.arraycopy(rowGrad, scratchRow(b), dPre, gateRow(t, b), width);
    }

    /** @return the values of the current forward's input, (T*B) x I */
    double[] inputValues() {
        return inputValues;
    }

    /** @return the input of the current forward */
    Sequence input() {
        return input;
    }

    /** @return whether the current batch has padded rows (a mask) */
    boolean masked() {
        return input.mask() != null;
    }

    /**
     * @param t a step
     * @param b a row (sequence)
     * @return whether row b of step t is a real step, not padding
     */
    boolean active(int t, int b) {
        return input.active(t * batch + b);
    }

    /** @return the offset of row b of step t in the G*H-wide buffers ({@link #pre}, ...) */
    int gateRow(int t, int b) {
        return (t * batch + b) * width;
    }

    /** @return the offset of row b of step t in the H-wide buffers ({@link #history}) */
    int stateRow(int t, int b) {
        return (t * batch + b) * hidden;
    }

    /** @return the array holding state block {@code block} of step t-1 (the initial one at t = 0) */
    double[] previous(int block, int t) {
        return t == 0 ? initial[block] : history[block];
    }

    /** @return the offset of row b of step t-1 in {@link #previous} */
    int previousRow(int t, int b) {
        return (t == 0 ? 0 : (t - 1) * batch * hidden) + b * hidden;
    }

    /** Copies each state block's row b of step t-1 into step t for every padded row b in [b0, b1). */
    void holdPadded(int t, int b0, int b1) {
        for (int block = 0; block < history.length; block++) {
            double[] prev = previous(block, t);
            for (int b = b0; b < b1; b++) {
                if (!active(t, b)) {
                    System.arraycopy(prev, previousRow(t, b), history[block], stateRow(t, b), hidden);
                }
            }
        }
    }

    /** @return a copy of the carried gradients: after a backward, dL/d(state) before step 0 */
    State carriedState() {
        return Boundary.state(carried, 0, batch * hidden);
    }

    /** @return a copy of the state blocks of the last step */
    State lastState() {
        return Boundary.state(history, stateRow(steps - 1, 0), stateRow(steps, 0));
    }

    /**
     * Copies the state blocks of the last step into {@code destination}.
     *
     * @param destination blocks of the same number and size, B x H each
     * @param owner the layer, described only in a message (no string made per step)
     * @throws IllegalArgumentException if the destination's blocks differ in number or size
     */
    void copyLastState(State destination, Layer owner) {
        int bh = batch * hidden;
        if (destination.parts().length != history.length) {
            throw new IllegalArgumentException("the " + Shapes.describe(owner) + " has " + history.length
                    + " state block(s), the destination has " + destination.parts().length);
        }
        for (int i = 0; i < history.length; i++) {
            if (destination.part(i).length != bh) {
                throw new IllegalArgumentException("the " + Shapes.describe(owner) + "'s state block " + i + " has batch x " + hidden
                        + " = " + bh + " values, the destination's has " + destination.part(i).length);
            }
            Boundary.copy(history[i], stateRow(steps - 1, 0), destination.part(i), 0, bh);
        }
    }
}
