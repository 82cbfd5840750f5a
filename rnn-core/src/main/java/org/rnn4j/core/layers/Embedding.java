package org.rnn4j.core.layers;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * An embedding: each step's input is an index i in [0, V) and its output row i of a V x D table,
 * as {@code torch.nn.Embedding(V, D)} with its parameter {@code weight}. It is what a dense layer
 * without bias computes from a one-hot row, without the one-hot row.
 *
 * <pre>
 *   forward:  y_t = W[i_t]                     (W is V x D)
 *   backward: dW[i_t] += dy_t                  (an index has no gradient: dx = 0)
 * </pre>
 *
 * Padded rows (mask false) are neither read nor checked (their index may be anything finite) and
 * give zeros; a real row's index must be a whole number in [0, V).
 */
final class Embedding implements Layer {

    private final int symbols;
    private final int dim;
    private final Parameter weight;

    private int rows = -1;
    private int[] index;
    private double[] out;
    private double[] dx;
    private Sequence lastIn;
    private Sequence lastOut;

    /**
     * @param symbols V
     * @param dim D
     * @param precision the network's: a float32 network's table is a float32 parameter (its
     *     rows are widened exactly into the float64 output, its gradient accumulates in float)
     */
    Embedding(int symbols, int dim, Precision precision) {
        this.symbols = symbols;
        this.dim = dim;
        this.weight = new Parameter(precision, "weight", symbols, dim);
    }

    @Override
    public String kind() {
        return "embedding";
    }

    /** @return V, the number of indices (symbols) it reads; the input has one index per step */
    @Override
    public int inputSize() {
        return symbols;
    }

    @Override
    public int outputSize() {
        return dim;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    @Override
    public Sequence forward(Sequence x, State initial) {
        if (x.features() != 1) {
            throw new IllegalArgumentException("the embedding layer (" + symbols + " symbols -> " + dim + ") reads one"
                    + " index per step, got a batch of shape " + x.shape() + " (steps x batch x features)");
        }
        int r = x.rows();
        if (r != rows) {
            rows = r;
            index = new int[r];
            out = new double[r * dim];
            dx = new double[r];
            lastOut = null;
        }
        float[] wf = weight.precision() == Precision.FLOAT32 ? weight.floats() : null;
        double[] w = wf == null ? weight.value() : null;
        for (int row = 0; row < r; row++) {
            if (!x.active(row)) {
                index[row] = -1;
                Arrays.fill(out, row * dim, (row + 1) * dim, 0.0);
                continue;
            }
            double v = x.get(row / x.batch(), row % x.batch(), 0);
            if (!(v >= 0 && v < symbols && v == Math.rint(v))) {
                throw new IllegalArgumentException("the embedding layer reads indices in [0, " + symbols + "); step "
                        + row / x.batch() + ", sequence " + row % x.batch() + " holds " + v);
            }
            index[row] = (int) v;
            if (wf != null) {
                for (int f = 0; f < dim; f++) {
                    out[row * dim + f] = wf[index[row] * dim + f];
                }
            } else {
                System.arraycopy(w, index[row] * dim, out, row * dim, dim);
            }
        }
        lastIn = x;
        lastOut = Shapes.view(lastOut, x.steps(), x.batch(), dim, out, x.mask());
        return lastOut;
    }

    @Override
    public Sequence backward(Sequence dy) {
        backwardWithoutInputGradient(dy);
        return Sequence.wrap(lastIn.steps(), lastIn.batch(), 1, dx, lastIn.mask());
    }

    @Override
    public void backwardWithoutInputGradient(Sequence dy) {
        Shapes.requireGradient(this, lastOut, dy);
        float[] floats = dy.floats(); // a float32 layer's dx: read as it is, not through a float64 copy
        double[] d = floats == null ? dy.data() : null;
        float[] gf = weight.precision() == Precision.FLOAT32 ? weight.floatGrad() : null;
        double[] g = gf == null ? weight.grad() : null;
        for (int row = 0; row < rows; row++) {
            int i = index[row];
            if (i >= 0) {
                for (int f = 0; f < dim; f++) {
                    double v = floats != null ? floats[row * dim + f] : d[row * dim + f];
                    if (gf != null) {
                        gf[i * dim + f] += (float) v;
                    } else {
                        g[i * dim + f] += v;
                    }
                }
            }
        }
    }
}
