package org.rnn4j.optim;

import org.rnn4j.api.Optimizer;
import org.rnn4j.api.OptimizerProvider;
import org.rnn4j.api.Options;

/**
 * Provides {@code adam}, as {@code torch.optim.Adam} (PyTorch 2.x), with PyTorch's
 * {@code betas} pair given as {@code beta1} and {@code beta2}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>allowed</th></tr>
 *   <tr><td>{@code lr}</td><td>1e-3</td><td>&gt;= 0</td></tr>
 *   <tr><td>{@code beta1}</td><td>0.9</td><td>[0, 1)</td></tr>
 *   <tr><td>{@code beta2}</td><td>0.999</td><td>[0, 1)</td></tr>
 *   <tr><td>{@code eps}</td><td>1e-8</td><td>&gt; 0 (PyTorch allows 0, which divides 0 by 0 where a gradient is 0)</td></tr>
 *   <tr><td>{@code weight_decay}</td><td>0</td><td>&gt;= 0 (L2, added to the gradient)</td></tr>
 *   <tr><td>{@code amsgrad}</td><td>false</td><td>true or false</td></tr>
 * </table>
 *
 * <p>The update equations are in the optimizer's documentation; the method is from Kingma and
 * Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, AMSGrad from Reddi, Kale and
 * Kumar, "On the Convergence of Adam and Beyond", ICLR 2018.
 */
public final class AdamProvider implements OptimizerProvider {

    static final String NAME = "adam";

    /** For {@link java.util.ServiceLoader}. */
    public AdamProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optimizer create(Options hyperparameters) {
        return new Adam(Adam.Hyper.parse(hyperparameters, 0));
    }
}
