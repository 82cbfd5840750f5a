package org.rnn4j.bench;

import java.util.List;
import org.rnn4j.api.Parameter;

/**
 * Gradient clipping by value, min-char-rnn's {@code np.clip(dparam, -5, 5, out=dparam)}: every
 * element of every gradient into [-limit, limit]. A stand-in for the benchmarks until the
 * clipping of the training issue lands in rnn-core.
 */
final class ClipByValue {

    private ClipByValue() {
    }

    /**
     * @param parameters whose gradients to clip in place
     * @param limit the bound, positive
     */
    static void clip(List<Parameter> parameters, double limit) {
        for (Parameter p : parameters) {
            double[] g = p.grad();
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.max(-limit, Math.min(limit, g[i]));
            }
        }
    }
}
