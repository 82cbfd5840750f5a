package org.rnn4j.testkit;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.Options;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.OptimizerChecks;
import org.rnn4j.testkit.conformance.PluginProperties;
import org.rnn4j.testkit.conformance.Suite;

/**
 * Every installed optimizer through the kit's generic checks (descent, reset, determinism, zero
 * learning rate, refused input). Each optimizer's exact equations stay in rnn-optim's own tests;
 * here plain SGD's, theta &lt;- theta - lr g, shows how a plug-in author hands the kit an equation.
 */
class OptimizersProperties {

    @TestFactory
    Stream<DynamicNode> everyInstalledOptimizer() {
        Registry installed = Registry.installed();
        return PluginChecks.tests(installed.optimizers().stream().map(p -> Suite.optimizer(p.instance())).toList());
    }

    @TestFactory
    Stream<DynamicNode> plainSgdFollowsItsEquation() {
        Options settings = new Options("optimizer 'sgd'", Map.of("lr", "0.05"));
        return PluginChecks.tests(List.of(new PluginProperties("optimizer", "sgd", List.of(
                OptimizerChecks.followsReference(Registry.installed().optimizer("sgd"), settings,
                        (t, lr, theta, grad) -> {
                            for (int i = 0; i < theta.length; i++) {
                                theta[i] -= lr * grad[i];
                            }
                        })))));
    }
}
