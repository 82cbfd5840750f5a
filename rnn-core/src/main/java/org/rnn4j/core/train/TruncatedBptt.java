package org.rnn4j.core.train;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.layers.Bidirectional;

/**
 * Truncated backpropagation through time (R. J. Williams and J. Peng, "An efficient
 * gradient-based algorithm for on-line training of recurrent network trajectories", Neural
 * Computation 2(4), 1990; I. Sutskever, "Training Recurrent Neural Networks", PhD thesis,
 * 2013, section 2.8.6): a batch of T steps runs in chunks of k steps,
 *
 * <pre>
 *   chunk c = steps [c k, min((c+1) k, T))
 *   s_0     = the initial state;  (L_c, g_c) = loss and BPTT gradients of chunk c from s_c
 *   s_{c+1} = the state after chunk c          (carried forward, a constant for chunk c+1)
 *   L       = sum_c w_c L_c,   dL/dtheta = sum_c w_c g_c
 * </pre>
 *
 * with w_c = 1 for a summed loss and w_c = (real steps of chunk c) / (real steps of the batch)
 * for a mean, so that L is the full batch's loss. The forward pass is exactly the full one (the
 * state crosses every border); the gradient is cut at the borders: no gradient flows from chunk
 * c+1 into chunk c, which is what bounds the memory and time of one backward to k steps. With
 * k &gt;= T there is one chunk and the result is the full BPTT gradient, bit for bit.
 *
 * <p>Bidirectional layers are rejected when k &lt; T: their reverse direction needs the whole
 * sequence. A chunk whose steps are all padding is skipped: it adds nothing and the state passes it
 * unchanged. Dropout: every chunk draws the masks of the network's {@link Network#dropoutStep()}
 * at its own steps of the batch, the masks the whole batch would draw there. One instance serves
 * one network (it keeps an accumulator per parameter).
 */
public final class TruncatedBptt {

    private final int k;
    private double[][] sum;
    private List<State> finalStates;

    /**
     * @param k steps per chunk, at least 1
     * @throws IllegalArgumentException if k &lt; 1
     */
    public TruncatedBptt(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("truncated BPTT: the chunk length k must be >= 1 step, got " + k);
        }
        this.k = k;
    }

    /** @return k, the steps per chunk */
    public int length() {
        return k;
    }

    /**
     * Runs a batch chunk by chunk and leaves sum_c w_c g_c in every parameter's gradient.
     *
     * @param net the network
     * @param x input batch, T x B
     * @param target targets, shaped like the output
     * @param initial one state per recurrent layer, or null for zeros
     * @return the loss of the whole batch, reduced as the network reduces; NaN, with the chunks
     *     after it not run, if the state carried out of a chunk is not finite (then
     *     {@link #finalStates()} is that state, for the caller to say where)
     * @throws IllegalArgumentException on shapes that do not fit or non-finite values
     */
    public double gradients(Network net, Sequence x, Sequence target, List<State> initial) {
        int total = realRows(x, 0, x.steps());
        if (k >= x.steps() || total == 0) {
            double loss = net.parameterGradients(x, target, initial);
            finalStates = net.finalStates();
            return loss;
        }
        requireUnidirectional(net, "truncated BPTT");
        if (target.steps() != x.steps() || target.batch() != x.batch()) {
            throw new IllegalArgumentException("the target has shape " + target.shape() + " but the input has "
                    + x.shape() + "; they need the same steps x batch");
        }
        List<Parameter> ps = net.parameters();
        allocate(ps);
        long dropoutStep = net.dropoutStep();
        try {
            return chunks(net, x, target, initial, total, ps, dropoutStep);
        } finally {
            net.setDropoutPosition(dropoutStep + 1, 0);
        }
    }

    /** The chunks of one batch, each drawing its dropout masks at its own steps of the batch. */
    private double chunks(Network net, Sequence x, Sequence target, List<State> initial, int total,
            List<Parameter> ps, long dropoutStep) {
        List<State> carry = initial;
        double loss = 0;
        boolean first = true;
        for (int s = 0; s < x.steps(); s += k) {
            int e = Math.min(x.steps(), s + k);
            int real = realRows(x, s, e);
            if (real == 0) {
                continue;
            }
            net.setDropoutPosition(dropoutStep, s);
            double lc = net.parameterGradients(steps(x, s, e), steps(target, s, e), carry);
            double w = net.reduction() == Reduction.MEAN ? (double) real / total : 1.0;
            loss = first ? w * lc : loss + w * lc;
            for (int p = 0; p < ps.size(); p++) {
                Parameter param = ps.get(p);
                float[] gf = param.precision() == Precision.FLOAT32 ? param.floatGrad() : null;
                double[] g = gf == null ? param.grad() : null;
                double[] acc = sum[p];
                for (int i = 0; i < acc.length; i++) {
                    double gi = gf != null ? gf[i] : g[i];
                    acc[i] = first ? w * gi : acc[i] + w * gi;
                }
            }
            carry = net.finalStates();
            first = false;
            if (e < x.steps() && NonFiniteStop.firstNonFinite(carry) != null) {
                finalStates = carry;
                return Double.NaN;
            }
        }
        for (int p = 0; p < ps.size(); p++) {
            Parameter param = ps.get(p);
            if (param.precision() == Precision.FLOAT32) { // the sum, made in double, stored rounded once
                float[] g = param.floatGrad();
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) sum[p][i];
                }
            } else {
                System.arraycopy(sum[p], 0, param.grad(), 0, sum[p].length);
            }
        }
        finalStates = carry != null ? carry : net.finalStates();
        return loss;
    }

    /**
     * The state of each recurrent layer after the last step of the last batch, to carry into
     * the next batch.
     *
     * @return the states, one per recurrent layer
     * @throws IllegalStateException before any {@link #gradients} call
     */
    public List<State> finalStates() {
        if (finalStates == null) {
            throw new IllegalStateException("truncated BPTT has no final states before its first batch");
        }
        return finalStates;
    }

    /**
     * Rejects bidirectional layers where a sequence is cut into parts: their reverse direction
     * reads each sequence from its end, which a part does not hold.
     *
     * @param net the network
     * @param what what cuts the sequences, for the message
     * @throws IllegalArgumentException naming the first bidirectional layer
     */
    static void requireUnidirectional(Network net, String what) {
        for (int l = 0; l < net.recurrentLayers().size(); l++) {
            if (net.recurrentLayers().get(l) instanceof Bidirectional) {
                throw new IllegalArgumentException("recurrent layer " + l + " is bidirectional: its reverse direction "
                        + "reads each sequence from its end, and " + what + " gives it only part of the sequence; "
                        + "train it on whole sequences (a SequenceDataset without truncation)");
            }
        }
    }

    /**
     * Steps {@code [from, to)} of a batch, copied (data, or symbols, and mask), with the batch's
     * backing (a float-backed batch is sliced as floats, not through a float64 copy of the whole).
     *
     * @param s the batch
     * @param from first step
     * @param to one past the last step
     * @return a new sequence of {@code to - from} steps, symbol-coded if s is
     */
    static Sequence steps(Sequence s, int from, int to) {
        boolean[] mask = s.mask() == null ? null : Arrays.copyOfRange(s.mask(), from * s.batch(), to * s.batch());
        if (s.symbols() != null) {
            int[] symbols = Arrays.copyOfRange(s.symbols(), from * s.batch(), to * s.batch());
            return Sequence.oneHot(to - from, s.batch(), s.features(), symbols, mask);
        }
        int rowWidth = s.batch() * s.features();
        if (s.isFloat()) {
            float[] floats = Arrays.copyOfRange(s.floats(), from * rowWidth, to * rowWidth);
            return Sequence.wrap(to - from, s.batch(), s.features(), floats, mask);
        }
        double[] data = Arrays.copyOfRange(s.data(), from * rowWidth, to * rowWidth);
        return Sequence.wrap(to - from, s.batch(), s.features(), data, mask);
    }

    private static int realRows(Sequence x, int from, int to) {
        int n = 0;
        for (int r = from * x.batch(); r < to * x.batch(); r++) {
            n += x.active(r) ? 1 : 0;
        }
        return n;
    }

    private void allocate(List<Parameter> ps) {
        if (sum != null && sum.length == ps.size()) {
            boolean same = true;
            for (int p = 0; p < ps.size() && same; p++) {
                same = sum[p].length == ps.get(p).size();
            }
            if (same) {
                return;
            }
        }
        sum = new double[ps.size()][];
        for (int p = 0; p < ps.size(); p++) {
            sum[p] = new double[ps.get(p).size()];
        }
    }
}
