package org.rnn4j.optim;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code adagrad} against torch.optim.Adagrad's algorithm box. */
final class AdagradTest {

    static final Harness.Spec SPEC = new Harness.Spec("adagrad", 1e-2, AdagradTest::reference);

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",
        "lr=0.1",
        "lr=0.1 lr_decay=0.5",
        "lr=0.1 weight_decay=0.2",
        "lr=0.1 initial_accumulator_value=0.3",
        "eps=0.01",
        "lr=0.05 lr_decay=0.1 weight_decay=0.05 initial_accumulator_value=0.1 eps=1e-6",
    })
    void followsThePublishedEquations(String settings) {
        Harness.assertMatchesReference(SPEC, settings);
    }

    /** The algorithm box of torch.optim.Adagrad, one element at a time. */
    static Harness.Reference reference(Map<String, String> s) {
        double eta = Harness.number(s, "lr_decay", 0);
        double lambda = Harness.number(s, "weight_decay", 0);
        double tau = Harness.number(s, "initial_accumulator_value", 0);
        double eps = Harness.number(s, "eps", 1e-10);
        double[] stateSum = new double[Harness.GRADS[0].length];
        Arrays.fill(stateSum, tau);
        return (t, lr, theta, grad) -> {
            double clr = lr / (1 + (t - 1) * eta);
            for (int i = 0; i < theta.length; i++) {
                double g = grad[i];
                if (lambda != 0) {
                    g = g + lambda * theta[i];
                }
                stateSum[i] = stateSum[i] + g * g;
                theta[i] = theta[i] - clr * g / (Math.sqrt(stateSum[i]) + eps);
            }
        };
    }
}
