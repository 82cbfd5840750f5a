package org.rnn4j.optim;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code rmsprop} against torch.optim.RMSprop's algorithm box. */
final class RmsPropTest {

    static final Harness.Spec SPEC = new Harness.Spec("rmsprop", 1e-2, RmsPropTest::reference);

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",
        "alpha=0.9",
        "lr=0.001 momentum=0.9",
        "centered=true",
        "lr=0.001 centered=true momentum=0.5",
        "weight_decay=0.1",
        "eps=0.01",
        "lr=0.002 alpha=0.95 eps=1e-6 weight_decay=0.05 momentum=0.3 centered=true",
    })
    void followsThePublishedEquations(String settings) {
        Harness.assertMatchesReference(SPEC, settings);
    }

    /** The algorithm box of torch.optim.RMSprop, one element at a time. */
    static Harness.Reference reference(Map<String, String> s) {
        double alpha = Harness.number(s, "alpha", 0.99);
        double eps = Harness.number(s, "eps", 1e-8);
        double lambda = Harness.number(s, "weight_decay", 0);
        double mu = Harness.number(s, "momentum", 0);
        boolean centered = Harness.flag(s, "centered");
        int n = Harness.GRADS[0].length;
        double[] v = new double[n];
        double[] gAve = new double[n];
        double[] b = new double[n];
        return (t, lr, theta, grad) -> {
            for (int i = 0; i < theta.length; i++) {
                double g = grad[i];
                if (lambda != 0) {
                    g = g + lambda * theta[i];
                }
                v[i] = alpha * v[i] + (1 - alpha) * (g * g);
                double vTilde = v[i];
                if (centered) {
                    gAve[i] = gAve[i] * alpha + (1 - alpha) * g;
                    vTilde = vTilde - gAve[i] * gAve[i];
                }
                if (mu > 0) {
                    b[i] = mu * b[i] + g / (Math.sqrt(vTilde) + eps);
                    theta[i] = theta[i] - lr * b[i];
                } else {
                    theta[i] = theta[i] - lr * g / (Math.sqrt(vTilde) + eps);
                }
            }
        };
    }
}
