package org.rnn4j.optim;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code sgd} against torch.optim.SGD's algorithm box. */
final class SgdTest {

    static final Harness.Spec SPEC = new Harness.Spec("sgd", 1e-3, SgdTest::reference);

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",
        "lr=0.1",
        "lr=0.1 momentum=0.9",
        "lr=0.1 momentum=0.9 dampening=0.3",
        "lr=0.1 momentum=0.9 nesterov=true",
        "lr=0.1 weight_decay=0.2",
        "lr=0.05 momentum=0.8 weight_decay=0.1 nesterov=true",
        "lr=0.05 momentum=0.7 dampening=0.5 weight_decay=0.1",
    })
    void followsThePublishedEquations(String settings) {
        Harness.assertMatchesReference(SPEC, settings);
    }

    /** The algorithm box of torch.optim.SGD, one element at a time. */
    static Harness.Reference reference(Map<String, String> s) {
        double mu = Harness.number(s, "momentum", 0);
        double tau = Harness.number(s, "dampening", 0);
        double lambda = Harness.number(s, "weight_decay", 0);
        boolean nesterov = Harness.flag(s, "nesterov");
        double[] b = new double[Harness.GRADS[0].length];
        return (t, lr, theta, grad) -> {
            for (int i = 0; i < theta.length; i++) {
                double g = grad[i];
                if (lambda != 0) {
                    g = g + lambda * theta[i];
                }
                if (mu != 0) {
                    if (t > 1) {
                        b[i] = mu * b[i] + (1 - tau) * g;
                    } else {
                        b[i] = g;
                    }
                    if (nesterov) {
                        g = g + mu * b[i];
                    } else {
                        g = b[i];
                    }
                }
                theta[i] = theta[i] - lr * g;
            }
        };
    }
}
