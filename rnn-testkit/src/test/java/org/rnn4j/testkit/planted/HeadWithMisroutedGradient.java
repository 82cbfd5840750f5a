package org.rnn4j.testkit.planted;

import java.util.Arrays;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Registry;

/**
 * Planted bugs in a sequence head: the forward is rnn4j's own, the backward sends dL/dy to the
 * wrong steps. Registered under the real head's name in test registries.
 */
final class HeadWithMisroutedGradient implements LayerProvider {

    /** Where the planted backward sends the gradient. */
    enum Bug {
        /** {@code last_step} whose backward goes to the step before each sequence's last real one (off by one). */
        LAST_STEP_OFF_BY_ONE("last_step"),
        /** {@code mean_pool} whose backward spreads dy / L over all T steps, padding included. */
        MEAN_OVER_PADDING("mean_pool"),
        /** {@code last_step} whose backward goes to step T-1 of the batch, padding or not. */
        LAST_STEP_TO_FINAL_ROW("last_step");

        private final String head;

        Bug(String head) {
            this.head = head;
        }
    }

    private final Bug bug;
    private final LayerProvider real;

    HeadWithMisroutedGradient(Bug bug) {
        this.bug = bug;
        this.real = Registry.installed().layer(bug.head);
    }

    @Override
    public String name() {
        return bug.head;
    }

    @Override
    public boolean recurrent() {
        return false;
    }

    @Override
    public boolean sequenceHead() {
        return true;
    }

    @Override
    public Layer create(LayerSpec spec) {
        return new ForwardingLayer(real.create(spec)) {
            private Sequence in;

            @Override
            public Sequence forward(Sequence x, State initial) {
                in = x;
                return delegate.forward(x, initial);
            }

            @Override
            public Sequence backward(Sequence dy) {
                int steps = in.steps();
                int batch = in.batch();
                int n = in.features();
                double[] dx = new double[steps * batch * n];
                for (int b = 0; b < batch; b++) {
                    int last = -1;
                    int length = 0;
                    for (int t = 0; t < steps; t++) {
                        if (in.active(t * batch + b)) {
                            last = t;
                            length++;
                        }
                    }
                    for (int f = 0; f < n; f++) {
                        double g = dy.data()[b * n + f];
                        if (bug == Bug.LAST_STEP_OFF_BY_ONE) {
                            dx[(Math.max(0, last - 1) * batch + b) * n + f] = g;
                        } else if (bug == Bug.LAST_STEP_TO_FINAL_ROW) {
                            dx[((steps - 1) * batch + b) * n + f] = g;
                        } else {
                            for (int t = 0; t < steps; t++) {
                                dx[(t * batch + b) * n + f] = g / length;
                            }
                        }
                    }
                }
                return Sequence.wrap(steps, batch, n, dx, in.mask() == null ? null
                        : Arrays.copyOf(in.mask(), in.mask().length));
            }
        };
    }
}
