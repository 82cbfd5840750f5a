package org.rnn4j.optim;

import org.rnn4j.api.Optimizer;
import org.rnn4j.api.OptimizerProvider;
import org.rnn4j.api.Options;

/**
 * Provides {@code adamw}, Adam with decoupled weight decay, as {@code torch.optim.AdamW}
 * (PyTorch 2.x). The settings are those of {@link AdamProvider} with one other default:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>allowed</th></tr>
 *   <tr><td>{@code lr}</td><td>1e-3</td><td>&gt;= 0</td></tr>
 *   <tr><td>{@code beta1}</td><td>0.9</td><td>[0, 1)</td></tr>
 *   <tr><td>{@code beta2}</td><td>0.999</td><td>[0, 1)</td></tr>
 *   <tr><td>{@code eps}</td><td>1e-8</td><td>&gt; 0 (PyTorch allows 0, which divides 0 by 0 where a gradient is 0)</td></tr>
 *   <tr><td>{@code weight_decay}</td><td>1e-2</td><td>&gt;= 0 (decoupled: shrinks the
 *       parameter by {@code lr * weight_decay} before the Adam step)</td></tr>
 *   <tr><td>{@code amsgrad}</td><td>false</td><td>true or false</td></tr>
 * </table>
 *
 * <p>The update equations are in the optimizer's documentation; the method is from Loshchilov
 * and Hutter, "Decoupled Weight Decay Regularization", ICLR 2019.
 */
public final class AdamWProvider implements OptimizerProvider {

    static final String NAME = "adamw";

    /** For {@link java.util.ServiceLoader}. */
    public AdamWProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optimizer create(Options hyperparameters) {
        return new AdamW(Adam.Hyper.parse(hyperparameters, 1e-2));
    }
}
