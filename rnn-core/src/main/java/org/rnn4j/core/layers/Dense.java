package org.rnn4j.core.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.math.ArraySize;
import org.rnn4j.core.math.Kernels;
import org.rnn4j.core.math.Range;

/**
 * A fully connected layer applied to every step independently (a time-distributed
 * {@code torch.nn.Linear} followed by an activation):
 *
 * <pre>
 *   forward:  a = W x + b,  y = f(a)                   (W is O x I)
 *   backward: da = dy (*) f'(a),  dW += da x^T,  db += da,  dx = W^T da
 * </pre>
 *
 * Forward runs one matrix product per step (B rows; the steps spread over the cores), so that a
 * step's outputs are the same bits whether the sequence arrives whole or a step at a time
 * (OpenBLAS rounds a row differently with the number of rows in the call); backward runs all
 * T x B rows through one product each.
 */
final class Dense implements Layer, InputGradients.Sharing {

    private final Kernels k = Kernels.get();
    /** The kernels of a slice of steps: its products run whole on its own thread. */
    private final Kernels stepKernels = k.sequential();
    /** The forward products of steps [t0, t1) of the batch under way ({@link #batch} rows each). */
    private final Range stepProducts = this::forwardSteps;
    private int batch;
    private final int in;
    private final int outSize;
    private final Activation f;
    private final Weights weight;
    private final Weights bias;
    private final List<Parameter> parameters;
    private final Boundary io = new Boundary();

    private int rows = -1;
    private double[] pre;
    private double[] out;
    private double[] dPre;
    /** dL/dx, T*B rows x I, when no network lends a shared one; made on first use. */
    private double[] dx;
    /** The network's shared dL/dx buffer, or null. */
    private InputGradients.Slot sharedDx;
    private Sequence lastIn;
    private double[] lastInValues;
    private Sequence lastOut;
    private Sequence lastDx;

    Dense(int in, int outSize, Activation f, boolean withBias) {
        this.in = in;
        this.outSize = outSize;
        this.f = f;
        this.weight = new Weights(Weights.parameter("weight", outSize, in));
        this.bias = withBias ? new Weights(Weights.parameter("bias", outSize)) : null;
        List<Parameter> ps = new ArrayList<>(List.of(weight.parameter()));
        if (bias != null) {
            ps.add(bias.parameter());
        }
        this.parameters = Collections.unmodifiableList(ps);
    }

    @Override
    public String kind() {
        return "dense";
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return outSize;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Sequence forward(Sequence x, State initial) {
        Shapes.requireInput(this, x);
        int r = x.rows();
        if (r != rows) {
            ArraySize.of("the dense layer's outputs for T*B rows x " + outSize, r, outSize);
            ArraySize.of("the dense layer's input gradient for T*B rows x " + in, r, in);
            rows = r;
            pre = new double[r * outSize];
            out = new double[r * outSize];
            dPre = new double[r * outSize];
            dx = null;
        }
        weight.load();
        lastInValues = io.input(x);
        batch = x.batch();
        k.parallel(x.steps(), (long) batch * outSize * in, stepProducts);
        if (bias != null) {
            bias.load();
            k.addRowVector(pre, r, bias.value(), outSize);
        }
        f.apply(pre, out, 0, r * outSize);
        lastIn = x;
        lastOut = io.output(lastOut, x.steps(), x.batch(), outSize, out, x.mask());
        return lastOut;
    }

    /**
     * Pre-activations of steps [t0, t1): one product per step, so that a step gets the same bits
     * alone (streaming) as within its sequence.
     */
    private void forwardSteps(int t0, int t1) {
        for (int t = t0; t < t1; t++) {
            stepKernels.gemm(false, true, batch, outSize, in, 1.0, lastInValues, t * batch * in, in,
                    weight.value(), 0, in, 0.0, pre, t * batch * outSize, outSize);
        }
    }

    @Override
    public Sequence backward(Sequence dy) {
        Shapes.requireGradient(this, lastOut, dy);
        io.readGradient(dy, dPre, rows * outSize);
        f.backward(pre, out, dPre, 0, rows * outSize);
        if (lastIn.mask() != null) {
            for (int r = 0; r < rows; r++) {
                if (!lastIn.active(r)) {
                    Arrays.fill(dPre, r * outSize, (r + 1) * outSize, 0.0);
                }
            }
        }
        k.gemm(true, false, outSize, in, rows, 1.0, dPre, 0, outSize, lastInValues, 0, in, 1.0, weight.grad(), 0, in);
        if (bias != null) {
            k.addColumnSums(dPre, rows, outSize, bias.grad());
        }
        // the network's shared buffer may be dy's own array, read into dPre above
        double[] into = io.sharedInputGradient(sharedDx, rows * in);
        if (into == null) {
            if (dx == null) {
                dx = new double[rows * in];
            }
            into = dx;
        }
        k.gemm(false, false, rows, in, outSize, 1.0, dPre, 0, outSize, weight.value(), 0, in, 0.0, into, 0, in);
        lastDx = io.inputGradient(lastDx, lastIn.steps(), lastIn.batch(), in, into, lastIn.mask());
        return lastDx;
    }

    @Override
    public void share(InputGradients.Slot slot) {
        sharedDx = slot;
    }
}
