package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rnn4j.api.Activation;
import org.rnn4j.testkit.gradient.Difference;
import org.rnn4j.testkit.gradient.GradientMismatchError;
import org.rnn4j.testkit.gradient.Mismatch;
import org.rnn4j.testkit.gradient.Tolerance;
import org.rnn4j.testkit.property.Gen;
import org.rnn4j.testkit.property.Property;

/**
 * The {@link Activation} contract on random arguments across the whole domain: mostly
 * |x| &lt;= 4, where activations bend, and a share at large |x| (the fixed points +-40 and +-800,
 * where overflow, underflow and cancellation show, and random ones up to 1000).
 */
public final class ActivationChecks {

    /** Arguments where a careless exp or 1 - y breaks; every case includes one of them. */
    static final double[] EXTREMES = {-800, -40, 40, 800};
    /** Points per derivative case. */
    static final int POINTS = 8;
    /**
     * How far from a kink, relative to max(1, |x|), a derivative case's points are: a hundred
     * steps of the difference, so neither x + h nor x - h reaches the kink.
     */
    static final double KINK_MARGIN = 1e-4;

    private ActivationChecks() {
    }

    /**
     * Random arguments of one derivative case.
     *
     * @param points the arguments, away from the activation's kinks
     */
    public record Points(double[] points) {
        /** @return {@code "x = [..]"} */
        @Override
        public String toString() {
            return "x = " + Arrays.toString(points);
        }
    }

    /**
     * Arrays for the bulk methods.
     *
     * @param length the array length
     * @param from first index of the range, inclusive
     * @param to end of the range, exclusive
     * @param valueSeed the seed of the arguments and upstream gradients
     */
    public record Bulk(int length, int from, int to, long valueSeed) {
        /** @return {@code "arrays of 9, range [2, 7); values #4"} */
        @Override
        public String toString() {
            return "arrays of " + length + ", range [" + from + ", " + to + "); values #" + valueSeed;
        }
    }

    /**
     * f(x) and f'(x, f(x)) are finite everywhere sampled, and f' agrees with the central
     * difference (f(x + h) - f(x - h)) / 2h under {@link Tolerance#DEFAULT}, with the step scaled
     * to h = 1e-6 max(1, |x|) so that x + h differs from x by many ulps even at |x| = 1000, at
     * points kept {@value #KINK_MARGIN} max(1, |x|) away from the declared kinks.
     *
     * @param a the activation
     * @return the property
     */
    public static Property<Points> derivative(Activation a) {
        double[] kinks = a.kinks().clone();
        Gen<Points> gen = new Gen<>() {
            @Override
            public Points generate(SplittableRandom r) {
                double[] p = new double[POINTS];
                p[0] = awayFromKinks(EXTREMES[r.nextInt(EXTREMES.length)], kinks, r);
                for (int i = 1; i < POINTS; i++) {
                    p[i] = awayFromKinks(argument(r), kinks, r);
                }
                return new Points(p);
            }

            @Override
            public List<Points> shrink(Points c) {
                List<Points> out = new ArrayList<>();
                if (c.points().length > 1) {
                    for (double x : c.points()) {
                        out.add(new Points(new double[] {x}));
                    }
                    return out;
                }
                double x = c.points()[0];
                for (double s : new double[] {0, Math.signum(x), Math.rint(x), Math.rint(x * 10) / 10, Math.rint(x / 2),
                        x / 2, -x}) {
                    if (simpler(s, x) && farFromKinks(s, kinks)) {
                        out.add(new Points(new double[] {s}));
                    }
                }
                return out;
            }
        };
        return new Property<>(a.name() + ": derivative matches finite differences across the domain", gen,
                c -> checkDerivative(a, c));
    }

    /**
     * The bulk {@code apply} equals the scalar one at every index of its range (into another
     * array and in place) and leaves the rest alone; the bulk {@code backward} equals
     * {@code grad * derivative(x, y)} likewise. Equal means {@code ==} (or both NaN).
     *
     * @param a the activation
     * @return the property
     */
    public static Property<Bulk> bulkEqualsScalar(Activation a) {
        return new Property<>(a.name() + ": bulk apply and backward equal the scalar methods", bulkCases(),
                c -> checkBulk(a, c));
    }

    /**
     * Random arrays and ranges for the bulk methods (of either precision), shrinking to the
     * range alone.
     *
     * @return the generator
     */
    static Gen<Bulk> bulkCases() {
        return new Gen<>() {
            @Override
            public Bulk generate(SplittableRandom r) {
                int length = 1 + r.nextInt(64);
                int from = r.nextInt(length);
                int to = from + 1 + r.nextInt(length - from);
                return new Bulk(length, from, to, r.nextLong());
            }

            @Override
            public List<Bulk> shrink(Bulk c) {
                List<Bulk> out = new ArrayList<>();
                if (c.from() > 0) {
                    out.add(new Bulk(c.length() - c.from(), 0, c.to() - c.from(), c.valueSeed()));
                }
                if (c.to() < c.length()) {
                    out.add(new Bulk(c.to(), c.from(), c.to(), c.valueSeed()));
                }
                return out;
            }
        };
    }

    static void checkDerivative(Activation a, Points c) {
        Tolerance tol = Tolerance.DEFAULT;
        for (double x : c.points()) {
            double y = a.apply(x);
            double d = a.derivative(x, y);
            if (!Double.isFinite(y) || !Double.isFinite(d)) {
                throw new AssertionError(a.name() + "(" + x + ") = " + y + " and its derivative " + d
                        + "; both must be finite for every finite x");
            }
            double h = tol.step() * Math.max(1, Math.abs(x));
            double up = x + h;
            double down = x - h;
            Difference n = Difference.of(a.apply(up), a.apply(down), up, down);
            if (!tol.agree(d, n)) {
                throw new GradientMismatchError(a.name(), new Mismatch("f'", -1,
                        String.format(Locale.ROOT, "(%s) with f = %s", x, y), -1, d, n.slope(), tol.floor(n), tol));
            }
        }
    }

    static void checkBulk(Activation a, Bulk c) {
        SplittableRandom r = new SplittableRandom(c.valueSeed());
        double[] x = new double[c.length()];
        double[] kinks = a.kinks();
        for (int i = 0; i < x.length; i++) {
            int pick = r.nextInt(8);
            x[i] = pick == 0 && kinks.length > 0 ? kinks[r.nextInt(kinks.length)]
                    : pick == 1 ? EXTREMES[r.nextInt(EXTREMES.length)] : argument(r);
        }
        double sentinel = -7.25;
        double[] y = new double[x.length];
        Arrays.fill(y, sentinel);
        a.apply(x, y, c.from(), c.to());
        double[] inPlace = x.clone();
        a.apply(inPlace, inPlace, c.from(), c.to());
        for (int i = 0; i < x.length; i++) {
            boolean inside = i >= c.from() && i < c.to();
            double expect = inside ? a.apply(x[i]) : sentinel;
            if (!equal(expect, y[i])) {
                throw new AssertionError(a.name() + ": bulk apply gave " + y[i] + " at index " + i + " (x = " + x[i] + ")"
                        + (inside ? ", the scalar apply " + expect : ", outside the range it was given"));
            }
            double expectInPlace = inside ? a.apply(x[i]) : x[i];
            if (!equal(expectInPlace, inPlace[i])) {
                throw new AssertionError(a.name() + ": bulk apply in place gave " + inPlace[i] + " at index " + i
                        + " (x = " + x[i] + "), expected " + expectInPlace);
            }
        }
        double[] grad = new double[x.length];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = r.nextDouble(-2, 2);
        }
        double[] chain = grad.clone();
        double[] ys = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            ys[i] = a.apply(x[i]);
        }
        a.backward(x, ys, chain, c.from(), c.to());
        for (int i = 0; i < x.length; i++) {
            boolean inside = i >= c.from() && i < c.to();
            double expect = inside ? grad[i] * a.derivative(x[i], ys[i]) : grad[i];
            if (!equal(expect, chain[i])) {
                throw new AssertionError(a.name() + ": bulk backward gave " + chain[i] + " at index " + i + " (x = " + x[i]
                        + ", upstream gradient " + grad[i] + "), expected " + expect);
            }
        }
    }

    /** A random argument: 60% in [-4, 4], 20% in [-40, 40], 20% with |x| in [40, 1000]. */
    static double argument(SplittableRandom r) {
        int pick = r.nextInt(10);
        if (pick < 6) {
            return r.nextDouble(-4, 4);
        }
        if (pick < 8) {
            return r.nextDouble(-40, 40);
        }
        double m = r.nextDouble(40, 1000);
        return r.nextBoolean() ? m : -m;
    }

    /**
     * Whether argument {@code s} is simpler than {@code x}: a strict order with no infinite
     * descending chain among the candidates shrinking offers (so shrinking cannot cycle, as
     * "smaller, or whole where x is not" did between 1 and 0.5). Compared in turn: whole numbers
     * before numbers of one decimal before the rest; then smaller magnitude; then positive
     * before negative.
     *
     * @param s a candidate
     * @param x the current argument
     * @return whether {@code s} comes strictly first
     */
    static boolean simpler(double s, double x) {
        int byTier = Integer.compare(tier(s), tier(x));
        if (byTier != 0) {
            return byTier < 0;
        }
        int byMagnitude = Double.compare(Math.abs(s), Math.abs(x));
        if (byMagnitude != 0) {
            return byMagnitude < 0;
        }
        return Double.compare(s, x) > 0;
    }

    /** 0 for a whole number, 1 for a number of one decimal, 2 for the rest. */
    private static int tier(double x) {
        if (x == Math.rint(x)) {
            return 0;
        }
        return Math.rint(x * 10) / 10 == x ? 1 : 2;
    }

    private static double awayFromKinks(double x, double[] kinks, SplittableRandom r) {
        double v = x;
        while (!farFromKinks(v, kinks)) {
            v = argument(r);
        }
        return v;
    }

    private static boolean farFromKinks(double x, double[] kinks) {
        for (double k : kinks) {
            if (Math.abs(x - k) <= KINK_MARGIN * Math.max(1, Math.abs(x))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(double a, double b) {
        return a == b || (Double.isNaN(a) && Double.isNaN(b));
    }
}
