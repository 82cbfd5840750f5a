package org.rnn4j.core.layers;

import java.util.random.RandomGenerator;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;

/** Weight initialisation of the built-in layers. */
final class Init {

    private Init() {
    }

    /**
     * Uniform initialisation in [-bound, bound). PyTorch's default for recurrent layers uses
     * bound = 1/sqrt(hidden size), for linear layers 1/sqrt(input size).
     *
     * @param p the parameter to fill
     * @param bound the half-width of the interval
     * @param random the seeded source
     */
    static void uniform(Parameter p, double bound, RandomGenerator random) {
        double[] v = new double[p.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = bound * (2 * random.nextDouble() - 1);
        }
        p.set(v); // rounded to float for a float32 parameter, which keeps no double array
    }

    /**
     * PyTorch's default for nn.RNN, nn.LSTM and nn.GRU: every parameter, biases included,
     * uniform in [-1/sqrt(H), 1/sqrt(H)) with H the layer's hidden (output) size.
     *
     * @param layer the freshly made recurrent layer
     * @param random the seeded source
     * @return the layer
     */
    static <L extends Layer> L recurrentDefault(L layer, RandomGenerator random) {
        double bound = 1.0 / Math.sqrt(layer.outputSize());
        layer.parameters().forEach(p -> uniform(p, bound, random));
        return layer;
    }
}
