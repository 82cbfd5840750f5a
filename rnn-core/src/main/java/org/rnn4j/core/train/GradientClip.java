package org.rnn4j.core.train;

import java.util.List;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;

/**
 * Gradient clipping, applied between backward and the optimizer step (the Optimizer life
 * cycle's step 2). Every clip returns the global L2 norm of the gradients as they were before
 * it, for reporting and for spotting a non-finite gradient:
 *
 * <pre>
 *   ||g|| = sqrt( sum over every parameter p, every element i of g_{p,i}^2 )
 * </pre>
 *
 * all gradients taken as one vector, as {@code torch.nn.utils.clip_grad_norm_} does.
 * {@link ClipByNorm} rescales the whole vector, {@link ClipByValue} clamps each element.
 */
public interface GradientClip {

    /** No clipping: returns the norm and leaves the gradients alone. */
    GradientClip NONE = GradientClip::globalNorm;

    /**
     * Clips the gradients of {@code parameters} in place.
     *
     * @param parameters the parameters whose {@link Parameter#grad()} to clip
     * @return the global L2 norm before clipping (NaN or infinite if a gradient is)
     */
    double clip(List<Parameter> parameters);

    /**
     * The global L2 norm of all gradients taken as one vector.
     *
     * @param parameters the parameters
     * @return sqrt of the sum of every squared gradient element
     */
    static double globalNorm(List<Parameter> parameters) {
        double sum = 0;
        for (Parameter p : parameters) {
            if (p.precision() == Precision.FLOAT32) { // its floats, widened: no double copy
                for (double g : p.floatGrad()) {
                    sum += g * g;
                }
            } else {
                for (double g : p.grad()) {
                    sum += g * g;
                }
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_(params, maxNorm)}.
     *
     * @param maxNorm the largest norm let through, finite and &gt; 0
     * @return the clip
     */
    static GradientClip byNorm(double maxNorm) {
        return new ClipByNorm(maxNorm);
    }

    /**
     * Clipping of each element to [-limit, limit], as
     * {@code torch.nn.utils.clip_grad_value_(params, limit)} and min-char-rnn's {@code np.clip}.
     *
     * @param limit the bound, finite and &gt; 0 (min-char-rnn uses 5)
     * @return the clip
     */
    static GradientClip byValue(double limit) {
        return new ClipByValue(limit);
    }
}
