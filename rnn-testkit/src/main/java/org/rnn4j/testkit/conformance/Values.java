package org.rnn4j.testkit.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * The numbers of a case, bounded so that units work on their slopes, not in saturation.
 *
 * <p>Inputs are uniform in [-1, 1]; weight matrices uniform in +-1/sqrt(fan-in) (the last
 * dimension, PyTorch's {@code out x in} layout; torch.nn.Linear's own bound); vectors such as
 * biases uniform in +-0.5; initial states uniform in +-0.9. A pre-activation, a sum of
 * fan-in products each of variance at most 1/(3 fan-in) plus a bias, then has a standard
 * deviation of about 1 or less, where tanh' and sigmoid' are near their largest: gradients stay
 * far above the checker's floor of 1e-8.
 */
final class Values {

    /** Half-width of the range of inputs and regression targets. */
    static final double INPUT_BOUND = 1.0;
    /** Half-width of the range of vector parameters (biases). */
    static final double VECTOR_BOUND = 0.5;
    /** Half-width of the range of initial states. */
    static final double STATE_BOUND = 0.9;

    private Values() {
    }

    static double[] uniform(SplittableRandom r, int n, double bound) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-bound, bound);
        }
        return v;
    }

    static Sequence sequence(SplittableRandom r, int steps, int batch, int features) {
        return Sequence.wrap(steps, batch, features, uniform(r, steps * batch * features, INPUT_BOUND));
    }

    /** Rows that are probability distributions with every entry at least about 0.01 / features. */
    static Sequence distributions(SplittableRandom r, int steps, int batch, int features) {
        double[] v = new double[steps * batch * features];
        for (int row = 0; row < steps * batch; row++) {
            double[] d = distribution(r, features);
            System.arraycopy(d, 0, v, row * features, features);
        }
        return Sequence.wrap(steps, batch, features, v);
    }

    static double[] distribution(SplittableRandom r, int n) {
        double[] d = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            d[i] = r.nextDouble(0.01, 1);
            s += d[i];
        }
        for (int i = 0; i < n; i++) {
            d[i] /= s;
        }
        return d;
    }

    /**
     * Valid targets of a kind for outputs of {@code n} features: numbers in [-1, 1],
     * distributions ({@link #distributions}), or class indices uniform in [0, n).
     */
    static Sequence targets(SplittableRandom r, Loss.Target kind, int steps, int batch, int n) {
        return switch (kind) {
            case DISTRIBUTION -> distributions(r, steps, batch, n);
            case CLASS_INDEX -> Sequence.wrap(steps, batch, 1, classes(r, steps * batch, n));
            default -> sequence(r, steps, batch, n);
        };
    }

    /** One valid target row of a kind for an output row of {@code n} values. */
    static double[] targetRow(SplittableRandom r, Loss.Target kind, int n) {
        return switch (kind) {
            case DISTRIBUTION -> distribution(r, n);
            case CLASS_INDEX -> classes(r, 1, n);
            default -> uniform(r, n, INPUT_BOUND);
        };
    }

    private static double[] classes(SplittableRandom r, int count, int n) {
        double[] c = new double[count];
        for (int i = 0; i < count; i++) {
            c[i] = r.nextInt(n);
        }
        return c;
    }

    /** Each sequence real for its first 1..T steps (a padded batch of variable lengths). */
    static boolean[] mask(SplittableRandom r, int steps, int batch) {
        boolean[] m = new boolean[steps * batch];
        for (int b = 0; b < batch; b++) {
            int length = 1 + r.nextInt(steps);
            for (int t = 0; t < length; t++) {
                m[t * batch + b] = true;
            }
        }
        return m;
    }

    static State state(SplittableRandom r, int batch, int[] sizes) {
        double[][] parts = new double[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            parts[i] = uniform(r, batch * sizes[i], STATE_BOUND);
        }
        return new State(parts);
    }

    /** Overwrites every parameter with bounded values (see the class comment). */
    static void fill(List<Parameter> parameters, SplittableRandom r) {
        for (Parameter p : parameters) {
            int[] shape = p.shape();
            double bound = shape.length >= 2 ? 1 / Math.sqrt(shape[shape.length - 1]) : VECTOR_BOUND;
            double[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextDouble(-bound, bound);
            }
        }
    }

    /** The first {@code t} steps of a batch, mask included (copied). */
    static Sequence prefix(Sequence s, int t) {
        return slice(s, 0, t);
    }

    /**
     * The same batch with every row of step {@code t} and later masked out (padding): a
     * network's loss and gradients on it are those of the first {@code t} steps.
     */
    static Sequence upTo(Sequence s, int t) {
        boolean[] mask = new boolean[s.rows()];
        for (int r = 0; r < t * s.batch(); r++) {
            mask[r] = s.active(r);
        }
        return s.withMask(mask);
    }

    /** Steps {@code [from, to)} of a batch, mask included (copied). */
    static Sequence slice(Sequence s, int from, int to) {
        int rowLength = s.batch() * s.features();
        double[] data = Arrays.copyOfRange(s.data(), from * rowLength, to * rowLength);
        boolean[] mask = s.mask() == null ? null
                : Arrays.copyOfRange(s.mask(), from * s.batch(), to * s.batch());
        return Sequence.wrap(to - from, s.batch(), s.features(), data, mask);
    }

    /** Copies of every parameter's gradient, in order. */
    static double[][] gradients(List<Parameter> parameters) {
        double[][] g = new double[parameters.size()][];
        for (int i = 0; i < g.length; i++) {
            g[i] = parameters.get(i).grad().clone();
        }
        return g;
    }
}
