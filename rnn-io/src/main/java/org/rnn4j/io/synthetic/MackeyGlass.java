package org.rnn4j.io.synthetic;

import java.util.List;
import java.util.SplittableRandom;
import org.rnn4j.io.data.Series;

/**
 * The Mackey-Glass series, the chaotic benchmark of the forecasting and reservoir-computing
 * literature (M. C. Mackey and L. Glass, "Oscillation and chaos in physiological control
 * systems", Science 197, 1977; H. Jaeger and H. Haas, "Harnessing nonlinearity", Science 304,
 * 2004):
 *
 * <pre>dx/dt = a x(t - tau) / (1 + x(t - tau)^n) - b x(t),   a = 0.2, b = 0.1, n = 10, tau = 17</pre>
 *
 * <p>Integrated with the classical fourth-order Runge-Kutta method at step h = 0.1 (so the delay
 * is exactly 170 steps; the delayed value at a half step is the mean of its two grid
 * neighbours) and sampled every 10 steps, one sample per time unit. The history before t = 0 is
 * drawn from the seed as {@code x0 + 0.2 (u - 1/2)}, u uniform in [0, 1), as ReservoirPy's
 * {@code mackey_glass} does, with x0 = 1.2; the first {@code warmup} samples (the transient from
 * that history onto the attractor) are dropped. Same seed, same series, bit for bit.
 *
 * @param tau the delay, a multiple of 0.1
 * @param x0 the centre of the initial history
 * @param warmup samples dropped at the start
 */
public record MackeyGlass(double tau, double x0, int warmup) {

    /** RK4 step. */
    public static final double STEP = 0.1;
    /** RK4 steps per sample (one sample per time unit). */
    public static final int SUBSAMPLE = 10;
    private static final double A = 0.2;
    private static final double B = 0.1;
    private static final double N = 10;

    /** Checks the parameters. */
    public MackeyGlass {
        double steps = tau / STEP;
        if (!(tau > 0) || Math.abs(steps - Math.rint(steps)) > 1e-9 || warmup < 0) {
            throw new IllegalArgumentException("tau must be a positive multiple of " + STEP + " and warmup >= 0, got tau "
                    + tau + ", warmup " + warmup);
        }
    }

    /** @return the standard series: tau = 17, x0 = 1.2, 500 samples of warm-up */
    public static MackeyGlass standard() {
        return new MackeyGlass(17, 1.2, 500);
    }

    /**
     * @param length the number of samples, at least 1
     * @param seed the seed of the initial history
     * @return x at t = warmup, warmup + 1, ... (one per time unit)
     */
    public double[] values(int length, long seed) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1, got " + length);
        }
        int delay = (int) Math.rint(tau / STEP);
        int total = (warmup + length) * SUBSAMPLE;
        // x[k] = x(t = (k - delay) h); k < delay is the history, x[delay] = x(0).
        double[] x = new double[delay + total + 1];
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k <= delay; k++) {
            x[k] = x0 + 0.2 * (random.nextDouble() - 0.5);
        }
        for (int k = delay; k < delay + total; k++) {
            double lag = x[k - delay];
            double lagHalf = 0.5 * (x[k - delay] + x[k - delay + 1]);
            double lagNext = x[k - delay + 1];
            double k1 = f(x[k], lag);
            double k2 = f(x[k] + 0.5 * STEP * k1, lagHalf);
            double k3 = f(x[k] + 0.5 * STEP * k2, lagHalf);
            double k4 = f(x[k] + STEP * k3, lagNext);
            x[k + 1] = x[k] + STEP / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = x[delay + (warmup + i) * SUBSAMPLE];
        }
        return out;
    }

    /**
     * The series as {@link org.rnn4j.io.csv.SeriesCsv} reads it from a file with a header
     * {@code t,x} and one row per sample: the column {@code x}, row i on line i + 2.
     *
     * @param length the number of samples
     * @param seed the seed of the initial history
     * @return the series
     */
    public Series series(int length, long seed) {
        double[] v = values(length, seed);
        double[][] rows = new double[length][1];
        int[] lines = new int[length];
        for (int i = 0; i < length; i++) {
            rows[i][0] = v[i];
            lines[i] = i + 2;
        }
        return new Series("mackey-glass(tau=" + tau + ", seed=" + seed + ")", List.of("x"), rows, lines);
    }

    private static double f(double x, double lag) {
        return A * lag / (1 + Math.pow(lag, N)) - B * x;
    }
}
