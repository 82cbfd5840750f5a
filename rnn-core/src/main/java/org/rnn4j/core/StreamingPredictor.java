package org.rnn4j.core;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.layers.Bidirectional;

/**
 * Inference over a stream that arrives a step or a chunk of steps at a time: the recurrent state
 * is kept between calls (Keras {@code stateful=True}; PyTorch passing {@code h_n} back in), so
 * the outputs of the chunks, one after the other, are exactly (bit for bit) the outputs of the
 * whole sequence given as one chunk, however the stream is cut, and exactly those of one
 * {@link Network#forward} over the whole sequence in evaluation mode.
 *
 * <p>The predictor runs the network one step at a time (the stream's steps may arrive one at a
 * time, so that is what a whole sequence must get too for the bits to agree). The layers compute
 * every product of the forward pass step by step as well (the input projections and the dense
 * layers too, not one product over all T steps), because the BLAS rounds a row of a product
 * differently with the number of rows in the call: a step therefore meets the same products,
 * with the same B rows, alone as within its sequence.
 *
 * <pre>
 *   StreamingPredictor p = new StreamingPredictor(net.copy(), 1);
 *   for (double[][] chunk : arriving) {
 *       double[][] y = p.next(chunk);   // one output row per step of the chunk
 *   }
 *   p.reset();                          // a new stream starts from the zero state
 * </pre>
 *
 * <p>Only networks with an output at every step stream: a sequence head
 * ({@link NetworkBuilder#lastStep()}, pooling) needs the whole sequence, and so does a
 * bidirectional layer's reverse direction; both are refused at construction. The network runs
 * in evaluation mode during each call (no dropout); its mode is restored afterwards.
 *
 * <h2>Threads</h2>
 * A predictor holds its stream's state and drives one network, which keeps the buffers of its
 * last pass: neither is safe for concurrent use. Give each thread its own predictor over its own
 * {@link Network#copy()}; copies share no mutable state and give the same bits. A predictor over
 * a network must also be the only user of that network while a stream is open (a forward by
 * anyone else does not change the predictor's state, but it overwrites the output buffers of the
 * last call, which {@link #next(Sequence)} therefore copies).
 */
public final class StreamingPredictor {

    private final Network net;
    private final int batch;
    private final List<State> state;

    /**
     * @param net a network with an output at every step and no bidirectional layer
     * @param batch B, the number of streams advanced together (1 for one stream)
     * @throws IllegalArgumentException for a network that cannot stream, or B &lt; 1
     */
    public StreamingPredictor(Network net, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("a predictor advances B >= 1 streams together, got " + batch);
        }
        if (net.head() != null) {
            throw new IllegalArgumentException("the network ends in a sequence head (" + net.head().kind() + "), which "
                    + "reads whole sequences and gives one output per sequence; it cannot stream: run it with "
                    + "Network.forward on each whole sequence");
        }
        for (int l = 0; l < net.recurrentLayers().size(); l++) {
            if (net.recurrentLayers().get(l) instanceof Bidirectional) {
                throw new IllegalArgumentException("recurrent layer " + l + " is bidirectional: its reverse direction "
                        + "reads each sequence from its end, which a stream has not reached; it cannot stream: run it "
                        + "with Network.forward on each whole sequence");
            }
        }
        this.net = net;
        this.batch = batch;
        this.state = net.zeroStates(batch);
    }

    /**
     * Advances the streams by a chunk of steps, one step at a time.
     *
     * @param chunk T x B x {@link Network#inputFeatures()}, T &gt;= 1, no mask, all finite
     * @return the outputs of these steps, T x B x {@link Network#outputSize()}, a copy
     * @throws IllegalArgumentException for a wrong batch, a mask, or what {@link Network#forward} refuses
     */
    public Sequence next(Sequence chunk) {
        if (chunk.batch() != batch) {
            throw new IllegalArgumentException("the predictor advances " + batch + " stream(s), the chunk has batch "
                    + chunk.batch());
        }
        if (chunk.mask() != null) {
            throw new IllegalArgumentException("a chunk of a stream has no padding: give the steps that arrived, "
                    + "without a mask");
        }
        int in = chunk.batch() * chunk.features();
        int out = batch * net.outputSize();
        double[] y = new double[chunk.steps() * out];
        // read once: data() of a float-backed or symbol-coded chunk is a new float64 array per call
        double[] x = chunk.data();
        boolean was = net.isTraining();
        net.setTraining(false);
        try {
            for (int t = 0; t < chunk.steps(); t++) {
                double[] step = Arrays.copyOfRange(x, t * in, (t + 1) * in);
                Sequence o = net.forward(Sequence.wrap(1, batch, chunk.features(), step), state);
                copyRows(o, y, t * out, out);
                net.copyFinalStates(state);
            }
        } finally {
            net.setTraining(was);
        }
        return Sequence.wrap(chunk.steps(), batch, net.outputSize(), y);
    }

    /**
     * Copies {@code n} values of a step's output into {@code y} at {@code at}, from the backing
     * array as it is: {@link Sequence#data()} of a float32 network's (float-backed) output would
     * be a float64 copy made at each step.
     */
    private static void copyRows(Sequence o, double[] y, int at, int n) {
        float[] f = o.floats();
        if (f != null) {
            for (int i = 0; i < n; i++) {
                y[at + i] = f[i];
            }
        } else {
            System.arraycopy(o.data(), 0, y, at, n);
        }
    }

    /**
     * Advances a single stream (B = 1) by a chunk of steps.
     *
     * @param steps {@code [t][feature]}, at least one step
     * @return {@code [t][output]}
     * @throws IllegalArgumentException as {@link #next(Sequence)}, or if B is not 1
     */
    public double[][] next(double[][] steps) {
        Sequence y = next(Sequence.of(steps));
        double[][] r = new double[y.steps()][y.features()];
        for (int t = 0; t < r.length; t++) {
            for (int f = 0; f < r[t].length; f++) {
                r[t][f] = y.get(t, 0, f);
            }
        }
        return r;
    }

    /** Starts new streams: the state goes back to zero. */
    public void reset() {
        for (State s : state) {
            for (double[] part : s.parts()) {
                Arrays.fill(part, 0);
            }
        }
    }

    /** @return B, the number of streams advanced together */
    public int batch() {
        return batch;
    }
}
