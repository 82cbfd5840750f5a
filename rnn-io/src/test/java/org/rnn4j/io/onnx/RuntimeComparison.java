package org.rnn4j.io.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.io.model.SavedModel;

/**
 * Runs one exported model in ONNX Runtime and the same network in rnn4j on the same random
 * inputs, initial states and sequence lengths, and reports the largest relative difference of
 * the outputs (real steps only; and the probabilities of a softmax cross-entropy model) and of
 * every final state.
 */
final class RuntimeComparison {

    private RuntimeComparison() {
    }

    /**
     * The largest difference found, relative to max(|rnn4j's value|, 1).
     *
     * @param worst the difference
     * @param where which value and index it was found at
     */
    record Result(double worst, String where) {
    }

    /**
     * @param net the network (put in inference mode here)
     * @param options the export's options (without initial-state inputs, rnn4j starts from zeros)
     * @param steps T
     * @param lengths each sequence's length (at most T; their count is the batch)
     * @param seed the inputs' seed
     * @return the largest difference
     * @throws OrtException if ONNX Runtime refuses the model or the inputs
     */
    static Result compare(Network net, OnnxOptions options, int steps, int[] lengths, long seed) throws OrtException {
        boolean f32 = options.precision() == Precision.FLOAT32;
        int batch = lengths.length;
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean indices = net.embedding() != null;
        double[] x = new double[steps * batch * net.inputFeatures()];
        long[] symbols = new long[indices ? x.length : 0];
        for (int i = 0; i < x.length; i++) {
            if (indices) {
                symbols[i] = rnd.nextInt(net.inputSize());
                x[i] = symbols[i];
            } else {
                x[i] = round(rnd.nextDouble(-2, 2), f32);
            }
        }
        boolean[] mask = new boolean[steps * batch];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                mask[t * batch + b] = t < lengths[b];
            }
        }
        List<State> initial = new ArrayList<>();
        for (Layer l : net.recurrentLayers()) {
            int[] sizes = l.stateSizes();
            double[][] parts = new double[sizes.length][];
            for (int p = 0; p < sizes.length; p++) {
                parts[p] = new double[batch * sizes[p]];
                for (int i = 0; i < parts[p].length; i++) {
                    parts[p][i] = options.states() ? round(rnd.nextDouble(-1, 1), f32) : 0.0;
                }
            }
            initial.add(new State(parts));
        }
        net.setTraining(false);
        Sequence y = net.forward(Sequence.wrap(steps, batch, net.inputFeatures(), x, mask), initial);
        double[] expected = y.data().clone();
        boolean[] realRows = y.steps() == steps ? mask : null; // a head gives one real row per sequence
        List<State> finals = net.finalStates();

        byte[] onnx = OnnxExport.toBytes(SavedModel.of(net), options);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> in = new HashMap<>();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(onnx, so)) {
            in.put("input", indices ? OnnxTensor.createTensor(env, LongBuffer.wrap(symbols), new long[] {steps, batch})
                    : tensor(env, x, f32, steps, batch, net.inputSize()));
            if (options.sequenceLens()) {
                in.put("sequence_lens", OnnxTensor.createTensor(env, IntBuffer.wrap(lengths), new long[] {batch}));
            }
            List<Layer> layers = net.recurrentLayers();
            if (options.states()) {
                for (int k = 0; k < layers.size(); k++) {
                    double[][] parts = initial.get(k).parts();
                    int per = perDirection(layers.get(k));
                    int dirs = parts.length / per;
                    int hidden = layers.get(k).outputSize() / dirs;
                    in.put("initial_h_" + k, tensor(env, block(parts, per, 0), f32, dirs, batch, hidden));
                    if (per == 2) {
                        in.put("initial_c_" + k, tensor(env, block(parts, per, 1), f32, dirs, batch, hidden));
                    }
                }
            }
            try (OrtSession.Result out = session.run(in)) {
                Result worst = new Result(0, "nothing");
                double[] out1 = values(out, "output");
                int o = net.outputSize();
                for (int r = 0; r < y.steps() * batch; r++) {
                    if (realRows == null || realRows[r]) {
                        worst = worse(worst, out1, expected, r * o, (r + 1) * o, "output row " + r);
                    }
                }
                if (net.architecture().loss().endsWith("softmax_cross_entropy")) {
                    double[] p = values(out, "probabilities");
                    double[] softmax = softmaxRows(expected, o);
                    for (int r = 0; r < y.steps() * batch; r++) {
                        if (realRows == null || realRows[r]) {
                            worst = worse(worst, p, softmax, r * o, (r + 1) * o, "probabilities row " + r);
                        }
                    }
                }
                for (int k = 0; k < layers.size(); k++) {
                    double[][] parts = finals.get(k).parts();
                    int per = perDirection(layers.get(k));
                    worst = worse(worst, values(out, "final_h_" + k), block(parts, per, 0), 0, Integer.MAX_VALUE,
                            "final_h_" + k);
                    if (per == 2) {
                        worst = worse(worst, values(out, "final_c_" + k), block(parts, per, 1), 0, Integer.MAX_VALUE,
                                "final_c_" + k);
                    }
                }
                return worst;
            }
        } finally {
            for (OnnxTensor t : in.values()) {
                t.close();
            }
        }
    }

    /** State blocks per direction: LSTM 2 (h, c), the others 1. */
    private static int perDirection(Layer l) {
        return l.kind().equals("lstm") ? 2 : 1;
    }

    /** Blocks which, which + per, ... of a state, one per direction, concatenated: [D, B, H]. */
    private static double[] block(double[][] parts, int per, int which) {
        int dirs = parts.length / per;
        int n = parts[which].length;
        double[] out = new double[dirs * n];
        for (int d = 0; d < dirs; d++) {
            System.arraycopy(parts[d * per + which], 0, out, d * n, n);
        }
        return out;
    }

    private static Result worse(Result worst, double[] actual, double[] expected, int from, int to, String what) {
        if (actual.length != expected.length) {
            throw new AssertionError(what + ": ONNX Runtime gave " + actual.length + " values, rnn4j "
                    + expected.length);
        }
        Result w = worst;
        for (int i = from; i < Math.min(to, expected.length); i++) {
            double d = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1.0);
            if (!(d <= w.worst())) {
                w = new Result(d, what + " [" + i + "]: onnx " + actual[i] + ", rnn4j " + expected[i]);
            }
        }
        return w;
    }

    private static double[] values(OrtSession.Result out, String name) throws OrtException {
        OnnxValue v = out.get(name).orElseThrow(() -> new AssertionError("no output " + name));
        OnnxTensor t = (OnnxTensor) v;
        if (t.getInfo().type == ai.onnxruntime.OnnxJavaType.FLOAT) {
            FloatBuffer fb = t.getFloatBuffer();
            double[] d = new double[fb.remaining()];
            for (int i = 0; i < d.length; i++) {
                d[i] = fb.get(i);
            }
            return d;
        }
        DoubleBuffer db = t.getDoubleBuffer();
        double[] d = new double[db.remaining()];
        db.get(d);
        return d;
    }

    private static OnnxTensor tensor(OrtEnvironment env, double[] v, boolean f32, long... shape) throws OrtException {
        if (f32) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
        }
        return OnnxTensor.createTensor(env, DoubleBuffer.wrap(v), shape);
    }

    private static double[] softmaxRows(double[] logits, int width) {
        double[] p = new double[logits.length];
        for (int r = 0; r < logits.length; r += width) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = r; i < r + width; i++) {
                max = Math.max(max, logits[i]);
            }
            double sum = 0;
            for (int i = r; i < r + width; i++) {
                p[i] = Math.exp(logits[i] - max);
                sum += p[i];
            }
            for (int i = r; i < r + width; i++) {
                p[i] /= sum;
            }
        }
        return p;
    }

    private static double round(double v, boolean f32) {
        return f32 ? (float) v : v;
    }
}
