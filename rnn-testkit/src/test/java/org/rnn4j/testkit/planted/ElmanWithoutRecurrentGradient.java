package org.rnn4j.testkit.planted;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * A planted bug: an Elman layer (h_t = f(W_ih x_t + W_hh h_{t-1} + b), forward exactly as
 * rnn4j's) whose backward forgets to add dh_next, the gradient flowing back from step t + 1,
 * into dh_t. Everything a single step sees is right, so it passes every check on sequences of
 * one step and fails from two on. Registered under the name {@code elman} in test registries.
 */
final class ElmanWithoutRecurrentGradient implements LayerProvider {

    @Override
    public String name() {
        return "elman";
    }

    @Override
    public boolean recurrent() {
        return true;
    }

    @Override
    public Layer create(LayerSpec spec) {
        spec.options().requireOnly(Set.of("activation", "bias"));
        return new Buggy(spec.inputSize(), spec.outputSize(), spec.activation("activation", "tanh"),
                spec.options().flag("bias", true));
    }

    /** Plain loops, one step at a time. */
    private static final class Buggy implements Layer {
        private final int in;
        private final int hidden;
        private final Activation f;
        private final Parameter wIh;
        private final Parameter wHh;
        private final Parameter bias;
        private Sequence x;
        private double[] h0;
        private double[] pre;
        private double[] out;
        private double[] dh0;

        Buggy(int in, int hidden, Activation f, boolean withBias) {
            this.in = in;
            this.hidden = hidden;
            this.f = f;
            this.wIh = new Parameter("weight_ih", hidden, in);
            this.wHh = new Parameter("weight_hh", hidden, hidden);
            this.bias = withBias ? new Parameter("bias", hidden) : null;
        }

        @Override
        public String kind() {
            return "elman";
        }

        @Override
        public int inputSize() {
            return in;
        }

        @Override
        public int outputSize() {
            return hidden;
        }

        @Override
        public List<Parameter> parameters() {
            List<Parameter> ps = new ArrayList<>(List.of(wIh, wHh));
            if (bias != null) {
                ps.add(bias);
            }
            return ps;
        }

        @Override
        public int[] stateSizes() {
            return new int[] {hidden};
        }

        @Override
        public Sequence forward(Sequence input, State initial) {
            if (input.features() != in) {
                throw new IllegalArgumentException("the elman layer (" + in + " -> " + hidden + ") expects " + in
                        + " features, got " + input.features());
            }
            int batch = input.batch();
            x = input;
            h0 = initial == null ? new double[batch * hidden] : initial.part(0).clone();
            pre = new double[input.rows() * hidden];
            out = new double[input.rows() * hidden];
            for (int t = 0; t < input.steps(); t++) {
                for (int b = 0; b < batch; b++) {
                    int row = t * batch + b;
                    for (int i = 0; i < hidden; i++) {
                        double a = bias == null ? 0 : bias.value()[i];
                        for (int k = 0; k < in; k++) {
                            a += wIh.value()[i * in + k] * input.data()[row * in + k];
                        }
                        for (int j = 0; j < hidden; j++) {
                            a += wHh.value()[i * hidden + j] * previous(t, b, j);
                        }
                        pre[row * hidden + i] = a;
                        out[row * hidden + i] = input.active(row) ? f.apply(a) : previous(t, b, i);
                    }
                }
            }
            return Sequence.wrap(input.steps(), batch, hidden, out, input.mask());
        }

        @Override
        public State finalState() {
            int n = x.batch() * hidden;
            return new State(Arrays.copyOfRange(out, out.length - n, out.length));
        }

        @Override
        public Sequence backward(Sequence dy) {
            int batch = x.batch();
            double[] dx = new double[x.rows() * in];
            dh0 = new double[batch * hidden];
            for (int t = x.steps() - 1; t >= 0; t--) {
                for (int b = 0; b < batch; b++) {
                    int row = t * batch + b;
                    if (!x.active(row)) {
                        continue;
                    }
                    for (int i = 0; i < hidden; i++) {
                        double dh = dy.data()[row * hidden + i]; // the bug: + dh_next from step t + 1 is missing
                        double da = dh * f.derivative(pre[row * hidden + i], out[row * hidden + i]);
                        if (bias != null) {
                            bias.grad()[i] += da;
                        }
                        for (int k = 0; k < in; k++) {
                            wIh.grad()[i * in + k] += da * x.data()[row * in + k];
                            dx[row * in + k] += da * wIh.value()[i * in + k];
                        }
                        for (int j = 0; j < hidden; j++) {
                            wHh.grad()[i * hidden + j] += da * previous(t, b, j);
                            if (t == 0) {
                                dh0[b * hidden + j] += da * wHh.value()[i * hidden + j];
                            }
                        }
                    }
                }
            }
            return Sequence.wrap(x.steps(), batch, in, dx, x.mask());
        }

        @Override
        public State initialStateGradient() {
            return new State(dh0.clone());
        }

        private double previous(int t, int b, int j) {
            return t == 0 ? h0[b * hidden + j] : out[((t - 1) * x.batch() + b) * hidden + j];
        }
    }
}
