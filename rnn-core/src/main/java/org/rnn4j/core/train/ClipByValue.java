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
            if (p.precision() == Precision.FLOAT32) { // clipped as a double, stored rounded
                float[] g = p.floatGrad();
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) Math.min(Math.max(g[i], -limit), limit);
                }
            } else {
                double[] g = p.grad();
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.min(Math.max(g[i], -limit), limit);
                }
            }
        }
        return total;
    }
}
