package org.rnn4j.optim;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code adam} against torch.optim.Adam's algorithm box. */
final class AdamTest {

    static final Harness.Spec SPEC = new Harness.Spec("adam", 1e-3, s -> reference(s, false, 0));

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",
        "lr=0.01",
        "beta1=0.5",
        "beta2=0.9",
        "eps=0.001",
        "weight_decay=0.1",
        "amsgrad=true beta2=0.5",
        "lr=0.01 beta1=0.8 beta2=0.6 eps=1e-6 weight_decay=0.05 amsgrad=true",
    })
    void followsThePublishedEquations(String settings) {
        Harness.assertMatchesReference(SPEC, settings);
    }

    /**
     * The algorithm boxes of torch.optim.Adam ({@code decoupled} false: L2 decay added to the
     * gradient) and torch.optim.AdamW ({@code decoupled} true: the parameter shrinks by
     * {@code lr * lambda} first), one element at a time.
     */
    static Harness.Reference reference(Map<String, String> s, boolean decoupled, double defaultLambda) {
        double beta1 = Harness.number(s, "beta1", 0.9);
        double beta2 = Harness.number(s, "beta2", 0.999);
        double eps = Harness.number(s, "eps", 1e-8);
        double lambda = Harness.number(s, "weight_decay", defaultLambda);
        boolean amsgrad = Harness.flag(s, "amsgrad");
        int n = Harness.GRADS[0].length;
        double[] m = new double[n];
        double[] v = new double[n];
        double[] vMax = new double[n];
        return (t, lr, theta, grad) -> {
            for (int i = 0; i < theta.length; i++) {
                double g = grad[i];
                if (decoupled) {
                    theta[i] = theta[i] - lr * lambda * theta[i];
                } else if (lambda != 0) {
                    g = g + lambda * theta[i];
                }
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * (g * g);
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat;
                if (amsgrad) {
                    vMax[i] = Math.max(vMax[i], v[i]);
                    vHat = vMax[i] / (1 - Math.pow(beta2, t));
                } else {
                    vHat = v[i] / (1 - Math.pow(beta2, t));
                }
                theta[i] = theta[i] - lr * mHat / (Math.sqrt(vHat) + eps);
            }
        };
    }
}
