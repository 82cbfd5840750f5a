package org.rnn4j.core.layers;

import org.rnn4j.api.Layer;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/** Shape checks shared by the built-in layers, with messages that name the layer. */
final class Shapes {

    private Shapes() {
    }

    /**
     * A sequence over {@code data}: {@code cached} itself when it already is exactly that view
     * (same array, shape and mask), so that a layer called again and again on batches of one
     * shape allocates nothing.
     */
    static Sequence view(Sequence cached, int steps, int batch, int features, double[] data, boolean[] mask) {
        if (cached != null && !cached.isFloat() && cached.data() == data
                && fits(cached, steps, batch, features, mask)) {
            return cached;
        }
        return Sequence.wrap(steps, batch, features, data, mask);
    }

    /** {@link #view(Sequence, int, int, int, double[], boolean[])} over a float array: a float-backed sequence. */
    static Sequence view(Sequence cached, int steps, int batch, int features, float[] data, boolean[] mask) {
        if (cached != null && cached.floats() == data && fits(cached, steps, batch, features, mask)) {
            return cached;
        }
        return Sequence.wrap(steps, batch, features, data, mask);
    }

    private static boolean fits(Sequence cached, int steps, int batch, int features, boolean[] mask) {
        return cached.mask() == mask && cached.steps() == steps && cached.batch() == batch
                && cached.features() == features;
    }

    static String describe(Layer layer) {
        return (layer instanceof Bidirectional ? "bidirectional " : "") + layer.kind() + " layer ("
                + layer.inputSize() + " -> " + layer.outputSize() + ")";
    }

    static void requireInput(Layer layer, Sequence x) {
        if (x.features() != layer.inputSize()) {
            throw new IllegalArgumentException("the " + describe(layer) + " expects " + layer.inputSize()
                    + " features per step, got a batch of shape " + x.shape() + " (steps x batch x features)");
        }
    }

    static void requireGradient(Layer layer, Sequence forwardOutput, Sequence dy) {
        if (forwardOutput == null) {
            throw new IllegalStateException("backward on the " + describe(layer) + " before any forward");
        }
        if (dy.steps() != forwardOutput.steps() || dy.batch() != forwardOutput.batch()
                || dy.features() != forwardOutput.features()) {
            throw new IllegalArgumentException("the " + describe(layer) + " produced " + forwardOutput.shape()
                    + " but the gradient passed to backward has shape " + dy.shape());
        }
    }

    static void requireState(Layer layer, State initial, int batch) {
        int[] sizes = layer.stateSizes();
        if (initial.parts().length != sizes.length) {
            throw new IllegalArgumentException("the " + describe(layer) + " has " + sizes.length
                    + " state block(s), the initial state given has " + initial.parts().length);
        }
        for (int i = 0; i < sizes.length; i++) {
            if (initial.part(i).length != batch * sizes[i]) {
                throw new IllegalArgumentException("the " + describe(layer) + " needs initial state block " + i
                        + " of batch x " + sizes[i] + " = " + batch * sizes[i] + " values, got "
                        + initial.part(i).length);
            }
            for (int j = 0; j < initial.part(i).length; j++) {
                if (!Double.isFinite(initial.part(i)[j])) {
                    throw new IllegalArgumentException("the " + describe(layer) + " got " + initial.part(i)[j]
                            + " in initial state block " + i + " at " + j + " (the state given, or the one carried "
                            + "from an earlier batch or chunk); only finite values are allowed");
                }
            }
        }
    }
}
