package org.rnn4j.examples.limits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;

/**
 * An upper bound of the heap a run of a network needs, computed from its architecture and the
 * batch shape before anything is allocated, so that a run that cannot fit is refused in one line
 * ({@link Heap#require}) instead of ending in an {@code OutOfMemoryError}.
 *
 * <h2>What is counted (in values, per array)</h2>
 * With R = T x B rows per batch, a recurrent layer of H units, G gate blocks (elman 1, gru 3,
 * lstm 4; a plug-in cell is counted as an lstm, which is a guess, not a bound) and input I:
 * <pre>
 *   parameters        G H (I + H) + 2 G H           (weights and at most two biases)
 *   per step buffers  R (2 G H + H + I) + cell      (pre-activations P, dL/dP, h, dL/dx)
 *                     lstm: + R (G H + 3 H)          (gate activations, c, tanh c, dL/dc)
 *                     gru:  + R (3 G H)              (gate activations, W_hh h, its gradient)
 *   per batch         4 B H                          (h_0, dL/dh, and c_0, dL/dc for lstm)
 * </pre>
 * doubled for {@code bidirectional=true}, plus its reversed copies R (2 I + 4 H). Dropout
 * between layers keeps R x 3 H per gap (mask, output, gradient); each hidden dense layer of U
 * units on an input of width I (a sequence head's one row per sequence is counted as R rows,
 * which bounds it) U I + U parameters and R (3 U + I) buffers; the dense output layer V H + V
 * parameters and R (3 V + H) buffers; the loss gradient R V. Every parameter has a gradient of
 * its size and the optimizer {@code slots} arrays more ({@link #optimizerSlots}). The matrix
 * products that sum over the T x B rows on several threads keep one partial result per extra
 * thread, as large as the largest weight. Saving a model or checkpoint copies the parameters
 * and the optimizer state once more, and a sample in the log ({@code --every}) copies the
 * network (parameters and gradients). The data's own arrays (one-hot batches, the text) are
 * added by the caller ({@link #plus}).
 *
 * <p>Each kind of array is counted at the width the run's precision stores it in
 * ({@link ValueBytes}): in a float32 network the parameters, their gradients, the optimizer's
 * state, the layers' buffers, the sequences they exchange and the partial products are floats,
 * 4 bytes (the layers read the parameters' floats directly, with no copies beside them); the
 * loss computes in float64, so a float32 network also keeps its output widened
 * to doubles and the loss's gradient rounded to floats, and rounds a double input batch to
 * floats for its first layer. What stays double in either precision (the recurrent state at
 * the API, dropout's mask, a bidirectional layer's input-gradient sum, the loss's gradient) is
 * counted at 8 bytes.
 *
 * <p>On top of the count, {@link Heap} rounds every array as the collector lays it out (G1
 * gives an array of half a region or more whole regions) and keeps a reserve for the program
 * itself; what is not counted (the JVM's metadata, the collector's own work space, a truncated
 * BPTT's sums, which the command line does not use) is in that reserve or outside the heap.
 */
public final class RunMemory {

    /** Slots of optimizer state per parameter assumed when the optimizer cannot say: Adam with amsgrad's 3. */
    public static final int MAX_SLOTS = 3;

    /**
     * Arrays of one kind.
     *
     * @param what what they hold, for the breakdown
     * @param count how many arrays
     * @param length values in each (a double itself, so that no product of sizes can overflow)
     * @param width bytes per value
     */
    record Arrays(String what, double count, double length, int width) {

        /** @return the heap they take, each laid out as the collector does */
        double bytes(long regionBytes) {
            return count * Heap.arrayBytes((double) width * length, regionBytes);
        }
    }

    private final List<Arrays> arrays = new ArrayList<>();
    private final List<Double> tensors = new ArrayList<>();
    private double parameters;
    private final ValueBytes widths;

    private RunMemory(Precision precision) {
        this.widths = ValueBytes.of(precision);
    }

    /**
     * A training run: the network, its gradients and optimizer state, the buffers for
     * backpropagation through time over batches of {@code steps x batch} rows.
     *
     * @param a the network
     * @param precision the precision it computes in
     * @param steps T, the longest batch's steps
     * @param batch B, sequences per batch
     * @param slots the optimizer's state arrays per parameter
     * @param cores threads that share the matrix products
     * @param sampleEvery whether the run copies the network to print samples
     * @return the estimate
     */
    public static RunMemory training(Architecture a, Precision precision, int steps, int batch, int slots, int cores,
            boolean sampleEvery) {
        RunMemory m = new RunMemory(precision);
        ValueBytes w = m.widths;
        m.network(a, steps, batch, cores);
        m.perParameter("gradients", 1, w.gradient());
        m.perParameter("optimizer state", slots, w.optimizerState());
        m.perParameter("copies for the model and checkpoint files", 1, w.parameter());
        // Optimizer.state() hands the state out as double[] in every precision
        m.perParameter("copies for the model and checkpoint files", slots, ValueBytes.DOUBLE);
        if (sampleEvery) {
            m.perParameter("the network copied for samples", 1, w.parameter());
            m.perParameter("the network copied for samples", 1, w.gradient());
        }
        return m;
    }

    /**
     * Running a loaded network forward (sampling): the parameters and their gradient arrays (a
     * network always has both) and the buffers of batches of {@code steps x batch} rows.
     *
     * @param a the network
     * @param precision the precision it computes in
     * @param steps T per call
     * @param batch B
     * @return the estimate
     */
    public static RunMemory inference(Architecture a, Precision precision, int steps, int batch) {
        RunMemory m = new RunMemory(precision);
        m.network(a, steps, batch, 1);
        m.perParameter("gradients", 1, m.widths.gradient());
        return m;
    }

    /**
     * An upper bound of the heap that loading a model or checkpoint file takes, from its size
     * alone. The loader checks that every value the header declares is backed by 4 bytes (F32) or
     * 8 bytes (F64) of the file before it allocates anything, so a file of n bytes holds at most
     * n / 4 values; each is read into an array of doubles, then copied into its parameter, which
     * has a gradient of the same size: at most 24 bytes a value, 6 n bytes (3 n for a file of F64
     * tensors, which {@link #loadingBytes(long, long)} counts exactly).
     *
     * @param fileBytes the file's size
     * @return the bytes loading may take
     */
    public static long loadingBytes(long fileBytes) {
        return fileBytes > Long.MAX_VALUE / 6 ? Long.MAX_VALUE : 6 * fileBytes;
    }

    /**
     * An upper bound of the heap that loading a file of {@code values} values takes (counted from
     * its header, {@link org.rnn4j.io.model.ModelFile#valueCount}): each read into an array of
     * doubles, then copied into its parameter, which has a gradient of the same size, 24 bytes a
     * value; never more than {@link #loadingBytes(long)} of the file's size.
     *
     * @param fileBytes the file's size
     * @param values the values its header declares
     * @return the bytes loading may take
     */
    public static long loadingBytes(long fileBytes, long values) {
        return Math.min(loadingBytes(fileBytes), values > Long.MAX_VALUE / 24 ? Long.MAX_VALUE : 24 * values);
    }

    /**
     * @param what what the arrays hold
     * @param count how many arrays
     * @param length doubles in each
     * @return this estimate with those arrays added
     */
    public RunMemory plus(String what, double count, double length) {
        return plus(what, count, length, ValueBytes.DOUBLE);
    }

    /**
     * @param what what the arrays hold
     * @param count how many arrays
     * @param length values in each
     * @param width bytes per value (8 for doubles, 4 for floats or ints)
     * @return this estimate with those arrays added
     */
    public RunMemory plus(String what, double count, double length, int width) {
        add(what, count, length, width);
        return this;
    }

    /** @return the network's parameters (values only) */
    public double parameters() {
        return parameters;
    }

    /**
     * @param regionBytes the collector's region size (arrays of half a region or more take whole
     *     regions), or 0 to count bytes as they are
     * @return the bytes of every counted array, with a 16-byte header each
     */
    public long bytes(long regionBytes) {
        double total = 0;
        for (Arrays x : arrays) {
            total += x.bytes(regionBytes);
        }
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }

    /**
     * @param regionBytes as for {@link #bytes(long)}
     * @return the three largest parts, for the message: "parameters 1.2 GB, gradients ..."
     */
    public String largestParts(long regionBytes) {
        Map<String, Double> byWhat = new LinkedHashMap<>();
        for (Arrays x : arrays) {
            byWhat.merge(x.what(), x.bytes(regionBytes), Double::sum);
        }
        List<String> parts = new ArrayList<>();
        byWhat.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue())).limit(3)
                .forEach(e -> parts.add(e.getKey() + " " + Heap.human(e.getValue())));
        return String.join(", ", parts);
    }

    /** One parameter tensor of {@code length} values. */
    private void parameter(double length) {
        tensors.add(length);
        parameters += length;
        add("parameters", 1, length, widths.parameter());
    }

    /** {@code times} arrays the size of each parameter tensor, {@code width} bytes a value. */
    private void perParameter(String what, int times, int width) {
        for (double t : tensors) {
            add(what, times, t, width);
        }
    }

    private void add(String what, double count, double length, int width) {
        if (count > 0 && length > 0) {
            arrays.add(new Arrays(what, count, length, width));
        }
    }

    private void network(Architecture a, int steps, int batch, int cores) {
        int f = widths.layerBuffer();
        int d = ValueBytes.DOUBLE;
        double rows = (double) steps * batch;
        double in = a.inputSize();
        if (widths.narrowerThanTheLoss()) {
            add("activations for BPTT", 1, rows * in, f); // a double input batch rounded for the first layer
        }
        double largestWeight = 0;
        for (int l = 0; l < a.recurrent().size(); l++) {
            LayerConfig c = a.recurrent().get(l);
            double h = c.size();
            double g = gates(c.kind());
            int directions = "true".equals(c.options().get("bidirectional")) ? 2 : 1;
            for (int k = 0; k < directions; k++) {
                parameter(g * h * in);
                parameter(g * h * h);
                parameter(g * h);
                parameter(g * h);
            }
            largestWeight = Math.max(largestWeight, g * h * Math.max(in, h));
            add("activations for BPTT", 2L * directions, rows * g * h, f);
            add("activations for BPTT", directions, rows * h, f);
            add("activations for BPTT", directions, rows * in, f);
            add("activations for BPTT", 4L * directions, batch * h, d);
            if (g == 4) {
                add("activations for BPTT", directions, rows * g * h, f);
                add("activations for BPTT", 3L * directions, rows * h, f);
            } else if (g == 3) {
                add("activations for BPTT", 3L * directions, rows * g * h, f);
            }
            if (directions == 2) {
                add("activations for BPTT", 2, rows * in, d); // the input-gradient sum stays float64
                add("activations for BPTT", 4, rows * h, f);
            }
            in = directions * h;
            if (l > 0 && a.dropout() > 0) {
                add("dropout masks", 1, rows * h, d);
                add("dropout masks", 2, rows * h, f);
            }
        }
        for (LayerConfig dense : a.dense()) {
            double u = dense.size();
            parameter(u * in);
            parameter(u);
            largestWeight = Math.max(largestWeight, u * in);
            add("hidden dense layers", 3, rows * u, f);
            add("hidden dense layers", 1, rows * in, f);
            in = u;
        }
        double v = a.output().size();
        parameter(v * in);
        parameter(v);
        largestWeight = Math.max(largestWeight, v * in);
        add("output scores", 3, rows * v, f);
        add("output scores", 1, rows * in, f);
        add("output scores", 1, rows * v, d);
        if (widths.narrowerThanTheLoss()) {
            add("output scores", 1, rows * v, d); // widened for the loss
            add("output scores", 1, rows * v, f); // the loss's gradient rounded for the output layer
        }
        add("partial products", Math.max(0, cores - 1), largestWeight, f);
    }

    /**
     * Asks an optimizer how many arrays of state it keeps per parameter: a fresh one steps a probe
     * parameter of 1,000 values once (with a zero gradient) and its {@code state()} is counted in
     * whole parameters (the few scalars beside them, such as the step count, round away). An
     * optimizer that cannot give its state, or fails on the probe, is counted at
     * {@value #MAX_SLOTS}, the most a built-in keeps (Adam with amsgrad).
     *
     * @param fresh a new optimizer of the run's kind and settings; it is stepped, so do not reuse it
     * @return the slots per parameter
     */
    public static int optimizerSlots(Optimizer fresh) {
        int n = 1_000;
        try {
            fresh.step(List.of(new Parameter("probe", n)));
            long doubles = 0;
            for (double[] v : fresh.state().values()) {
                doubles += v.length;
            }
            return (int) Math.min(Integer.MAX_VALUE, doubles / n);
        } catch (RuntimeException e) {
            return MAX_SLOTS;
        }
    }

    /** Gate blocks of a cell: elman 1, gru 3, lstm 4, a plug-in counted as an lstm. */
    static int gates(String kind) {
        return switch (kind) {
            case "elman" -> 1;
            case "gru" -> 3;
            default -> 4;
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d bytes in %d kinds of arrays", bytes(0), arrays.size());
    }
}
