package org.rnn4j.core.init;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The weight initialisers, by the names a user writes in the layer options {@code init},
 * {@code init_hh} and {@code init_bias}. Every one draws from the seeded generator it is given,
 * so the same seed gives the same weights.
 *
 * <pre>
 *   pytorch         w ~ U(-1/sqrt(n), 1/sqrt(n)),  n = H for recurrent layers, n = in for dense
 *   xavier_uniform  w ~ U(-a, a),  a = sqrt(6 / (fan_in + fan_out)),  fan_in = cols, fan_out = rows
 *   orthogonal      each gate block = Q of the QR decomposition of a Gaussian matrix, sign-corrected
 *   zeros           w = 0
 * </pre>
 *
 * {@code pytorch} is what torch.nn.RNN/LSTM/GRU do to every parameter and torch.nn.Linear to
 * its weight and bias (and what rnn4j's layers do when no option is given).
 * {@code xavier_uniform} is torch.nn.init.xavier_uniform_ with gain 1 (X. Glorot and Y. Bengio,
 * "Understanding the difficulty of training deep feedforward neural networks", AISTATS 2010),
 * applied to the whole matrix as PyTorch and Keras do (a gated 4H x I matrix has fan_out 4H).
 * {@code orthogonal} is {@link Orthogonal}. {@code xavier_uniform} and {@code orthogonal} need a
 * matrix and reject a bias vector, as PyTorch does.
 */
public enum Initializer {

    /** U(-1/sqrt(n), 1/sqrt(n)) with n = {@link WeightShape#defaultFan()}: PyTorch's default. */
    PYTORCH("pytorch") {
        @Override
        void fillChecked(double[] values, WeightShape shape, RandomGenerator random) {
            uniform(values, 1.0 / Math.sqrt(shape.defaultFan()), random);
        }
    },

    /** U(-a, a) with a = sqrt(6 / (fan_in + fan_out)): Glorot and Bengio 2010. */
    XAVIER_UNIFORM("xavier_uniform") {
        @Override
        void fillChecked(double[] values, WeightShape shape, RandomGenerator random) {
            requireMatrix(shape);
            uniform(values, Math.sqrt(6.0 / (shape.cols() + shape.rows())), random);
        }
    },

    /** Orthogonal gate blocks: Saxe, McClelland and Ganguli 2014, see {@link Orthogonal}. */
    ORTHOGONAL("orthogonal") {
        @Override
        void fillChecked(double[] values, WeightShape shape, RandomGenerator random) {
            requireMatrix(shape);
            Orthogonal.fill(values, shape.rows(), shape.cols(), shape.blocks(), random);
        }
    },

    /** Every value zero. */
    ZEROS("zeros") {
        @Override
        void fillChecked(double[] values, WeightShape shape, RandomGenerator random) {
            Arrays.fill(values, 0.0);
        }
    };

    private final String label;

    Initializer(String label) {
        this.label = label;
    }

    /** @return the name a user writes ({@code "xavier_uniform"}) */
    public String label() {
        return label;
    }

    /**
     * Fills a tensor.
     *
     * @param values {@code shape.size()} numbers, overwritten
     * @param shape the tensor's shape and context
     * @param random the seeded source
     * @throws IllegalArgumentException if the array does not fit the shape, or the initialiser
     *     needs a matrix and got a vector
     */
    public void fill(double[] values, WeightShape shape, RandomGenerator random) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("initialiser '" + label + "': a " + shape.rows() + " x " + shape.cols()
                    + " tensor has " + shape.size() + " values, got " + values.length);
        }
        fillChecked(values, shape, random);
    }

    abstract void fillChecked(double[] values, WeightShape shape, RandomGenerator random);

    /**
     * The initialiser of a name.
     *
     * @param name {@code pytorch}, {@code xavier_uniform}, {@code orthogonal} or {@code zeros}
     * @return the initialiser
     * @throws IllegalArgumentException naming the known ones
     */
    public static Initializer named(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Initializer i : values()) {
            if (i.label.equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown initialiser '" + name + "'; the initialisers are " + names());
    }

    /** @return the names, comma separated */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (Initializer i : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(i.label);
        }
        return sb.toString();
    }

    /** w = a (2u - 1) with u uniform in [0, 1): U(-a, a), as the built-in layers draw. */
    static void uniform(double[] values, double bound, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = bound * (2 * random.nextDouble() - 1);
        }
    }

    final void requireMatrix(WeightShape shape) {
        if (shape.vector()) {
            throw new IllegalArgumentException("initialiser '" + label + "' needs a matrix, not a vector of "
                    + shape.rows() + " (PyTorch rejects it too); use pytorch or zeros for biases");
        }
    }
}
