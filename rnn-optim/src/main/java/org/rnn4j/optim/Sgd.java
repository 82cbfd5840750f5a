package org.rnn4j.optim;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay, as {@code torch.optim.SGD}:
 * <pre>
 * g_t     = grad + lambda * theta_{t-1}                    (if lambda != 0)
 * if mu != 0:
 *     b_t = g_t                                            (t = 1)
 *     b_t = mu * b_{t-1} + (1 - tau) * g_t                 (t &gt; 1)
 *     g_t = g_t + mu * b_t                                 (nesterov)
 *     g_t = b_t                                            (otherwise)
 * theta_t = theta_{t-1} - lr * g_t
 * </pre>
 * with momentum {@code mu}, dampening {@code tau} and weight decay {@code lambda}.
 *
 * <p>Momentum in this form, and Nesterov momentum, as in I. Sutskever, J. Martens, G. Dahl and
 * G. Hinton, "On the importance of initialization and momentum in deep learning", ICML 2013.
 */
final class Sgd extends AbstractOptimizer {

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;

    Sgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        super(SgdProvider.NAME, lr, momentum != 0 ? 1 : 0);
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    /** PyTorch's name of the one buffer (present with momentum). */
    @Override
    String slotName(int slot) {
        return "momentum_buffer";
    }

    @Override
    void update(long t, double[] theta, double[] grad, double[][] state, int from, int to,
            double[] newTheta, double[][] newState, int at) {
        double lr = learningRate();
        double[] b = momentum != 0 ? state[0] : null;
        double[] newB = momentum != 0 ? newState[0] : null;
        for (int i = from, j = at; i < to; i++, j++) {
            double g = withWeightDecay(grad[i], theta[i], weightDecay);
            if (b != null) {
                newB[j] = t == 1 ? g : momentum * b[i] + (1 - dampening) * g;
                g = nesterov ? g + momentum * newB[j] : newB[j];
            }
            newTheta[j] = theta[i] - lr * g;
        }
    }
}
