package org.rnn4j.optim;

import java.util.Set;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.OptimizerProvider;
import org.rnn4j.api.Options;

/**
 * Provides {@code adagrad}, as {@code torch.optim.Adagrad} (PyTorch 2.x).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>allowed</th></tr>
 *   <tr><td>{@code lr}</td><td>1e-2</td><td>&gt;= 0</td></tr>
 *   <tr><td>{@code lr_decay}</td><td>0</td><td>&gt;= 0</td></tr>
 *   <tr><td>{@code weight_decay}</td><td>0</td><td>&gt;= 0 (L2, added to the gradient)</td></tr>
 *   <tr><td>{@code initial_accumulator_value}</td><td>0</td><td>&gt;= 0</td></tr>
 *   <tr><td>{@code eps}</td><td>1e-10</td><td>&gt; 0 (PyTorch allows 0, which divides 0 by 0 where a gradient is 0)</td></tr>
 * </table>
 *
 * <p>The update equations are in the optimizer's documentation; the method is from Duchi, Hazan
 * and Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic Optimization",
 * JMLR 12, 2011.
 */
public final class AdagradProvider implements OptimizerProvider {

    static final String NAME = "adagrad";

    private static final Set<String> SETTINGS = Set.of(Settings.LR, Settings.LR_DECAY, Settings.WEIGHT_DECAY,
            Settings.INITIAL_ACCUMULATOR_VALUE, Settings.EPS);

    /** For {@link java.util.ServiceLoader}. */
    public AdagradProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optimizer create(Options hyperparameters) {
        hyperparameters.requireOnly(SETTINGS);
        return new Adagrad(
                Settings.nonNegative(hyperparameters, Settings.LR, 1e-2),
                Settings.nonNegative(hyperparameters, Settings.LR_DECAY, 0),
                Settings.nonNegative(hyperparameters, Settings.WEIGHT_DECAY, 0),
                Settings.nonNegative(hyperparameters, Settings.INITIAL_ACCUMULATOR_VALUE, 0),
                Settings.positive(hyperparameters, Settings.EPS, 1e-10));
    }
}
