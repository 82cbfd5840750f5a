package org.rnn4j.io.data;

/**
 * A chronological split of {@link ForecastWindows}: training windows first, then validation,
 * then test, the test windows being the last ones in time. No future data in training: between
 * two parts, the H - 1 windows whose targets would reach into the next part's forecasts are left
 * out, so every step a training window reads (input or target) comes before the first step any
 * validation or test window forecasts, and the same holds between validation and test.
 *
 * @param train the training windows {@code [trainFrom, trainTo)}
 * @param validation the validation windows, possibly empty
 * @param test the test windows, possibly empty
 */
public record WindowSplit(Range train, Range validation, Range test) {

    /**
     * Consecutive windows {@code [from, to)}.
     *
     * @param from the first window
     * @param to one past the last
     */
    public record Range(int from, int to) {

        /** @return the number of windows */
        public int size() {
            return to - from;
        }
    }

    /**
     * Splits the windows.
     *
     * @param windows the windows
     * @param testFraction in [0, 1): the share of windows held out for testing, the last in time
     * @param valFraction in [0, 1): the share of the rest held out for validation, the last before the test
     * @return the split; test and validation have at least one window when their fraction is above 0
     * @throws IllegalArgumentException for a fraction out of range
     * @throws DataFileException on the series' last line when it is too short to leave each part a window
     */
    public static WindowSplit chronological(ForecastWindows windows, double testFraction, double valFraction) {
        check("--test-fraction", testFraction);
        check("--val-fraction", valFraction);
        int gap = windows.horizon() - 1;
        int n = windows.count();
        int testSize = testFraction == 0 ? 0 : Math.max(1, (int) Math.round(n * testFraction));
        int testFrom = n - testSize;
        int before = testSize == 0 ? n : testFrom - gap;
        int valSize = valFraction == 0 ? 0 : Math.max(1, (int) Math.round(Math.max(0, before) * valFraction));
        int valFrom = before - valSize;
        int trainTo = valSize == 0 ? before : valFrom - gap;
        if (trainTo < 1) {
            Series s = windows.series();
            throw new DataFileException(s.source(), s.line(s.length() - 1), s.targetName(), "the series has "
                    + s.length() + " steps, " + n + " windows of " + windows.window() + " + " + windows.horizon()
                    + "; that leaves no training window after " + testSize + " test and " + valSize
                    + " validation windows and the " + gap + " windows left out before each (so that no training "
                    + "target lies in their future); give a longer series or smaller fractions, window or horizon");
        }
        return new WindowSplit(new Range(0, trainTo), new Range(valFrom, valFrom + valSize),
                new Range(testFrom, testFrom + testSize));
    }

    /**
     * @param windows the windows split
     * @return one past the last series step training reads: fit standardisation on steps below it
     */
    public int trainSteps(ForecastWindows windows) {
        return windows.lastStepUsed(train.to - 1) + 1;
    }

    private static void check(String option, double f) {
        if (!(f >= 0 && f < 1)) {
            throw new IllegalArgumentException(option + " must be at least 0 and below 1, got " + f);
        }
    }
}
