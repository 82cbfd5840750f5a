package org.rnn4j.testkit.gradient;

import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;

/**
 * Holds analytic gradients against central finite differences, element by element, in double.
 *
 * <pre>
 *   n_i = (L(v + h e_i) - L(v - h e_i)) / ((v_i + h) - (v_i - h))
 * </pre>
 * The denominator is the difference of the two rounded points, not 2h, so the rounding of
 * v_i + h costs nothing. Every value is restored after its difference is taken.
 */
public final class GradientChecker {

    private final Tolerance tolerance;

    /**
     * @param tolerance the step and the pass rule
     */
    public GradientChecker(Tolerance tolerance) {
        this.tolerance = tolerance;
    }

    /** @return the step and the pass rule */
    public Tolerance tolerance() {
        return tolerance;
    }

    /**
     * The central difference of {@code loss} with respect to {@code values[i]}.
     *
     * @param values the values the loss reads; element i is restored afterwards
     * @param i the element
     * @param loss evaluates the loss at the current values
     * @return the difference and its rounding noise
     */
    public Difference centralDifference(double[] values, int i, DoubleSupplier loss) {
        double keep = values[i];
        double up = keep + tolerance.step();
        double down = keep - tolerance.step();
        try {
            values[i] = up;
            double plus = loss.getAsDouble();
            values[i] = down;
            double minus = loss.getAsDouble();
            return Difference.of(plus, minus, up, down);
        } finally {
            values[i] = keep;
        }
    }

    /**
     * Whether one analytic element agrees with its difference.
     *
     * @param analytic the derivative under test
     * @param d its finite difference
     * @return whether they agree under the tolerance
     */
    public boolean agree(double analytic, Difference d) {
        return tolerance.agree(analytic, d);
    }

    /**
     * Compares every element of an analytic gradient with its finite difference.
     *
     * @param what the name of the values ({@code "layer0.weight_ih"})
     * @param values the values the loss reads
     * @param analytic dL/d(values), as the code under test computed it
     * @param position names element i for the report
     * @param loss evaluates the loss at the current values
     * @return the first element that disagrees, or empty
     */
    public Optional<Mismatch> firstMismatch(String what, double[] values, double[] analytic,
            IntFunction<String> position, DoubleSupplier loss) {
        for (int i = 0; i < values.length; i++) {
            Difference d = centralDifference(values, i, loss);
            if (!tolerance.agree(analytic[i], d)) {
                return Optional.of(new Mismatch(what, i, position.apply(i), -1, analytic[i], d.slope(),
                        tolerance.floor(d), tolerance));
            }
        }
        return Optional.empty();
    }

    /**
     * Names elements of a row-major tensor by their indices: {@code [i]}, {@code [i, j]}, ...
     *
     * @param shape the dimensions
     * @return the namer
     */
    public static IntFunction<String> tensorPosition(int... shape) {
        int[] dims = shape.clone();
        return index -> {
            int[] at = new int[dims.length];
            int rest = index;
            for (int d = dims.length - 1; d >= 0; d--) {
                at[d] = rest % dims[d];
                rest /= dims[d];
            }
            StringBuilder sb = new StringBuilder("[");
            for (int d = 0; d < at.length; d++) {
                sb.append(d == 0 ? "" : ", ").append(at[d]);
            }
            return sb.append(']').toString();
        };
    }

    /**
     * Names elements of a time-major sequence batch: {@code " at step t, sequence b, feature f"}.
     *
     * @param batch B
     * @param features F
     * @return the namer
     */
    public static IntFunction<String> sequencePosition(int batch, int features) {
        return index -> {
            int row = index / features;
            return " at step " + row / batch + ", sequence " + row % batch + ", feature " + index % features;
        };
    }

    /**
     * Names elements of one B x size state block: {@code " of sequence b, unit j"}.
     *
     * @param size the block's width
     * @return the namer
     */
    public static IntFunction<String> statePosition(int size) {
        return index -> " of sequence " + index / size + ", unit " + index % size;
    }

    /**
     * The step of an input element.
     *
     * @param index flat index into a sequence batch
     * @param batch B
     * @param features F
     * @return t
     */
    public static int stepOf(int index, int batch, int features) {
        return index / features / batch;
    }
}
