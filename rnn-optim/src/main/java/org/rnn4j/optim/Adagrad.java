package org.rnn4j.optim;

import java.util.Arrays;

/**
 * Adagrad, as {@code torch.optim.Adagrad}:
 * <pre>
 * clr     = lr / (1 + (t - 1) * eta)
 * g_t     = grad + lambda * theta_{t-1}                    (if lambda != 0)
 * s_t     = s_{t-1} + g_t^2                                (s_0 = tau)
 * theta_t = theta_{t-1} - clr * g_t / (sqrt(s_t) + eps)
 * </pre>
 * with learning-rate decay {@code eta}, weight decay {@code lambda} and initial accumulator value
 * {@code tau}; {@code eps} is added outside the square root.
 *
 * <p>J. Duchi, E. Hazan and Y. Singer, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization", Journal of Machine Learning Research 12, 2011.
 */
final class Adagrad extends AbstractOptimizer {

    private final double lrDecay;
    private final double weightDecay;
    private final double initialAccumulator;
    private final double eps;

    Adagrad(double lr, double lrDecay, double weightDecay, double initialAccumulator, double eps) {
        super(AdagradProvider.NAME, lr, 1);
        this.lrDecay = lrDecay;
        this.weightDecay = weightDecay;
        this.initialAccumulator = initialAccumulator;
        this.eps = eps;
    }

    /** PyTorch's name of the accumulator s. */
    @Override
    String slotName(int slot) {
        return "sum";
    }

    @Override
    void initialize(double[][] state) {
        Arrays.fill(state[0], initialAccumulator);
    }

    @Override
    void update(long t, double[] theta, double[] grad, double[][] state, int from, int to,
            double[] newTheta, double[][] newState, int at) {
        double clr = learningRate() / (1 + (t - 1) * lrDecay);
        double[] sum = state[0];
        double[] newSum = newState[0];
        for (int i = from, j = at; i < to; i++, j++) {
            double g = withWeightDecay(grad[i], theta[i], weightDecay);
            newSum[j] = sum[i] + g * g;
            newTheta[j] = theta[i] - clr * g / (Math.sqrt(newSum[j]) + eps);
        }
    }
}
