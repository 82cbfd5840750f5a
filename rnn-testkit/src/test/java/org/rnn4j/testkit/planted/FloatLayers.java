package org.rnn4j.testkit.planted;

import java.util.Map;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Registry;

/**
 * Forward passes of {@code dense}, {@code elman} and {@code lstm} computed in real float arithmetic (float
 * weights, float sums in index order, float activations through {@link Activation}'s float bulk
 * method), put in place of a float64 layer's outputs: the rounding a float32 kernel makes, for
 * holding {@link org.rnn4j.testkit.conformance.PrecisionChecks}'s bound against. The wrapped
 * layer's own forward runs first, so its backward has what it saved (and the property sees its
 * activations' arguments from it).
 */
final class FloatLayers {

    private FloatLayers() {
    }

    /**
     * @param layer a float64 dense layer made from {@code spec}
     * @param spec its spec
     * @return the layer with float forward outputs
     */
    static Layer dense(Layer layer, LayerSpec spec) {
        Activation f = unwatched(spec, "identity");
        return new ForwardingLayer(layer) {
            @Override
            public Sequence forward(Sequence x, State initial) {
                Sequence y = delegate.forward(x, initial);
                float[] w = floats(param(delegate, "weight"));
                float[] bias = floats(param(delegate, "bias"));
                int in = x.features();
                int out = y.features();
                float[] a = new float[out];
                for (int r = 0; r < x.rows(); r++) {
                    for (int k = 0; k < out; k++) {
                        float s = bias == null ? 0f : bias[k];
                        for (int j = 0; j < in; j++) {
                            s += w[k * in + j] * (float) x.data()[r * in + j];
                        }
                        a[k] = s;
                    }
                    f.apply(a, a, 0, out);
                    for (int k = 0; k < out; k++) {
                        y.data()[r * out + k] = a[k];
                    }
                }
                return y;
            }
        };
    }

    /**
     * @param layer a float64 elman layer made from {@code spec}
     * @param spec its spec
     * @return the layer with float forward outputs (padded rows keep the state, as elman does)
     */
    static Layer elman(Layer layer, LayerSpec spec) {
        Activation f = unwatched(spec, "tanh");
        return new ForwardingLayer(layer) {
            @Override
            public Sequence forward(Sequence x, State initial) {
                Sequence y = delegate.forward(x, initial);
                float[] wIh = floats(param(delegate, "weight_ih"));
                float[] wHh = floats(param(delegate, "weight_hh"));
                float[] bias = floats(param(delegate, "bias"));
                int in = x.features();
                int hidden = y.features();
                int batch = x.batch();
                float[] h = initial == null ? new float[batch * hidden] : floats(initial.part(0));
                float[] a = new float[hidden];
                for (int t = 0; t < x.steps(); t++) {
                    float[] next = h.clone();
                    for (int b = 0; b < batch; b++) {
                        int row = t * batch + b;
                        if (!x.active(row)) {
                            continue;
                        }
                        for (int k = 0; k < hidden; k++) {
                            float s = 0f;
                            for (int j = 0; j < in; j++) {
                                s += wIh[k * in + j] * (float) x.data()[row * in + j];
                            }
                            for (int j = 0; j < hidden; j++) {
                                s += wHh[k * hidden + j] * h[b * hidden + j];
                            }
                            a[k] = bias == null ? s : s + bias[k];
                        }
                        f.apply(a, a, 0, hidden);
                        System.arraycopy(a, 0, next, b * hidden, hidden);
                    }
                    h = next;
                    for (int i = 0; i < batch * hidden; i++) {
                        y.data()[t * batch * hidden + i] = h[i];
                    }
                }
                return y;
            }
        };
    }

    /**
     * @param layer a float64 lstm layer made from {@code spec}
     * @param spec its spec
     * @return the layer with float forward outputs (gates i, f, g, o; padded rows keep h and c)
     */
    static Layer lstm(Layer layer, LayerSpec spec) {
        Map<String, String> o = spec.options().asMap();
        Activation s = Registry.installed().activation(o.getOrDefault("gate_activation", "sigmoid"));
        Activation p = Registry.installed().activation(o.getOrDefault("cell_activation",
                o.getOrDefault("activation", "tanh")));
        return new ForwardingLayer(layer) {
            @Override
            public Sequence forward(Sequence x, State initial) {
                Sequence y = delegate.forward(x, initial);
                float[] wIh = floats(param(delegate, "weight_ih"));
                float[] wHh = floats(param(delegate, "weight_hh"));
                float[] bIh = floats(param(delegate, "bias_ih"));
                float[] bHh = floats(param(delegate, "bias_hh"));
                int in = x.features();
                int hidden = y.features();
                int batch = x.batch();
                float[] h = initial == null ? new float[batch * hidden] : floats(initial.part(0));
                float[] c = initial == null ? new float[batch * hidden] : floats(initial.part(1));
                float[] a = new float[4 * hidden];
                for (int t = 0; t < x.steps(); t++) {
                    float[] nextH = h.clone();
                    for (int b = 0; b < batch; b++) {
                        int row = t * batch + b;
                        if (!x.active(row)) {
                            continue;
                        }
                        for (int k = 0; k < 4 * hidden; k++) {
                            float sum = 0f;
                            for (int j = 0; j < in; j++) {
                                sum += wIh[k * in + j] * (float) x.data()[row * in + j];
                            }
                            if (bIh != null) {
                                sum += bIh[k];
                            }
                            for (int j = 0; j < hidden; j++) {
                                sum += wHh[k * hidden + j] * h[b * hidden + j];
                            }
                            a[k] = bHh == null ? sum : sum + bHh[k];
                        }
                        s.apply(a, a, 0, 2 * hidden);
                        p.apply(a, a, 2 * hidden, 3 * hidden);
                        s.apply(a, a, 3 * hidden, 4 * hidden);
                        float[] pc = new float[hidden];
                        for (int k = 0; k < hidden; k++) {
                            c[b * hidden + k] = a[hidden + k] * c[b * hidden + k] + a[k] * a[2 * hidden + k];
                            pc[k] = c[b * hidden + k];
                        }
                        p.apply(pc, pc, 0, hidden);
                        for (int k = 0; k < hidden; k++) {
                            nextH[b * hidden + k] = a[3 * hidden + k] * pc[k];
                        }
                    }
                    h = nextH;
                    for (int i = 0; i < batch * hidden; i++) {
                        y.data()[t * batch * hidden + i] = h[i];
                    }
                }
                return y;
            }
        };
    }

    /**
     * The layer's activation as installed, not the one the spec hands out: the property under
     * test watches the latter's arguments, and the wrapped layer's own float64 forward already
     * shows it each one.
     */
    private static Activation unwatched(LayerSpec spec, String fallback) {
        return Registry.installed().activation(spec.options().asMap().getOrDefault("activation", fallback));
    }

    private static Parameter param(Layer layer, String name) {
        return layer.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    private static float[] floats(Parameter p) {
        return p == null ? null : floats(p.value());
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
