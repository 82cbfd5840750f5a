package org.rnn4j.core.layers;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.Layer;

/**
 * The dL/dx buffer that the layers of one network share during the network's backward pass,
 * one per input width instead of one T B I buffer per layer. In a backward pass each layer's
 * dL/dx is read by the next layer down only, as its dL/dy, and a layer that shares
 * ({@link Sharing}) reads all of its dL/dy before it writes its dL/dx (a recurrent layer in its
 * loop over time, before the products after it; a dense layer first thing), so it may write its
 * dL/dx over the dL/dy it was given: one buffer per width is enough. A layer that does not share
 * (a bidirectional or plug-in layer, a head) keeps its own and passes the shared one on unharmed.
 *
 * <p>The sharing holds only while the network's own backward runs ({@link #lend}): a layer
 * called by anyone else (a test, a user driving a layer alone, or the network's layers taken out
 * with {@code Network.recurrentLayers()}) keeps its own buffer, so what the {@link Layer}
 * contract promises (a returned sequence stays valid until the same layer's next backward) holds
 * for every caller but the network, which reads each one only before the next layer runs. The
 * network's own input gradient, the last one written, stays valid until its next backward.
 */
public final class InputGradients {

    /**
     * A layer that can write its dL/dx into a shared buffer: one whose backward reads all of its
     * dL/dy before it writes any of its dL/dx, as the buffers may be one array.
     */
    interface Sharing {
        /** @param slot where the layer's dL/dx goes while the network lends its buffers */
        void share(Slot slot);
    }

    /** One shared buffer: the layers with one input width. */
    static final class Slot {
        private final InputGradients owner;
        private final int width;
        private double[] doubles = new double[0];
        private float[] floats = new float[0];

        private Slot(InputGradients owner, int width) {
            this.owner = owner;
            this.width = width;
        }

        /** @return whether the network's backward is running and lends this buffer */
        boolean lent() {
            return owner.lent;
        }

        /**
         * @param n T B I
         * @return the shared double buffer of n values (made when n changes)
         */
        double[] doubles(int n) {
            if (doubles.length != n) {
                doubles = new double[n];
            }
            return doubles;
        }

        /**
         * @param n T B I
         * @return the shared float buffer of n values (made when n changes)
         */
        float[] floats(int n) {
            if (floats.length != n) {
                floats = new float[n];
            }
            return floats;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private boolean lent;

    private InputGradients() {
    }

    /**
     * Gives the layers that can share (the built-in recurrent and dense layers) their slots;
     * the others keep their own buffers.
     *
     * @param backwardOrder the layers in the order the backward pass calls them, null for one
     *     that must keep its own buffer (one whose rows differ from the others', as after a
     *     sequence head)
     * @return the shared buffers, to {@link #lend} around each backward pass
     */
    public static InputGradients share(List<Layer> backwardOrder) {
        InputGradients g = new InputGradients();
        for (Layer layer : backwardOrder) {
            if (layer instanceof Sharing) {
                ((Sharing) layer).share(g.slot(layer.inputSize()));
            }
        }
        return g;
    }

    /** @param on whether the network's backward pass runs (and its layers write into the shared buffers) */
    public void lend(boolean on) {
        lent = on;
    }

    private Slot slot(int width) {
        for (Slot s : slots) {
            if (s.width == width) {
                return s;
            }
        }
        Slot s = new Slot(this, width);
        slots.add(s);
        return s;
    }
}
