package org.rnn4j.optim;

/**
 * AdamW, Adam with decoupled weight decay, as {@code torch.optim.AdamW}:
 * <pre>
 * theta_t = theta_{t-1} - lr * lambda * theta_{t-1}
 * m_t     = beta1 * m_{t-1} + (1 - beta1) * grad
 * v_t     = beta2 * v_{t-1} + (1 - beta2) * grad^2
 * mhat_t  = m_t / (1 - beta1^t)
 * if amsgrad:
 *     vmax_t = max(vmax_{t-1}, v_t)
 *     vhat_t = vmax_t / (1 - beta2^t)
 * else:
 *     vhat_t = v_t / (1 - beta2^t)
 * theta_t = theta_t - lr * mhat_t / (sqrt(vhat_t) + eps)
 * </pre>
 * The gradient itself carries no decay term; the decay is scaled by the learning rate in force.
 *
 * <p>I. Loshchilov and F. Hutter, "Decoupled Weight Decay Regularization", ICLR 2019; Adam and
 * AMSGrad as cited by {@link Adam}.
 */
final class AdamW extends Adam {

    AdamW(Hyper hyper) {
        super(AdamWProvider.NAME, hyper, true);
    }
}
