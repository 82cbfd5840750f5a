package org.rnn4j.core;

import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;

/** Layers made through the plain SPI, as any user of a provider would. */
final class Layers {

    static final Registry REGISTRY = Registry.installed();

    private Layers() {
    }

    static Layer make(String kind, int in, int hidden, Map<String, String> options) {
        return make(REGISTRY, kind, in, hidden, options);
    }

    static Layer make(Registry registry, String kind, int in, int hidden, Map<String, String> options) {
        LayerSpec spec = new LayerSpec(kind, in, hidden, new Options("layer '" + kind + "'", options),
                registry::activation, new SplittableRandom(17));
        return registry.layer(kind).create(spec);
    }

    /** @return the parameter of that name */
    static Parameter parameter(Layer layer, String name) {
        return layer.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(layer.kind() + " has no parameter " + name));
    }

    /** Sets every parameter to values uniform in (-scale, scale). */
    static void randomize(Layer layer, SplittableRandom r, double scale) {
        for (Parameter p : layer.parameters()) {
            double[] v = new double[p.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextDouble(-scale, scale);
            }
            p.set(v);
        }
    }

    /** W[row, col] of a row-major parameter with {@code cols} columns. */
    static double at(Parameter p, int row, int col, int cols) {
        return p.value()[row * cols + col];
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
