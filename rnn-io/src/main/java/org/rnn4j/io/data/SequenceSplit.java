package org.rnn4j.io.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training, validation and test parts of a {@link SequenceTable}, by whole sequences, never by
 * step: {@code --test-fraction} is held out first, {@code --val-fraction} of the rest next.
 * Each part lists positions in the table, ascending.
 *
 * <p>Seeded: the same table, fractions and seed give the same split, on any JVM
 * ({@link SplittableRandom}'s algorithm is fixed). For classify the split is <b>stratified</b>:
 * each class's share of the test (and validation) part is its share of the data, to within one
 * sequence (largest remainders), and every class keeps at least one sequence for training; a
 * class with a single sequence is an error when a test part is asked for, since it cannot be
 * both learned and tested. Regress and tag (whose classes are per step) are split by a plain
 * seeded shuffle.
 *
 * @param train positions of the training sequences
 * @param validation positions of the validation sequences (empty without a validation fraction)
 * @param test positions of the test sequences (empty with a test fraction of 0)
 */
public record SequenceSplit(int[] train, int[] validation, int[] test) {

    /**
     * Splits a table.
     *
     * @param table the sequences
     * @param testFraction in [0, 1): the share held out for testing ({@code --test-fraction}, default 0.2)
     * @param valFraction in [0, 1): the share of the rest held out for validation
     * @param seed the seed of the shuffle
     * @return the split; test and validation have at least one sequence when their fraction is above 0
     * @throws IllegalArgumentException for a fraction out of range, or too few sequences to give
     *     every part one
     * @throws DataFileException naming the line of a class seen only once (classify, test fraction above 0)
     */
    public static SequenceSplit of(SequenceTable table, double testFraction, double valFraction, long seed) {
        checkFraction("--test-fraction", testFraction);
        checkFraction("--val-fraction", valFraction);
        SplittableRandom random = new SplittableRandom(seed);
        int[] all = new int[table.size()];
        Arrays.setAll(all, i -> i);
        int[][] strata = strata(table, testFraction);
        int[][] first = take(all, strata, testFraction, random, "test", table.size());
        int[] rest = first[0];
        int[][] second = take(rest, strata, valFraction, random, "validation", table.size());
        return new SequenceSplit(second[0], second[1], first[1]);
    }

    /** @return the class of each position (all 0 when not stratified) */
    private static int[][] strata(SequenceTable table, double testFraction) {
        int[] of = new int[table.size()];
        int classes = 1;
        if (table.task() == Task.CLASSIFY) {
            classes = table.labels().size();
            int[] count = new int[classes];
            int[] where = new int[classes];
            for (int i = 0; i < of.length; i++) {
                of[i] = table.classOf(i);
                count[of[i]]++;
                where[of[i]] = i;
            }
            for (int c = 0; c < classes; c++) {
                if (testFraction > 0 && count[c] == 1) {
                    int i = where[c];
                    throw new DataFileException(table.source(), table.targetLine(i), table.targetName(), "the class '"
                            + table.labels().get(c) + "' has only one sequence (id '" + table.id(i) + "'); to be "
                            + "learned and tested every class needs at least two sequences (or --test-fraction 0)");
                }
            }
        }
        return new int[][] {of, {classes}};
    }

    /**
     * Takes a fraction of {@code from}, stratified.
     *
     * @return {kept, taken}, each ascending
     */
    private static int[][] take(int[] from, int[][] strata, double fraction, SplittableRandom random, String part,
            int total) {
        int n = from.length;
        if (fraction == 0) {
            return new int[][] {from, new int[0]};
        }
        if (n < 2) {
            throw new IllegalArgumentException("a " + part + " fraction of " + fraction + " needs at least 2 sequences "
                    + "to split, " + n + " left of " + total + "; give more sequences or a fraction of 0");
        }
        int want = (int) Math.max(1, Math.min(n - 1, Math.round(n * fraction)));
        int classes = strata[1][0];
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            members.add(new ArrayList<>());
        }
        for (int i : from) {
            members.get(strata[0][i]).add(i);
        }
        // Largest remainders: floor of each class's share, then one more for the classes with the
        // largest fractional parts (lower class first on ties), never a class's last member.
        int[] quota = new int[classes];
        double[] rem = new double[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            double share = (double) want * members.get(c).size() / n;
            quota[c] = Math.min((int) share, Math.max(0, members.get(c).size() - 1));
            rem[c] = share - quota[c];
            given += quota[c];
        }
        while (given < want) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (quota[c] < members.get(c).size() - 1 && (best < 0 || rem[c] > rem[best])) {
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            quota[best]++;
            rem[best] = -1;
            given++;
        }
        boolean[] taken = new boolean[total];
        for (int c = 0; c < classes; c++) {
            int[] m = members.get(c).stream().mapToInt(Integer::intValue).toArray();
            for (int i = m.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = m[i];
                m[i] = m[j];
                m[j] = t;
            }
            for (int k = 0; k < quota[c]; k++) {
                taken[m[k]] = true;
            }
        }
        int[] kept = Arrays.stream(from).filter(i -> !taken[i]).toArray();
        int[] out = Arrays.stream(from).filter(i -> taken[i]).toArray();
        if (out.length == 0) {
            throw new IllegalArgumentException("a " + part + " fraction of " + fraction + " of " + n
                    + " sequences leaves none for " + part + " while keeping every class in training; give more sequences");
        }
        return new int[][] {kept, out};
    }

    private static void checkFraction(String option, double f) {
        if (!(f >= 0 && f < 1)) {
            throw new IllegalArgumentException(option + " must be at least 0 and below 1, got " + f);
        }
    }
}
