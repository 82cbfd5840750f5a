package org.rnn4j.optim;

import java.util.Set;
import org.rnn4j.api.Options;

/**
 * Adam with L2 weight decay and optional AMSGrad, as {@code torch.optim.Adam}:
 * <pre>
 * g_t     = grad + lambda * theta_{t-1}                    (if lambda != 0)
 * m_t     = beta1 * m_{t-1} + (1 - beta1) * g_t
 * v_t     = beta2 * v_{t-1} + (1 - beta2) * g_t^2
 * mhat_t  = m_t / (1 - beta1^t)
 * if amsgrad:
 *     vmax_t = max(vmax_{t-1}, v_t)
 *     vhat_t = vmax_t / (1 - beta2^t)
 * else:
 *     vhat_t = v_t / (1 - beta2^t)
 * theta_t = theta_{t-1} - lr * mhat_t / (sqrt(vhat_t) + eps)
 * </pre>
 * computed as PyTorch does, with the denominator {@code sqrt(v) / sqrt(1 - beta2^t) + eps}.
 * {@link AdamW} replaces the first line by decoupled decay.
 *
 * <p>D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015; AMSGrad
 * from S. J. Reddi, S. Kale and S. Kumar, "On the Convergence of Adam and Beyond", ICLR 2018.
 */
class Adam extends AbstractOptimizer {

    /** The setting names of {@code adam} and {@code adamw}. */
    static final Set<String> SETTINGS = Set.of(Settings.LR, Settings.BETA1, Settings.BETA2, Settings.EPS,
            Settings.WEIGHT_DECAY, Settings.AMSGRAD);

    /**
     * Hyperparameters of Adam and AdamW.
     *
     * @param lr learning rate
     * @param beta1 decay of the first moment
     * @param beta2 decay of the second moment
     * @param eps added to the denominator
     * @param weightDecay lambda
     * @param amsgrad whether to divide by the largest second moment so far
     */
    record Hyper(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {

        /** Reads and checks the settings with PyTorch's defaults and ranges. */
        static Hyper parse(Options options, double defaultWeightDecay) {
            options.requireOnly(SETTINGS);
            return new Hyper(
                    Settings.nonNegative(options, Settings.LR, 1e-3),
                    Settings.beta(options, Settings.BETA1, 0.9),
                    Settings.beta(options, Settings.BETA2, 0.999),
                    Settings.positive(options, Settings.EPS, 1e-8),
                    Settings.nonNegative(options, Settings.WEIGHT_DECAY, defaultWeightDecay),
                    options.flag(Settings.AMSGRAD, false));
        }
    }

    private final Hyper hyper;
    private final boolean decoupled;

    Adam(Hyper hyper) {
        this(AdamProvider.NAME, hyper, false);
    }

    /**
     * @param decoupled whether weight decay shrinks theta directly (AdamW) instead of adding to g
     */
    Adam(String name, Hyper hyper, boolean decoupled) {
        super(name, hyper.lr(), hyper.amsgrad() ? 3 : 2);
        this.hyper = hyper;
        this.decoupled = decoupled;
    }

    /** PyTorch's names: m is exp_avg, v exp_avg_sq, vmax (AMSGrad) max_exp_avg_sq. */
    @Override
    final String slotName(int slot) {
        return switch (slot) {
            case 0 -> "exp_avg";
            case 1 -> "exp_avg_sq";
            default -> "max_exp_avg_sq";
        };
    }

    @Override
    final void update(long t, double[] theta, double[] grad, double[][] state, int from, int to,
            double[] newTheta, double[][] newState, int at) {
        double lr = learningRate();
        double beta1 = hyper.beta1();
        double beta2 = hyper.beta2();
        double lambda = hyper.weightDecay();
        double eps = hyper.eps();
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, t));
        double[] m = state[0];
        double[] v = state[1];
        double[] vMax = hyper.amsgrad() ? state[2] : null;
        double[] newM = newState[0];
        double[] newV = newState[1];
        double[] newVMax = hyper.amsgrad() ? newState[2] : null;
        for (int i = from, j = at; i < to; i++, j++) {
            double x = decoupled ? theta[i] - lr * lambda * theta[i] : theta[i];
            double g = decoupled ? grad[i] : withWeightDecay(grad[i], x, lambda);
            newM[j] = beta1 * m[i] + (1 - beta1) * g;
            newV[j] = beta2 * v[i] + (1 - beta2) * g * g;
            double second = newV[j];
            if (vMax != null) {
                newVMax[j] = Math.max(vMax[i], newV[j]);
                second = newVMax[j];
            }
            newTheta[j] = x - stepSize * newM[j] / (Math.sqrt(second) / sqrtCorrection2 + eps);
        }
    }
}
