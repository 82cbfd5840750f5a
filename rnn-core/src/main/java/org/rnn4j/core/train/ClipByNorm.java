package org.rnn4j.core.train;

import java.util.List;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;

/**
 * Clipping by global L2 norm (R. Pascanu, T. Mikolov and Y. Bengio, "On the difficulty of
 * training recurrent neural networks", ICML 2013), exactly as
 * {@code torch.nn.utils.clip_grad_norm_}:
 *
 * <pre>
 *   total = ||g||                         (all gradients as one vector)
 *   c     = maxNorm / (total + 1e-6)
 *   g     = g * c        if c &lt; 1         (otherwise g is left as it is)
 * </pre>
 *
 * The direction of the step is kept, only its length is capped. A non-finite total leaves the
 * gradients alone (PyTorch would multiply them all by NaN) so the caller sees the bad norm and
 * can stop; the {@link Trainer} does.
 *
 * @param maxNorm the largest norm let through, finite and &gt; 0
 */
public record ClipByNorm(double maxNorm) implements GradientClip {

    /** Checks the bound. */
    public ClipByNorm {
        if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
            throw new IllegalArgumentException("gradient clipping: max_norm must be a finite number > 0, got " + maxNorm);
        }
    }

    @Override
    public double clip(List<Parameter> parameters) {
        double total = GradientClip.globalNorm(parameters);
        double c = maxNorm / (total + 1e-6);
        if (Double.isFinite(total) && c < 1) {
            for (Parameter p : parameters) {
                if (p.precision() == Precision.FLOAT32) { // scaled as a double, stored rounded
                    float[] g = p.floatGrad();
                    for (int i = 0; i < g.length; i++) {
                        g[i] = (float) (g[i] * c);
                    }
                } else {
                    double[] g = p.grad();
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= c;
                    }
                }
            }
        }
        return total;
    }
}
