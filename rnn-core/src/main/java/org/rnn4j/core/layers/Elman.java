package org.rnn4j.core.layers;

import java.util.List;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Parameter;

/**
 * The Elman recurrent layer (Elman, "Finding Structure in Time", Cognitive Science 14, 1990):
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
 * dW_hh = sum_t da_t h_{t-1}^T, db = sum_t da_t, and dL/dx_t = W_ih^T da_t.
 *
 * <p>Masked (padding) steps leave the state unchanged (h_t = h_{t-1}) and pass the gradient
 * straight through to h_{t-1}.
 */
final class Elman extends RecurrentLayer {

    private final Activation f;
    private final Parameter bias;
    private final List<Parameter> biases;

    Elman(int in, int hidden, Activation f, boolean withBias) {
        super("elman", in, hidden, 1, 1);
        this.f = f;
        this.bias = withBias ? new Parameter("bias", hidden) : null;
        this.biases = withBias ? List.of(bias) : List.of();
        setBiases(biases.toArray(new Parameter[0]));
    }

    /** @return the activation f */
    Activation activation() {
        return f;
    }

    @Override
    List<Parameter> projectionBiases() {
        return biases;
    }

    @Override
    void stepForward(int t, double[] prev, int prevOff, int b0, int b1) {
        int off = t * batch * hidden;
        rowKernels.gemm(false, true, b1 - b0, hidden, hidden, 1.0, prev, prevOff + b0 * hidden, hidden,
                wHh.value(), 0, hidden, 1.0, pre, off + b0 * hidden, hidden);
        if (!masked()) {
            f.apply(pre, h, off + b0 * hidden, off + b1 * hidden);
            return;
        }
        for (int b = b0; b < b1; b++) {
            if (active(t, b)) {
                f.apply(pre, h, off + b * hidden, off + (b + 1) * hidden);
            }
        }
    }

    @Override
    void rowBackward(int t, int b) {
        int q = b * hidden;
        int r = (t * batch + b) * hidden;
        for (int j = 0; j < hidden; j++) {
            dPre[r + j] = dh[q + j];
            dh[q + j] = 0.0;
        }
        f.backward(pre, h, dPre, r, r + hidden);
    }
}
