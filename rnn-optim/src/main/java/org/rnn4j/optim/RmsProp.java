package org.rnn4j.optim;

/**
 * RMSprop, optionally centered and with momentum, as {@code torch.optim.RMSprop}:
 * <pre>
 * g_t     = grad + lambda * theta_{t-1}                    (if lambda != 0)
 * v_t     = alpha * v_{t-1} + (1 - alpha) * g_t^2
 * w_t     = v_t
 * if centered:
 *     a_t = alpha * a_{t-1} + (1 - alpha) * g_t
 *     w_t = w_t - a_t^2
 * if mu &gt; 0:
 *     b_t     = mu * b_{t-1} + g_t / (sqrt(w_t) + eps)
 *     theta_t = theta_{t-1} - lr * b_t
 * else:
 *     theta_t = theta_{t-1} - lr * g_t / (sqrt(w_t) + eps)
 * </pre>
 * with smoothing constant {@code alpha}, momentum {@code mu} and weight decay {@code lambda};
 * {@code eps} is added after the square root.
 *
 * <p>G. Hinton, N. Srivastava and K. Swersky, "Neural Networks for Machine Learning", lecture 6e,
 * 2012; the centered form from A. Graves, "Generating Sequences With Recurrent Neural Networks",
 * arXiv:1308.0850, 2013.
 */
final class RmsProp extends AbstractOptimizer {

    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;

    RmsProp(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        super(RmsPropProvider.NAME, lr, 1 + (centered ? 1 : 0) + (momentum > 0 ? 1 : 0));
        this.alpha = alpha;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.centered = centered;
    }

    /** PyTorch's names: v is square_avg, a (centered) grad_avg, b (momentum) momentum_buffer. */
    @Override
    String slotName(int slot) {
        if (slot == 0) {
            return "square_avg";
        }
        return centered && slot == 1 ? "grad_avg" : "momentum_buffer";
    }

    @Override
    void update(long t, double[] theta, double[] grad, double[][] state, int from, int to,
            double[] newTheta, double[][] newState, int at) {
        double lr = learningRate();
        double[] v = state[0];
        double[] newV = newState[0];
        double[] a = centered ? state[1] : null;
        double[] newA = centered ? newState[1] : null;
        double[] b = momentum > 0 ? state[state.length - 1] : null;
        double[] newB = momentum > 0 ? newState[newState.length - 1] : null;
        for (int i = from, j = at; i < to; i++, j++) {
            double g = withWeightDecay(grad[i], theta[i], weightDecay);
            newV[j] = alpha * v[i] + (1 - alpha) * g * g;
            double w = newV[j];
            if (a != null) {
                newA[j] = alpha * a[i] + (1 - alpha) * g;
                w -= newA[j] * newA[j];
            }
            double step = g / (Math.sqrt(w) + eps);
            if (b != null) {
                newB[j] = momentum * b[i] + step;
                step = newB[j];
            }
            newTheta[j] = theta[i] - lr * step;
        }
    }
}
