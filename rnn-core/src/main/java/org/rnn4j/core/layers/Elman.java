package org.rnn4j.core.layers;

import java.util.List;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Parameter;

/**
 * The Elman recurrent cell (Elman, "Finding Structure in Time", Cognitive Science 14, 1990):
 *
 * <pre>
 *   forward                                   backward (BPTT, step t, dh = dL/dh_t)
 *   a_t = W_ih x_t + W_hh h_{t-1} + b         da_t = dh (*) f'(a_t)
 *   h_t = f(a_t)                              dh_{t-1} = W_hh^T da_t
 * </pre>
 *
 * with W_ih H x I, W_hh H x H (a full matrix; the tutorial's single recurrent scalar w is the
 * special case w * I), an optional bias b and any installed activation f. Backpropagation
 * through time (Werbos, "Backpropagation Through Time: What It Does and How to Do It",
 * Proc. IEEE 78(10), 1990) runs one reversed loop ({@link RecurrentLayer}), after which the
 * weight gradients are matrix products over all steps at once: dW_ih = sum_t da_t x_t^T,
 * dW_hh = sum_t da_t h_{t-1}^T, db = sum_t da_t, and dL/dx_t = W_ih^T da_t. The products
 * (a_t's W terms, dh_{t-1}) are the loop's; this cell applies f and f'.
 *
 * <p>Masked (padding) steps leave the state unchanged (h_t = h_{t-1}) and pass the gradient
 * straight through to h_{t-1}.
 */
final class Elman implements Cell {

    private final Activation f;
    private final int hidden;
    private final List<Parameter> biases;

    /**
     * @param hidden H
     * @param f the activation
     * @param withBias whether there is a bias b
     */
    Elman(int hidden, Activation f, boolean withBias) {
        this.f = f;
        this.hidden = hidden;
        this.biases = withBias ? List.of(Weights.parameter("bias", hidden)) : List.of();
    }

    @Override
    public int gates() {
        return 1;
    }

    @Override
    public int stateBlocks() {
        return 1;
    }

    @Override
    public List<Parameter> inputBiases() {
        return biases;
    }

    @Override
    public void allocate(Steps s) {
    }

    @Override
    public void forward(Steps s, int t, int b0, int b1) {
        if (!s.masked()) {
            f.apply(s.pre, s.h, s.stateRow(t, b0), s.stateRow(t, b1));
            return;
        }
        for (int b = b0; b < b1; b++) {
            if (s.active(t, b)) {
                f.apply(s.pre, s.h, s.stateRow(t, b), s.stateRow(t, b) + hidden);
            }
        }
    }

    @Override
    public void backward(Steps s, int t, int b) {
        double[] dh = s.dh;
        double[] da = s.rowGrad; // da_t, row b at scratch
        int scratch = s.scratchRow(b);
        int carriedRow = b * hidden;
        int row = s.gateRow(t, b);
        for (int j = 0; j < hidden; j++) {
            da[scratch + j] = dh[carriedRow + j];
            dh[carriedRow + j] = 0.0;
        }
        s.activationBackward(f, s.pre, row, s.h, s.stateRow(t, b), scratch, hidden);
        s.storeGateGradients(t, b);
    }
}
