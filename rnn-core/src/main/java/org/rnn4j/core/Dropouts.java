package org.rnn4j.core;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.api.Sequence;

/**
 * The dropout between a network's recurrent layers: one {@link Dropout} after each recurrent
 * layer but the last (none at all without dropout), where their masks are in the run and
 * whether they are held. {@link Network} asks it what to do after layer l forward and before
 * layer l backward.
 *
 * <p>Where the masks are: the training step whose masks the next forward draws, the batch step
 * that the forward's first step is (a truncated-BPTT chunk starts later in the batch), and the
 * global batch row of each of its rows (a worker computes some rows of a batch). A forward in
 * training mode that draws moves the step on by one, so a loop of forwards of one's own gets
 * new masks each time; the {@code Trainer} sets the step itself before each step, to its own
 * step count, so that the masks of a run depend only on the step, not on how many forwards ran.
 */
final class Dropouts {

    private final List<Dropout> after;
    private long step;
    private int firstTime;
    private int[] rows;

    /**
     * @param after one per recurrent layer but the last, or none
     * @param recurrentLayers how many recurrent layers the network has
     */
    Dropouts(List<Dropout> after, int recurrentLayers) {
        if (!after.isEmpty() && after.size() != recurrentLayers - 1) {
            throw new IllegalArgumentException(recurrentLayers + " recurrent layers take " + (recurrentLayers - 1)
                    + " dropouts, got " + after.size());
        }
        this.after = List.copyOf(after);
    }

    /**
     * @param layer the recurrent layer l
     * @param h its output
     * @param training whether to apply dropout
     * @return what the next layer reads: h with dropout after layer l, or h itself
     */
    Sequence forward(int layer, Sequence h, boolean training) {
        if (layer >= after.size()) {
            return h;
        }
        Dropout d = after.get(layer);
        Sequence y = d.forward(h, training, step, firstTime, rows);
        if (training && !d.held() && layer == after.size() - 1) {
            step++;
        }
        return y;
    }

    /**
     * @param layer the recurrent layer l
     * @param g dL/d(what the next layer read)
     * @return dL/d(layer l's output)
     */
    Sequence backward(int layer, Sequence g) {
        return layer < after.size() ? after.get(layer).backward(g) : g;
    }

    /** @return the step whose masks the next forward draws */
    long step() {
        return step;
    }

    /**
     * @param step the training step whose masks the next forward draws, at least 0
     * @param firstTime the batch step that the next forward's step 0 is, at least 0
     * @throws IllegalArgumentException on a negative value
     */
    void position(long step, int firstTime) {
        if (step < 0 || firstTime < 0) {
            throw new IllegalArgumentException("a dropout position needs step >= 0 and first time step >= 0, got step "
                    + step + ", first time step " + firstTime);
        }
        this.step = step;
        this.firstTime = firstTime;
    }

    /**
     * @param rows the global batch row of each row of the batches to come, each {@code >= 0}, or
     *     null for rows 0 .. B-1
     * @throws IllegalArgumentException on a negative row
     */
    void rows(int[] rows) {
        if (rows != null && Arrays.stream(rows).anyMatch(r -> r < 0)) {
            throw new IllegalArgumentException("dropout rows are >= 0, got " + Arrays.toString(rows));
        }
        this.rows = rows == null ? null : rows.clone();
    }

    /** @return the step whose masks the next forward draws, once per dropout (empty without dropout) */
    long[] draws() {
        long[] d = new long[after.size()];
        Arrays.fill(d, step);
        return d;
    }

    /**
     * @param draws one entry per dropout, all equal and {@code >= 0}: the step whose masks the
     *     next forward draws, from its first time step
     * @throws IllegalArgumentException if the number of entries is wrong, or they differ or one is negative
     */
    void restoreDraws(long[] draws) {
        if (draws.length != after.size()) {
            throw new IllegalArgumentException("the network has " + after.size() + " dropout generator(s), got "
                    + draws.length + " draw count(s)");
        }
        for (int i = 0; i < draws.length; i++) {
            if (draws[i] < 0 || draws[i] != draws[0]) {
                throw new IllegalArgumentException("dropout draw count " + i + " is " + draws[i] + "; counts are >= 0 "
                        + "and the same for every dropout");
            }
        }
        if (draws.length > 0) {
            position(draws[0], 0);
        }
    }

    /** @param hold whether every forward reuses the last masks */
    void hold(boolean hold) {
        after.forEach(d -> d.hold(hold));
    }
}
