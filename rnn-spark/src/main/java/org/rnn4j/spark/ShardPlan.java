package org.rnn4j.spark;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which rows of a global batch (for a stream dataset: which of its B streams) each of N workers
 * computes:
 *
 * <pre>
 *   pi      = a permutation of 0 .. B-1, Fisher-Yates driven by SplittableRandom(seed)
 *   shard w = sorted { pi[i] : floor(w B / N) &lt;= i &lt; floor((w+1) B / N) },   w = 0 .. N-1
 * </pre>
 *
 * so every row belongs to exactly one shard, shard sizes differ by at most one, and the same
 * (B, N, seed) always gives the same plan. With B &lt; N some shards are empty (they contribute
 * nothing). The rows of a stream stay on the same shard for the whole run, so its carried state
 * always goes to the same shard. The sum of the gradients does not depend on the plan (only the
 * order in which floating-point terms meet does): the seed spreads the streams, it does not
 * change the model beyond rounding.
 */
public final class ShardPlan {

    private final int[][] shards;

    private ShardPlan(int[][] shards) {
        this.shards = shards;
    }

    /**
     * @param rows B, the rows of the global batch, at least 0
     * @param workers N, at least 1
     * @param seed the permutation's seed
     * @return the plan
     * @throws IllegalArgumentException on a negative B or N &lt; 1
     */
    public static ShardPlan of(int rows, int workers, long seed) {
        if (rows < 0 || workers < 1) {
            throw new IllegalArgumentException("a shard plan needs rows >= 0 and workers >= 1, got rows " + rows
                    + ", workers " + workers);
        }
        int[] pi = new int[rows];
        Arrays.setAll(pi, i -> i);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = pi[i];
            pi[i] = pi[j];
            pi[j] = t;
        }
        int[][] shards = new int[workers][];
        for (int w = 0; w < workers; w++) {
            int from = (int) ((long) w * rows / workers);
            int to = (int) ((long) (w + 1) * rows / workers);
            shards[w] = Arrays.copyOfRange(pi, from, to);
            Arrays.sort(shards[w]);
        }
        return new ShardPlan(shards);
    }

    /**
     * A plan given row by row, for data the workers already hold: a global batch's rows go to
     * the workers that hold their examples ({@link SequenceShards}).
     *
     * @param shards the rows of each shard, ascending, every row in exactly one
     * @return the plan
     */
    static ShardPlan ofRows(int[][] shards) {
        int[][] copy = new int[shards.length][];
        for (int w = 0; w < shards.length; w++) {
            copy[w] = shards[w].clone();
        }
        return new ShardPlan(copy);
    }

    /** @return N */
    public int workers() {
        return shards.length;
    }

    /**
     * @param worker w, 0 .. N-1
     * @return the rows of shard w, ascending (a copy)
     */
    public int[] rows(int worker) {
        return shards[worker].clone();
    }
}
