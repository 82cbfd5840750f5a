package org.rnn4j.spark;

import java.io.Serializable;
import java.util.List;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.train.Batch;

/**
 * One worker's part of a global batch, as shipped to it: the batch's columns of its rows (data
 * and masks; targets per step, T x rows, or per sequence, 1 x rows), which rows of the global
 * batch they are (dropout draws their masks), the states those rows start from (streams), and
 * the loss rows of the whole global batch ({@code Batch.lossRows()}: real steps, or sequences
 * for per-sequence targets), which a mean reduction divides by. Inputs of one-hot rows held as
 * symbols ({@link Sequence#oneHot}, a text's batches) travel as their T x rows symbols.
 *
 * <p>Plain arrays, so that Java serialization (Spark's default for closures and parallelized
 * collections) carries it without any rnn4j class needing to be {@code Serializable}.
 */
final class ShardBatch implements Serializable {

    private static final long serialVersionUID = 1L;

    final int shard;
    final int steps;
    final int targetSteps;
    final int[] globalRows;
    final int rows;
    final int inputs;
    final int outputs;
    /** The input's values, or null when it travels as {@link #symbols}. */
    final double[] x;
    /** The input's symbols (one-hot rows of {@link #inputs}), or null for values. */
    final int[] symbols;
    final boolean[] xMask;
    final double[] d;
    final boolean[] dMask;
    final double[][][] initial;
    final long globalReal;

    private ShardBatch(int shard, int steps, int targetSteps, int[] globalRows, int inputs, int outputs, double[] x,
            int[] symbols, boolean[] xMask, double[] d, boolean[] dMask, double[][][] initial, long globalReal) {
        this.shard = shard;
        this.steps = steps;
        this.targetSteps = targetSteps;
        this.globalRows = globalRows;
        int rows = globalRows.length;
        this.rows = rows;
        this.inputs = inputs;
        this.outputs = outputs;
        this.x = x;
        this.symbols = symbols;
        this.xMask = xMask;
        this.d = d;
        this.dMask = dMask;
        this.initial = initial;
        this.globalReal = globalReal;
    }

    /**
     * @param shard w, the worker's index
     * @param b the global batch
     * @param rows the worker's rows of it ({@link ShardPlan#rows})
     * @param carried the states every row of the global batch starts from, or null for zeros
     * @return the worker's part
     */
    static ShardBatch of(int shard, Batch b, int[] rows, List<State> carried) {
        Sequence in = b.input();
        Sequence out = b.target();
        boolean coded = in.symbols() != null;
        return new ShardBatch(shard, in.steps(), out.steps(), rows.clone(), in.features(), out.features(),
                coded ? null : Rows.data(in, rows), coded ? Rows.symbols(in, rows) : null, Rows.mask(in, rows),
                Rows.data(out, rows), Rows.mask(out, rows),
                Rows.states(carried, in.batch(), rows), b.lossRows());
    }

    /**
     * A worker's batch built where its data lives (a stream shard's own batch).
     *
     * @param shard w
     * @param local the batch over the worker's rows only
     * @param rows which rows of the global batch those are
     * @param initial [layer][part][values] of those rows, or null for zeros
     * @param globalReal the real steps of the whole global batch
     * @return the worker's part
     */
    static ShardBatch of(int shard, Batch local, int[] rows, double[][][] initial, long globalReal) {
        Sequence in = local.input();
        Sequence out = local.target();
        if (rows.length != in.batch()) {
            throw new IllegalArgumentException("a shard batch of " + in.batch() + " rows was given " + rows.length
                    + " global rows");
        }
        boolean coded = in.symbols() != null;
        return new ShardBatch(shard, in.steps(), out.steps(), rows.clone(), in.features(), out.features(),
                coded ? null : in.data().clone(), coded ? in.symbols().clone() : null,
                in.mask() == null ? null : in.mask().clone(), out.data().clone(),
                out.mask() == null ? null : out.mask().clone(), initial, globalReal);
    }

    /**
     * @param shard w
     * @param steps T
     * @param features the one-hot width of inputs and targets
     * @param globalReal the loss rows of the whole global batch
     * @return a part with no rows, for a worker without any (B &lt; N)
     */
    static ShardBatch empty(int shard, int steps, int features, long globalReal) {
        return new ShardBatch(shard, steps, steps, new int[0], features, features, new double[0], null, null, new double[0],
                null, null, globalReal);
    }

    /** @return the input, T x rows x I */
    Sequence input() {
        if (symbols != null) {
            return Sequence.oneHot(steps, rows, inputs, symbols, xMask);
        }
        return Sequence.wrap(steps, rows, inputs, x, xMask);
    }

    /** @return the target, T x rows x O (per step) or 1 x rows x O (per sequence) */
    Sequence target() {
        return Sequence.wrap(targetSteps, rows, outputs, d, dMask);
    }

    /**
     * @return the rows the loss is taken over, as {@code Batch.lossRows()} counts them: the real
     *     steps for per-step targets, the sequences for per-sequence targets
     */
    int lossRows() {
        return targetSteps == steps ? realSteps() : rows;
    }

    /** @return the real (unmasked) steps of this part */
    int realSteps() {
        if (xMask == null) {
            return steps * rows;
        }
        int n = 0;
        for (boolean m : xMask) {
            n += m ? 1 : 0;
        }
        return n;
    }
}
