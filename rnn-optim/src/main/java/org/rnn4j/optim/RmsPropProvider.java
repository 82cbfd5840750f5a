package org.rnn4j.optim;

import java.util.Set;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.OptimizerProvider;
import org.rnn4j.api.Options;

/**
 * Provides {@code rmsprop}, as {@code torch.optim.RMSprop} (PyTorch 2.x).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>allowed</th></tr>
 *   <tr><td>{@code lr}</td><td>1e-2</td><td>&gt;= 0</td></tr>
 *   <tr><td>{@code alpha}</td><td>0.99</td><td>[0, 1] (PyTorch checks no upper bound; above 1 the average diverges)</td></tr>
 *   <tr><td>{@code eps}</td><td>1e-8</td><td>&gt; 0 (PyTorch allows 0, which divides 0 by 0 where a gradient is 0)</td></tr>
 *   <tr><td>{@code weight_decay}</td><td>0</td><td>&gt;= 0 (L2, added to the gradient)</td></tr>
 *   <tr><td>{@code momentum}</td><td>0</td><td>&gt;= 0</td></tr>
 *   <tr><td>{@code centered}</td><td>false</td><td>true or false</td></tr>
 * </table>
 *
 * <p>The update equations are in the optimizer's documentation; the method is from Hinton's
 * "Neural Networks for Machine Learning", lecture 6e (2012), the centered form from Graves,
 * "Generating Sequences With Recurrent Neural Networks" (2013).
 */
public final class RmsPropProvider implements OptimizerProvider {

    static final String NAME = "rmsprop";

    private static final Set<String> SETTINGS = Set.of(Settings.LR, Settings.ALPHA, Settings.EPS,
            Settings.WEIGHT_DECAY, Settings.MOMENTUM, Settings.CENTERED);

    /** For {@link java.util.ServiceLoader}. */
    public RmsPropProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optimizer create(Options hyperparameters) {
        hyperparameters.requireOnly(SETTINGS);
        return new RmsProp(
                Settings.nonNegative(hyperparameters, Settings.LR, 1e-2),
                Settings.fraction(hyperparameters, Settings.ALPHA, 0.99),
                Settings.positive(hyperparameters, Settings.EPS, 1e-8),
                Settings.nonNegative(hyperparameters, Settings.WEIGHT_DECAY, 0),
                Settings.nonNegative(hyperparameters, Settings.MOMENTUM, 0),
                hyperparameters.flag(Settings.CENTERED, false));
    }
}
