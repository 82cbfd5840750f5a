package org.rnn4j.core.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.math.Kernels;
import org.rnn4j.core.math.Range;

/**
 * The Elman recurrent layer (Elman, "Finding Structure in Time", Cognitive Science 14, 1990):
 *
 * <pre>
 *   a_t = W_ih x_t + W_hh h_{t-1} + b        (pre-activation, H)
 *   h_t = f(a_t)                              (state and output, H)
 * </pre>
 *
 * with W_ih H x I, W_hh H x H (a full matrix; the tutorial's single recurrent scalar w is the
 * special case w * I), an optional bias b and any installed activation f. Backpropagation
 * through time (Werbos, "Backpropagation Through Time: What It Does and How to Do It",
 * Proc. IEEE 78(10), 1990) runs one reversed loop carrying dL/dh_{t}:
 *
 * <pre>
 *   dh     = dL/dy_t + dh_next
 *   da_t   = dh (*) f'(a_t)
 *   dh_next = W_hh^T da_t                     (what h_{t-1} receives)
 * </pre>
 *
 * after which the weight gradients are matrix products over all steps at once:
 * dW_ih = sum_t da_t x_t^T, dW_hh = sum_t da_t h_{t-1}^T, db = sum_t da_t, and
 * dL/dx_t = W_ih^T da_t.
 *
 * <p>Masked (padding) steps leave the state unchanged (h_t = h_{t-1}) and pass the gradient
 * straight through to h_{t-1}.
 *
 * <p>The sequences of a batch never meet, so the recurrence and the reversed loop run for
 * slices of them on all cores at once ({@link Kernels#parallel}), each slice stepping through
 * time on its own; the products over all T steps are cut over the cores by the kernels.
 */
final class Elman implements Layer {

    private final Kernels k = Kernels.get();
    private final int in;
    private final int hidden;
    private final Activation f;
    private final Parameter wIh;
    private final Parameter wHh;
    private final Parameter bias;
    private final List<Parameter> parameters;

    // Buffers reused across calls; reallocated only when T or B changes.
    private int steps = -1;
    private int batch = -1;
    private double[] pre;     // a_t for all t, (T*B) x H
    private double[] out;     // h_t for all t, (T*B) x H
    private double[] h0;      // h_{-1}, B x H
    private double[] dPre;    // da_t for all t
    private double[] dx;      // dL/dx, (T*B) x I; made on first use (a first layer never needs it)
    private double[] dhNext;  // B x H
    private double[] carry;   // B x H, gradient carried through masked rows
    private Sequence lastIn;
    private Sequence lastOut;
    private Sequence lastDx;
    // The recurrence and BPTT for a slice of the batch's sequences, which never touch another
    // slice's rows: the kernels run the slices on all cores at once.
    private final Range recurrence = this::forwardSequences;
    private final Range throughTime = this::backwardSequences;
    private Sequence gradient;

    Elman(int in, int hidden, Activation f, boolean withBias) {
        this.in = in;
        this.hidden = hidden;
        this.f = f;
        this.wIh = new Parameter("weight_ih", hidden, in);
        this.wHh = new Parameter("weight_hh", hidden, hidden);
        this.bias = withBias ? new Parameter("bias", hidden) : null;
        List<Parameter> ps = new ArrayList<>(List.of(wIh, wHh));
        if (bias != null) {
            ps.add(bias);
        }
        this.parameters = Collections.unmodifiableList(ps);
    }

    @Override
    public String kind() {
        return "elman";
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return hidden;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public int[] stateSizes() {
        return new int[] {hidden};
    }

    /** @return the activation f */
    Activation activation() {
        return f;
    }

    @Override
    public Sequence forward(Sequence x, State initial) {
        Shapes.requireInput(this, x);
        int t1 = x.steps();
        int b1 = x.batch();
        allocate(t1, b1);
        int rows = t1 * b1;
        int bh = b1 * hidden;
        if (initial == null) {
            Arrays.fill(h0, 0.0);
        } else {
            Shapes.requireState(this, initial, b1);
            System.arraycopy(initial.part(0), 0, h0, 0, bh);
        }
        // Input projection of all T steps at once: A = X W_ih^T (the bias is added step by step).
        k.gemm(false, true, rows, hidden, in, 1.0, x.data(), 0, in, wIh.value(), 0, in, 0.0, pre, 0, hidden);
        lastIn = x;
        k.parallel(b1, (long) t1 * hidden * hidden, recurrence);
        lastOut = Shapes.view(lastOut, t1, b1, hidden, out, x.mask());
        return lastOut;
    }

    @Override
    public State finalState() {
        if (lastOut == null) {
            throw new IllegalStateException("the " + Shapes.describe(this) + " has no final state before a forward");
        }
        int bh = batch * hidden;
        return new State(Arrays.copyOfRange(out, (steps - 1) * bh, steps * bh));
    }

    @Override
    public void copyFinalState(State destination) {
        if (lastOut == null) {
            throw new IllegalStateException("the " + Shapes.describe(this) + " has no final state before a forward");
        }
        int bh = batch * hidden;
        if (destination.parts().length != 1 || destination.part(0).length != bh) {
            throw new IllegalArgumentException("the " + Shapes.describe(this) + " has one state block of batch x "
                    + hidden + " = " + bh + " values; the destination has " + destination.parts().length
                    + " block(s)" + (destination.parts().length > 0 ? " of " + destination.part(0).length + " values" : ""));
        }
        System.arraycopy(out, (steps - 1) * bh, destination.part(0), 0, bh);
    }

    @Override
    public Sequence backward(Sequence dy) {
        backwardWithoutInputGradient(dy);
        if (dx == null || dx.length != steps * batch * in) {
            dx = new double[steps * batch * in];
        }
        k.gemm(false, false, steps * batch, in, hidden, 1.0, dPre, 0, hidden, wIh.value(), 0, in, 0.0, dx, 0, in);
        lastDx = Shapes.view(lastDx, steps, batch, in, dx, lastIn.mask());
        return lastDx;
    }

    @Override
    public void backwardWithoutInputGradient(Sequence dy) {
        Shapes.requireGradient(this, lastOut, dy);
        int bh = batch * hidden;
        gradient = dy;
        k.parallel(batch, (long) steps * hidden * hidden, throughTime);
        int rows = steps * batch;
        k.gemm(true, false, hidden, in, rows, 1.0, dPre, 0, hidden, lastIn.data(), 0, in, 1.0, wIh.grad(), 0, in);
        if (steps > 1) {
            k.gemm(true, false, hidden, hidden, rows - batch, 1.0, dPre, bh, hidden, out, 0, hidden,
                    1.0, wHh.grad(), 0, hidden);
        }
        k.gemm(true, false, hidden, hidden, batch, 1.0, dPre, 0, hidden, h0, 0, hidden, 1.0, wHh.grad(), 0, hidden);
        if (bias != null) {
            k.addColumnSums(dPre, rows, hidden, bias.grad());
        }
    }

    @Override
    public State initialStateGradient() {
        return new State(dhNext.clone());
    }

    /**
     * The recurrence a_t += b + W_hh h_{t-1}, h_t = f(a_t) over all T steps for sequences
     * [b0, b1); a_t already holds W_ih x_t.
     */
    private void forwardSequences(int b0, int b1) {
        int width = (b1 - b0) * hidden;
        for (int t = 0; t < steps; t++) {
            int off = (t * batch + b0) * hidden;
            double[] prev = t == 0 ? h0 : out;
            int prevOff = t == 0 ? b0 * hidden : off - batch * hidden;
            if (bias != null) {
                k.addRowVector(pre, off, b1 - b0, bias.value(), hidden);
            }
            k.gemm(false, true, b1 - b0, hidden, hidden, 1.0, prev, prevOff, hidden, wHh.value(), 0, hidden,
                    1.0, pre, off, hidden);
            f.apply(pre, out, off, off + width);
            if (lastIn.mask() != null) {
                for (int b = b0; b < b1; b++) {
                    if (!lastIn.active(t * batch + b)) {
                        System.arraycopy(prev, prevOff + (b - b0) * hidden, out, off + (b - b0) * hidden, hidden);
                    }
                }
            }
        }
    }

    /**
     * BPTT for sequences [b0, b1), one reversed loop carrying dh_next: da_t for every step into
     * dPre, and dL/dh_{-1} left in dhNext.
     */
    private void backwardSequences(int b0, int b1) {
        double[] g = gradient.data();
        int width = (b1 - b0) * hidden;
        Arrays.fill(dhNext, b0 * hidden, b1 * hidden, 0.0);
        for (int t = steps - 1; t >= 0; t--) {
            int off = (t * batch + b0) * hidden;
            for (int j = 0; j < width; j++) {
                dPre[off + j] = g[off + j] + dhNext[b0 * hidden + j];
            }
            boolean anyMasked = holdMasked(t, off, b0, b1);
            f.backward(pre, out, dPre, off, off + width);
            if (anyMasked) {
                zeroMasked(t, off, b0, b1);
            }
            k.gemm(false, false, b1 - b0, hidden, hidden, 1.0, dPre, off, hidden, wHh.value(), 0, hidden,
                    0.0, dhNext, b0 * hidden, hidden);
            if (anyMasked) {
                restoreMasked(t, b0, b1);
            }
        }
    }

    /** Saves dL/dh of the masked rows of step t among sequences [b0, b1) (they pass straight to h_{t-1}). */
    private boolean holdMasked(int t, int off, int b0, int b1) {
        if (lastIn.mask() == null) {
            return false;
        }
        boolean any = false;
        for (int b = b0; b < b1; b++) {
            if (!lastIn.active(t * batch + b)) {
                System.arraycopy(dPre, off + (b - b0) * hidden, carry, b * hidden, hidden);
                any = true;
            }
        }
        return any;
    }

    private void zeroMasked(int t, int off, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            if (!lastIn.active(t * batch + b)) {
                Arrays.fill(dPre, off + (b - b0) * hidden, off + (b - b0 + 1) * hidden, 0.0);
            }
        }
    }

    private void restoreMasked(int t, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            if (!lastIn.active(t * batch + b)) {
                System.arraycopy(carry, b * hidden, dhNext, b * hidden, hidden);
            }
        }
    }

    private void allocate(int t1, int b1) {
        if (t1 == steps && b1 == batch) {
            return;
        }
        steps = t1;
        batch = b1;
        int rows = t1 * b1;
        pre = new double[rows * hidden];
        out = new double[rows * hidden];
        dPre = new double[rows * hidden];
        dx = null;
        h0 = new double[b1 * hidden];
        dhNext = new double[b1 * hidden];
        carry = new double[b1 * hidden];
        lastOut = null;
    }
}
