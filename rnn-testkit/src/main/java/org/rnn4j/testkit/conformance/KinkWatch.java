package org.rnn4j.testkit.conformance;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import org.rnn4j.api.Activation;
import org.rnn4j.core.Registry;

/**
 * Keeps finite differences off kinks and units in their working range. Wraps every activation
 * of a registry so that it sees every argument it is applied to.
 *
 * <h2>The criterion</h2>
 * A central difference (L(v + h) - L(v - h)) / 2h of a piecewise smooth loss is its derivative
 * (up to truncation and rounding) when, at v + h and at v - h, every argument of every
 * activation lies on the same piece as at v: between the same two of the activation's
 * {@link Activation#kinks()}, or exactly on the same kink. The watch checks exactly that.
 * During a {@link #reference reference evaluation} at v it records the piece of every argument
 * of every activation that declares kinks; each evaluation of a difference runs
 * {@link #guard guarded} and compares, argument by argument (a forward pass applies the same
 * activations in the same order every time). A difference that moves an argument to another
 * piece throws {@link Redraw}, and the check redraws the case's numbers.
 *
 * <h2>Why not a margin around each kink</h2>
 * Keeping every argument a fixed distance (1e-4) from every kink assumed that a step moves an
 * argument by at most 1e-5 and that arguments are of order one. Stacked multiplicative cells
 * break the second assumption by structure, not by chance: an LSTM with zero-centred gates
 * (tanh, softsign), no bias and a zero initial state has c = i g with i about a_i and g about
 * a_g, so its output is a product of three small numbers, and the next layer's c a product of
 * such products; at T 1, B 1 its arguments sat at 1e-5 to 1e-15 in every one of 200 draws.
 * Their sensitivities shrink with them, so a step of 1e-6 moved none of them across the kink:
 * the differences were sound and the margin refused them. Comparing pieces needs no
 * assumption about scale, lets an argument that sits exactly on a kink and stays there (c =
 * i * relu(a_g) = 0 for a_g &lt; 0) through, and catches one that a step would move off it.
 *
 * <h2>The range</h2>
 * {@link Values} draws weights and inputs so that pre-activations are about 1 in size, where
 * units work on their slopes and where {@link org.rnn4j.testkit.gradient.Tolerance}'s bound on
 * truncation holds. A draw can still leave that regime: a state that grows step by step
 * (measured on stacks with identity or softplus gates, whose draws reached arguments of 7e3 to
 * 2e13, losses of 2e7 to 3e26, and differences off by 1.3e-6 to 7.8e-6 of the slope: truncation
 * of a loss that is a polynomial of huge degree in each weight), or a squashing unit driven
 * into saturation. A reference evaluation that applies any activation to an argument beyond
 * {@value #RANGE} in size throws {@link Redraw} too. Over 22,000 random stacks of rnn4j's own
 * plug-ins (2,000 over everything, 2,000 for each activation alone) the largest argument was
 * 12.2; at 30, sigmoid's slope is 1e-13 and tanh's 4e-26: saturated by any measure.
 *
 * <p>The wrappers hand every call, bulk ones included, to the wrapped activation unchanged;
 * outside a reference or guarded evaluation they only pass calls on.
 */
final class KinkWatch {

    /** How many draws a case may take to find numbers whose differences stay off kinks. */
    static final int ATTEMPTS = 200;

    /** The largest |argument| of any activation in a reference evaluation of a checked case. */
    static final double RANGE = 30;

    private enum Mode { OFF, RECORD, COMPARE }

    private Mode mode = Mode.OFF;
    /** The piece of each kinked argument of the reference evaluation, in order. */
    private int[] pieces = new int[256];
    /** The arguments themselves, for the message of {@link Redraw}. */
    private double[] arguments = new double[256];
    private int recorded;
    private int count;
    private String crossed;
    private String outOfRange;

    /**
     * Runs a check on the numbers of draw 0, 1, ... of a case until one goes through without
     * a {@link Redraw}: in range, and no difference crossing a kink.
     *
     * @param c the case, for the message
     * @param attempt draws the numbers of the given attempt, takes the reference evaluation and
     *     checks, differencing through {@link #guard}
     * @throws IllegalStateException when every one of {@value #ATTEMPTS} draws had to be redrawn
     */
    static void onSomeDraw(Object c, IntConsumer attempt) {
        String reason = "";
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                attempt.accept(i);
                return;
            } catch (Redraw e) {
                reason = e.getMessage();
            }
        }
        throw new IllegalStateException("could not draw numbers for " + c + " whose activations' arguments stay within"
                + " +-" + RANGE + " and whose finite differences keep them on their side of every kink in " + ATTEMPTS
                + " attempts; in the last, " + reason);
    }

    /**
     * The registry with every activation wrapped by this watch.
     *
     * @param registry the plug-ins
     * @return a registry whose activations report to this watch
     */
    Registry wrap(Registry registry) {
        return Registries.mapActivations(registry, Watched::new);
    }

    /**
     * Runs the evaluation at the point the differences are taken around and records the
     * piece of every kinked argument.
     *
     * @param evaluation one forward pass (a loss evaluation)
     * @throws Redraw if an activation was applied to an argument beyond {@value #RANGE} in size
     */
    void reference(Runnable evaluation) {
        mode = Mode.RECORD;
        count = 0;
        outOfRange = null;
        try {
            evaluation.run();
        } finally {
            recorded = count;
            mode = Mode.OFF;
        }
        if (outOfRange != null) {
            throw new Redraw(outOfRange);
        }
    }

    /**
     * The loss, each evaluation compared with the {@link #reference}.
     *
     * @param loss one evaluation of the loss at the current (perturbed) values
     * @return the loss, which throws {@link Redraw} when an argument left the piece it had in
     *     the reference evaluation
     */
    DoubleSupplier guard(DoubleSupplier loss) {
        return () -> {
            mode = Mode.COMPARE;
            count = 0;
            crossed = null;
            double value;
            try {
                value = loss.getAsDouble();
            } finally {
                mode = Mode.OFF;
            }
            if (crossed == null && count != recorded) {
                crossed = "the evaluation applied kinked activations to " + count + " arguments, the reference to "
                        + recorded;
            }
            if (crossed != null) {
                throw new Redraw(crossed);
            }
            return value;
        };
    }

    private void seeRange(Watched a, double x) {
        if (outOfRange == null && !(Math.abs(x) <= RANGE)) {
            outOfRange = "an argument of " + a.name() + " was " + x + ", beyond +-" + RANGE;
        }
    }

    private void see(Watched a, double x) {
        int piece = piece(x, a.kinks);
        if (mode == Mode.RECORD) {
            if (count == pieces.length) {
                pieces = Arrays.copyOf(pieces, 2 * count);
                arguments = Arrays.copyOf(arguments, 2 * count);
            }
            pieces[count] = piece;
            arguments[count] = x;
        } else if (crossed == null && (count >= recorded || pieces[count] != piece)) {
            crossed = count >= recorded ? "the evaluation applied kinked activations to more arguments than the reference"
                    : "an argument of " + a.name() + " moved from " + arguments[count] + " to " + x
                            + ", across a kink at " + Arrays.toString(a.kinks);
        }
        count++;
    }

    /**
     * The piece of the real line x lies on: 2k between the k-th and (k+1)-th kink, 2k + 1 on
     * the (k+1)-th kink itself (kinks sorted); -1 for NaN.
     */
    static int piece(double x, double[] sortedKinks) {
        if (Double.isNaN(x)) {
            return -1;
        }
        int below = 0;
        for (double k : sortedKinks) {
            if (x == k) {
                return 2 * below + 1;
            }
            if (k < x) {
                below++;
            }
        }
        return 2 * below;
    }

    /**
     * The drawn numbers cannot be differenced: an argument beyond the range, or a difference
     * that moved one across a kink. The case needs other numbers.
     */
    static final class Redraw extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Redraw(String message) {
            super(message, null, false, false);
        }
    }

    /** An activation that reports its arguments to the watch. */
    private final class Watched implements Activation {
        private final Activation delegate;
        private final double[] kinks;

        Watched(Activation delegate) {
            this.delegate = delegate;
            this.kinks = delegate.kinks().clone();
            Arrays.sort(kinks);
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public double apply(double x) {
            if (mode == Mode.RECORD) {
                seeRange(this, x);
            }
            if (mode != Mode.OFF && kinks.length > 0) {
                see(this, x);
            }
            return delegate.apply(x);
        }

        @Override
        public double derivative(double x, double y) {
            return delegate.derivative(x, y);
        }

        @Override
        public void apply(double[] x, double[] y, int from, int to) {
            if (mode == Mode.RECORD) {
                for (int i = from; i < to; i++) {
                    seeRange(this, x[i]);
                }
            }
            if (mode != Mode.OFF && kinks.length > 0) {
                for (int i = from; i < to; i++) {
                    see(this, x[i]);
                }
            }
            delegate.apply(x, y, from, to);
        }

        @Override
        public void backward(double[] x, double[] y, double[] grad, int from, int to) {
            delegate.backward(x, y, grad, from, to);
        }

        @Override
        public double[] kinks() {
            return delegate.kinks();
        }
    }
}
