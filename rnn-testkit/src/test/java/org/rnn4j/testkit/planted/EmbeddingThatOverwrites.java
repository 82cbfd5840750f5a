package org.rnn4j.testkit.planted;

import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Registry;

/**
 * A planted bug: rnn4j's {@code embedding} whose backward writes dL/dW[i] = dy_t instead of adding
 * it, so that an index read at two steps keeps only the last step's gradient. Right whenever no
 * index repeats (one step, or all indices distinct).
 */
final class EmbeddingThatOverwrites implements LayerProvider {

    private final LayerProvider real = Registry.installed().layer("embedding");

    @Override
    public String name() {
        return "embedding";
    }

    @Override
    public boolean recurrent() {
        return false;
    }

    @Override
    public boolean indexInput() {
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
            public void backwardWithoutInputGradient(Sequence dy) {
                backward(dy);
            }

            @Override
            public Sequence backward(Sequence dy) {
                double[] g = delegate.parameters().get(0).grad();
                int dim = outputSize();
                for (int row = 0; row < in.rows(); row++) {
                    if (in.active(row)) {
                        System.arraycopy(dy.data(), row * dim, g, (int) in.data()[row] * dim, dim);
                    }
                }
                return Sequence.wrap(in.steps(), in.batch(), 1, new double[in.rows()], in.mask());
            }
        };
    }
}
