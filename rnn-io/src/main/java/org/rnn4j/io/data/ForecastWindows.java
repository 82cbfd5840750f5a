package org.rnn4j.io.data;

import java.util.Arrays;

/**
 * The forecasting examples of one {@link Series} ({@code --window W --horizon H}): window i
 * reads steps {@code i .. i+W-1} (every column: the target and the extra inputs) and predicts
 * the target at steps {@code i+W .. i+W+H-1}. Windows start at every step, so there are
 * {@code length - W - H + 1}.
 *
 * <p>For today's per-step networks a window also has a target at every step
 * ({@link #stepTargets}): at step s, the H target values after s. Its last step's is the
 * window's forecast, so training on all steps teaches the same thing with W times the signal,
 * and reads no step beyond the window's own horizon.
 */
public final class ForecastWindows {

    private final Series series;
    private final int window;
    private final int horizon;

    /**
     * @param series the series
     * @param window W, at least 1
     * @param horizon H, at least 1
     * @throws IllegalArgumentException for W or H below 1
     * @throws DataFileException on the series' last line when it is shorter than W + H
     */
    public ForecastWindows(Series series, int window, int horizon) {
        if (window < 1 || horizon < 1) {
            throw new IllegalArgumentException("--window and --horizon must be at least 1, got " + window + " and " + horizon);
        }
        if (series.length() < window + horizon) {
            throw new DataFileException(series.source(), series.line(series.length() - 1), series.targetName(),
                    "the series has " + series.length() + " steps, shorter than one window: --window " + window
                            + " plus --horizon " + horizon + " needs at least " + (window + horizon) + " steps");
        }
        this.series = series;
        this.window = window;
        this.horizon = horizon;
    }

    /** @return the series */
    public Series series() {
        return series;
    }

    /** @return W */
    public int window() {
        return window;
    }

    /** @return H */
    public int horizon() {
        return horizon;
    }

    /** @return the number of windows */
    public int count() {
        return series.length() - window - horizon + 1;
    }

    /**
     * @param i a window
     * @return its inputs, {@code [W][series.width()]}, a new array
     */
    public double[][] inputs(int i) {
        check(i);
        double[][] x = new double[window][series.width()];
        for (int s = 0; s < window; s++) {
            for (int c = 0; c < series.width(); c++) {
                x[s][c] = series.value(i + s, c);
            }
        }
        return x;
    }

    /**
     * @param i a window
     * @return the H target values it forecasts, a new array
     */
    public double[] forecast(int i) {
        check(i);
        double[] y = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            y[h] = series.target(i + window + h);
        }
        return y;
    }

    /**
     * The naive forecast, the baseline a forecaster must beat: the last observed target value,
     * repeated H times.
     *
     * @param i a window
     * @return H copies of the target at step {@code i+W-1}
     */
    public double[] naiveForecast(int i) {
        check(i);
        double[] y = new double[horizon];
        Arrays.fill(y, series.target(i + window - 1));
        return y;
    }

    /**
     * @param i a window
     * @return {@code [W][H]}: at step s the target at steps {@code i+s+1 .. i+s+H}; the last row
     *     equals {@link #forecast(int)}
     */
    public double[][] stepTargets(int i) {
        check(i);
        double[][] y = new double[window][horizon];
        for (int s = 0; s < window; s++) {
            for (int h = 0; h < horizon; h++) {
                y[s][h] = series.target(i + s + 1 + h);
            }
        }
        return y;
    }

    /**
     * @param i a window
     * @return the first series step it forecasts: {@code i + W}
     */
    public int firstForecastStep(int i) {
        return i + window;
    }

    /**
     * @param i a window
     * @return the last series step it reads, as input or target: {@code i + W + H - 1}
     */
    public int lastStepUsed(int i) {
        return i + window + horizon - 1;
    }

    private void check(int i) {
        if (i < 0 || i >= count()) {
            throw new IndexOutOfBoundsException("window " + i + " of " + count());
        }
    }
}
