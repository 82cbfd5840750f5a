package org.rnn4j.testkit.conformance;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import org.rnn4j.api.Activation;
import org.rnn4j.core.Registry;

/**
 * Keeps finite differences off kinks. Wraps every activation of a registry so that it sees
 * every argument it is applied to.
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
 * piece throws {@link Crossed}, and the check redraws the case's numbers.
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
 * <p>The wrappers hand every call, bulk ones included, to the wrapped activation unchanged;
 * outside a reference or guarded evaluation they only pass calls on.
 */
final class KinkWatch {

    /** How many draws a case may take to find numbers whose differences stay off kinks. */
    static final int ATTEMPTS = 200;

    private enum Mode { OFF, RECORD, COMPARE }

    private Mode mode = Mode.OFF;
    /** The piece of each kinked argument of the reference evaluation, in order. */
    private int[] pieces = new int[256];
    /** The arguments themselves, for the message of {@link Crossed}. */
    private double[] arguments = new double[256];
    private int recorded;
    private int count;
    private String crossed;

    /**
     * Runs a check on the numbers of draw 0, 1, ... of a case until one goes through without
     * a difference crossing a kink.
     *
     * @param c the case, for the message
     * @param attempt draws the numbers of the given attempt, takes the reference evaluation and
     *     checks, differencing through {@link #guard}
     * @throws IllegalStateException when every one of {@value #ATTEMPTS} draws crossed a kink
     */
    static void onSomeDraw(Object c, IntConsumer attempt) {
        String crossed = "";
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                attempt.accept(i);
                return;
            } catch (Crossed e) {
                crossed = e.getMessage();
            }
        }
        throw new IllegalStateException("could not draw numbers for " + c + " whose finite differences keep every"
                + " activation's arguments on their side of its kinks in " + ATTEMPTS + " attempts; in the last, "
                + crossed);
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
     */
    void reference(Runnable evaluation) {
        mode = Mode.RECORD;
        count = 0;
        try {
            evaluation.run();
        } finally {
            recorded = count;
            mode = Mode.OFF;
        }
    }

    /**
     * The loss, each evaluation compared with the {@link #reference}.
     *
     * @param loss one evaluation of the loss at the current (perturbed) values
     * @return the loss, which throws {@link Crossed} when an argument left the piece it had in
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
                throw new Crossed(crossed);
            }
            return value;
        };
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

    /** A difference moved an activation's argument across a kink: the case needs other numbers. */
    static final class Crossed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crossed(String message) {
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
