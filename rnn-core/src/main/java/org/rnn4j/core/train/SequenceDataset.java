package org.rnn4j.core.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.math.ArraySize;

/**
 * Independent sequences of any lengths, each step with its own target (or, see below, each
 * sequence with one), batched B at a time:
 * each batch is padded to its longest sequence with a mask, so padded steps add nothing to the
 * loss or the gradients and every sequence's state stops at its own last step. Every batch
 * starts from the zero state.
 *
 * <p>With {@link #perSequence} each sequence has one target row instead (a class index or the
 * numbers to regress): its batches carry targets of 1 x B, for a network that ends in a
 * sequence head ({@code lastStep()}, {@code pool(...)}); the loss is then a mean per sequence.
 *
 * <p>An epoch visits every sequence once: in the stored order, or permuted by the given
 * generator (Fisher-Yates), then cut into batches of B (the last may be smaller, as PyTorch's
 * DataLoader with {@code drop_last=False}). The arrays are kept, not copied.
 */
public final class SequenceDataset implements Dataset {

    private final List<double[][]> inputs;
    private final List<double[][]> targets;
    private final int batchSize;
    private final int inSize;
    private final int outSize;
    private final boolean perSequence;

    private SequenceDataset(List<double[][]> inputs, List<double[][]> targets, int batchSize, int inSize, int outSize,
            boolean perSequence) {
        this.perSequence = perSequence;
        this.inputs = inputs;
        this.targets = targets;
        this.batchSize = batchSize;
        this.inSize = inSize;
        this.outSize = outSize;
    }

    /**
     * A dataset of sequences given as {@code [step][feature]} arrays.
     *
     * @param inputs the input sequences, at least one, each at least one step, all steps of one width
     * @param targets one target sequence per input, of the same length, all steps of one width
     * @param batchSize B, at least 1
     * @return the dataset
     * @throws IllegalArgumentException naming the example and step that do not fit, or a
     *     non-finite value
     */
    public static SequenceDataset of(List<double[][]> inputs, List<double[][]> targets, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (inputs.isEmpty() || inputs.size() != targets.size()) {
            throw new IllegalArgumentException("a sequence dataset needs at least one sequence and one target sequence "
                    + "per input, got " + inputs.size() + " inputs and " + targets.size() + " targets");
        }
        int in = width(inputs.get(0), "input", 0);
        int out = width(targets.get(0), "target", 0);
        for (int e = 0; e < inputs.size(); e++) {
            double[][] x = inputs.get(e);
            double[][] d = targets.get(e);
            if (x.length == 0 || x.length != d.length) {
                throw new IllegalArgumentException("example " + e + " has " + x.length + " input steps and "
                        + d.length + " target steps; they must be equal and at least 1");
            }
            check(x, in, "input", e);
            check(d, out, "target", e);
        }
        return new SequenceDataset(List.copyOf(inputs), List.copyOf(targets), batchSize, in, out, false);
    }

    /**
     * A dataset of sequences with one target row per sequence, for a network with a sequence
     * head: its batches have targets of 1 x B x width.
     *
     * @param inputs the input sequences, at least one, each at least one step, all steps of one width
     * @param targets one target row per input sequence, all of one width (a class index is a row of one)
     * @param batchSize B, at least 1
     * @return the dataset
     * @throws IllegalArgumentException naming the example that does not fit, or a non-finite value
     */
    public static SequenceDataset perSequence(List<double[][]> inputs, List<double[]> targets, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (inputs.isEmpty() || inputs.size() != targets.size()) {
            throw new IllegalArgumentException("a sequence dataset needs at least one sequence and one target row "
                    + "per input, got " + inputs.size() + " inputs and " + targets.size() + " targets");
        }
        List<double[][]> rows = new ArrayList<>(targets.size());
        targets.forEach(t -> rows.add(new double[][] {t}));
        int in = width(inputs.get(0), "input", 0);
        int out = width(rows.get(0), "target", 0);
        for (int e = 0; e < inputs.size(); e++) {
            if (inputs.get(e).length == 0) {
                throw new IllegalArgumentException("example " + e + " has no input steps; it needs at least 1");
            }
            check(inputs.get(e), in, "input", e);
            check(rows.get(e), out, "target", e);
        }
        return new SequenceDataset(List.copyOf(inputs), rows, batchSize, in, out, true);
    }

    /** @return whether each sequence has one target row (for a sequence head) rather than one per step */
    public boolean isPerSequence() {
        return perSequence;
    }

    /** @return the number of sequences */
    public int size() {
        return inputs.size();
    }

    /** @return B, sequences per batch */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public boolean carriesState() {
        return false;
    }

    @Override
    public int batchesPerEpoch() {
        return (inputs.size() - 1) / batchSize + 1; // (n + B - 1) / B, which would overflow for a B near 2^31
    }

    @Override
    public Iterator<Batch> epoch(RandomGenerator shuffle, int from) {
        int n = inputs.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return Batches.range(from, batchesPerEpoch(), i -> {
            int start = i * batchSize;
            int[] rows = new int[Math.min(batchSize, n - start)];
            System.arraycopy(order, start, rows, 0, rows.length);
            return batch(rows);
        });
    }

    /**
     * The padded, masked batch of the given sequences: T = the longest, row b = example
     * {@code examples[b]}, padded steps zero and masked out.
     *
     * @param examples indices of the sequences, at least one
     * @return a new batch
     */
    public Batch batch(int... examples) {
        int b1 = examples.length;
        int steps = 0;
        for (int e : examples) {
            if (e < 0 || e >= inputs.size()) {
                throw new IllegalArgumentException("no example " + e + " in a dataset of " + inputs.size());
            }
            steps = Math.max(steps, inputs.get(e).length);
        }
        double[] x = new double[ArraySize.of("a padded batch of T x B x inputs", steps, b1, inSize)];
        int targetSteps = perSequence ? 1 : steps;
        double[] d = new double[ArraySize.of("a padded batch of T x B x targets", targetSteps, b1, outSize)];
        boolean[] mask = new boolean[steps * b1];
        boolean padded = false;
        for (int b = 0; b < b1; b++) {
            double[][] xe = inputs.get(examples[b]);
            double[][] de = targets.get(examples[b]);
            padded |= xe.length < steps;
            for (int t = 0; t < xe.length; t++) {
                int row = t * b1 + b;
                System.arraycopy(xe[t], 0, x, row * inSize, inSize);
                if (!perSequence) {
                    System.arraycopy(de[t], 0, d, row * outSize, outSize);
                }
                mask[row] = true;
            }
            if (perSequence) {
                System.arraycopy(de[0], 0, d, b * outSize, outSize);
            }
        }
        boolean[] m = padded ? mask : null;
        Sequence target = perSequence ? Sequence.wrap(1, b1, outSize, d) : Sequence.wrap(steps, b1, outSize, d, m);
        return new Batch(Sequence.wrap(steps, b1, inSize, x, m), target, examples.clone());
    }

    @Override
    public Split split(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1) to split, got " + fraction);
        }
        int n = inputs.size();
        int cut = (int) (n * (1 - fraction));
        if (cut < 1 || cut >= n) {
            throw new IllegalArgumentException("a validation fraction of " + fraction + " of " + n
                    + " sequences leaves " + cut + " for training and " + (n - cut)
                    + " for validation; each part needs at least one");
        }
        return new Split(
                new SequenceDataset(inputs.subList(0, cut), targets.subList(0, cut), batchSize, inSize, outSize,
                        perSequence),
                new SequenceDataset(inputs.subList(cut, n), targets.subList(cut, n), batchSize, inSize, outSize,
                        perSequence));
    }

    private static int width(double[][] seq, String what, int e) {
        if (seq.length == 0 || seq[0] == null || seq[0].length == 0) {
            throw new IllegalArgumentException("example " + e + " needs at least one " + what + " step with at least one feature");
        }
        return seq[0].length;
    }

    private static void check(double[][] seq, int width, String what, int e) {
        for (int t = 0; t < seq.length; t++) {
            if (seq[t] == null || seq[t].length != width) {
                throw new IllegalArgumentException("example " + e + ", " + what + " step " + t + " has "
                        + (seq[t] == null ? "no" : Integer.toString(seq[t].length)) + " features; example 0 has " + width);
            }
            for (int f = 0; f < width; f++) {
                if (!Double.isFinite(seq[t][f])) {
                    throw new IllegalArgumentException("example " + e + ", " + what + " step " + t + ", feature " + f
                            + " is " + seq[t][f] + "; only finite values are allowed");
                }
            }
        }
    }
}
