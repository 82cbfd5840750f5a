package org.rnn4j.io.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rnn4j.io.data.SequenceTable;

/**
 * The temporal order problem, a sequence classification task of S. Hochreiter and
 * J. Schmidhuber, "Long short-term memory", Neural Computation 9(8), 1997, experiment 6a: a
 * sequence starts with E, ends with B, and is otherwise made of symbols drawn from {a, b, c, d},
 * except at two positions t1 and t2 that hold X or Y; the class says which came in which order:
 * XX = Q, XY = R, YX = S, YY = U. The net has to remember the two relevant symbols across tens
 * of distractors. The paper's sizes: length from 100 to 110, t1 from 10 to 20, t2 from 50 to 60
 * ({@link #standard()}); {@link #small()} keeps the task's shape at a fifth of the length for
 * quick runs. Positions here count from 0 (E is at 0).
 *
 * <p>Each step is the one-hot vector of its symbol, features named {@code a, b, c, d, B, E, X,
 * Y}; the table is what {@link org.rnn4j.io.csv.SequenceCsv} reads (classify, id column
 * {@code id}, time column {@code t}, target {@code class}) from what
 * {@link org.rnn4j.io.csv.CsvWriter#sequences} writes of it, lines included. Same seed, same
 * sequences.
 *
 * @param minLength the shortest sequence
 * @param maxLength the longest
 * @param t1From the first possible position of the first relevant symbol
 * @param t1To the last possible position of the first
 * @param t2From the first possible position of the second
 * @param t2To the last possible position of the second, below {@code minLength - 1}
 */
public record TemporalOrder(int minLength, int maxLength, int t1From, int t1To, int t2From, int t2To) {

    /** The symbols, in feature order. */
    public static final List<String> SYMBOLS = List.of("a", "b", "c", "d", "B", "E", "X", "Y");
    /** The classes, in class-index order: XX, XY, YX, YY. */
    public static final List<String> CLASSES = List.of("Q", "R", "S", "U");

    /** Checks that the relevant positions lie strictly between E and B, in order. */
    public TemporalOrder {
        if (!(1 <= t1From && t1From <= t1To && t1To < t2From && t2From <= t2To && t2To < minLength - 1
                && minLength <= maxLength)) {
            throw new IllegalArgumentException("need 1 <= t1From <= t1To < t2From <= t2To < minLength - 1 <= maxLength - 1,"
                    + " got " + this);
        }
    }

    /** @return the paper's sizes: length 100-110, t1 in 10-20, t2 in 50-60 */
    public static TemporalOrder standard() {
        return new TemporalOrder(100, 110, 10, 20, 50, 60);
    }

    /** @return a fifth of the length: 20-22, t1 in 2-4, t2 in 10-12 */
    public static TemporalOrder small() {
        return new TemporalOrder(20, 22, 2, 4, 10, 12);
    }

    /**
     * @param count the number of sequences, at least 1
     * @param seed the seed
     * @return the sequences, ids {@code 0, 1, ...}, target column {@code class}
     */
    public SequenceTable table(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ids = new ArrayList<>();
        List<double[][]> x = new ArrayList<>();
        List<int[]> lines = new ArrayList<>();
        int[] classes = new int[count];
        int line = 2;
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(minLength, maxLength + 1);
            int t1 = random.nextInt(t1From, t1To + 1);
            int t2 = random.nextInt(t2From, t2To + 1);
            boolean y1 = random.nextBoolean();
            boolean y2 = random.nextBoolean();
            double[][] steps = new double[length][SYMBOLS.size()];
            int[] at = new int[length];
            for (int t = 0; t < length; t++) {
                int symbol;
                if (t == 0) {
                    symbol = 5;
                } else if (t == length - 1) {
                    symbol = 4;
                } else if (t == t1) {
                    symbol = y1 ? 7 : 6;
                } else if (t == t2) {
                    symbol = y2 ? 7 : 6;
                } else {
                    symbol = random.nextInt(4);
                }
                steps[t][symbol] = 1;
                at[t] = line++;
            }
            ids.add(Integer.toString(i));
            x.add(steps);
            lines.add(at);
            classes[i] = (y1 ? 2 : 0) + (y2 ? 1 : 0);
        }
        return SequenceTable.classes("temporal-order(seed=" + seed + ")", SYMBOLS, "class", CLASSES, ids, x, lines,
                classes);
    }
}
