package org.rnn4j.optim;

import java.util.Set;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.OptimizerProvider;
import org.rnn4j.api.Options;

/**
 * Provides {@code sgd}, stochastic gradient descent as {@code torch.optim.SGD} (PyTorch 2.x).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>allowed</th></tr>
 *   <tr><td>{@code lr}</td><td>1e-3</td><td>&gt;= 0</td></tr>
 *   <tr><td>{@code momentum}</td><td>0</td><td>&gt;= 0</td></tr>
 *   <tr><td>{@code dampening}</td><td>0</td><td>[0, 1] (PyTorch does not check it)</td></tr>
 *   <tr><td>{@code nesterov}</td><td>false</td><td>true only with momentum &gt; 0 and
 *       dampening = 0</td></tr>
 *   <tr><td>{@code weight_decay}</td><td>0</td><td>&gt;= 0 (L2, added to the gradient)</td></tr>
 * </table>
 *
 * <p>The update equations are in the optimizer's documentation: SGD with momentum and Nesterov
 * momentum as in Sutskever, Martens, Dahl and Hinton, "On the importance of initialization and
 * momentum in deep learning", ICML 2013.
 */
public final class SgdProvider implements OptimizerProvider {

    static final String NAME = "sgd";

    private static final Set<String> SETTINGS = Set.of(Settings.LR, Settings.MOMENTUM, Settings.DAMPENING,
            Settings.NESTEROV, Settings.WEIGHT_DECAY);

    /** For {@link java.util.ServiceLoader}. */
    public SgdProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optimizer create(Options hyperparameters) {
        hyperparameters.requireOnly(SETTINGS);
        double lr = Settings.nonNegative(hyperparameters, Settings.LR, 1e-3);
        double momentum = Settings.nonNegative(hyperparameters, Settings.MOMENTUM, 0);
        double dampening = Settings.fraction(hyperparameters, Settings.DAMPENING, 0);
        boolean nesterov = hyperparameters.flag(Settings.NESTEROV, false);
        double weightDecay = Settings.nonNegative(hyperparameters, Settings.WEIGHT_DECAY, 0);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException(hyperparameters.owner() + ": nesterov requires momentum > 0 and"
                    + " dampening = 0, got momentum " + momentum + " and dampening " + dampening);
        }
        return new Sgd(lr, momentum, dampening, nesterov, weightDecay);
    }
}
