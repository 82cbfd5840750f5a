package org.rnn4j.core.train;

import java.util.List;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;

/**
 * Clipping of every gradient element to [-limit, limit], as
 * {@code torch.nn.utils.clip_grad_value_} and min-char-rnn's
 * {@code np.clip(dparam, -5, 5, out=dparam)} (A. Karpathy, 2015):
 *
 * <pre>
 *   g_i = min(max(g_i, -limit), limit)
 * </pre>
 *
 * Unlike {@link ClipByNorm} it can change the direction of the step. A NaN element stays NaN.
 *
 * @param limit the bound, finite and &gt; 0
 */
public record ClipByValue(double limit) implements GradientClip {

    /** Checks the bound. */
    public ClipByValue {
        if (!(limit > 0) || !Double.isFinite(limit)) {
            throw new IllegalArgumentException("gradient clipping: clip value must be a finite number > 0, got " + limit);
        }
    }

    @Override
    public double clip(List<Parameter> parameters) {
        double total = GradientClip.globalNorm(parameters);
        for (Parameter p : parameters) {
            if (p.precision() == Precision.FLOAT32) {
                clampFloats(p.floatGrad(), limit);
            } else {
                double[] g = p.grad();
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.min(Math.max(g[i], -limit), limit);
                }
            }
        }
        return total;
    }

    /**
     * Clamps float gradients to [-limit, limit] with the bits of clamping each one as a double
     * and rounding the result, {@code (float) min(max(g, -limit), limit)}, but between the float
     * bounds {@code (float) -limit} and {@code (float) limit}. The same bits: a float g inside
     * [-limit, limit] is kept by both; beyond a bound both give that bound rounded; and no float
     * lies strictly between a bound and its rounding (that float would be nearer the bound than
     * the rounding is), so a float at most limit is at most {@code (float) limit} and a float
     * above limit is at least {@code (float) limit} (likewise at -limit). NaN stays NaN and -0.0
     * stays -0.0 in both. GradientClipTest compares the two over bounds and their neighbours.
     *
     * <p>Why not the double form: Java 17's C2 does not vectorise a loop that widens each float,
     * clamps it with the double min/max and rounds it back, and runs it at about 4 ns an
     * element (115 us for W2's 26,765 gradients a step on this machine, 2 us in floats).
     */
    static void clampFloats(float[] g, double limit) {
        float hi = (float) limit;
        float lo = (float) -limit;
        for (int i = 0; i < g.length; i++) {
            g[i] = Math.min(Math.max(g[i], lo), hi);
        }
    }
}
