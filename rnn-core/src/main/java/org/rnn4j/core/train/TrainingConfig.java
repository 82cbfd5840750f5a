package org.rnn4j.core.train;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The settings of a {@link Trainer}, immutable: every {@code with}-style method checks its
 * value (a bad one is an IllegalArgumentException naming the setting and its range) and
 * returns a new config.
 *
 * <pre>{@code
 * TrainingConfig c = TrainingConfig.defaults().epochs(20).seed(7).validationFraction(0.1)
 *     .clipNorm(5).schedule(LearningRateSchedule.charRnn()).earlyStopping(3, 1e-4);
 * }</pre>
 *
 * <p>Randomness: the only random choice a trainer makes is the order of each epoch's
 * sequences, drawn from a generator derived from ({@link #seed()}, epoch); the network's
 * initial weights come from its builder's seed. So a run is reproduced by the two seeds, and
 * resumed from the epoch and batch it reached (see {@link TrainingState}).
 */
public final class TrainingConfig {

    private int epochs = 1;
    private long maxSteps;
    private long seed = 42;
    private boolean shuffle = true;
    private double validationFraction;
    private GradientClip clip = GradientClip.NONE;
    private LearningRateSchedule schedule;
    private int truncation;
    private int patience;
    private double minDelta;
    private boolean restoreBestWeights;

    private TrainingConfig() {
    }

    /**
     * One epoch, no step limit, seed 42, shuffling on, no validation split, no clipping, no
     * schedule, full BPTT, no early stopping, the last weights kept.
     *
     * @return the defaults
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig();
    }

    /**
     * @param n epochs to train, at least 1
     * @return a new config
     */
    public TrainingConfig epochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("training: epochs must be >= 1, got " + n);
        }
        return with(c -> c.epochs = n);
    }

    /**
     * Stops after this many optimizer steps in all, even within an epoch.
     *
     * @param n at least 1
     * @return a new config
     */
    public TrainingConfig maxSteps(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("training: steps must be >= 1, got " + n);
        }
        return with(c -> c.maxSteps = n);
    }

    /**
     * @param s seed of the shuffling (any value)
     * @return a new config
     */
    public TrainingConfig seed(long s) {
        return with(c -> c.seed = s);
    }

    /**
     * @param on whether to shuffle independent sequences every epoch (streams never are)
     * @return a new config
     */
    public TrainingConfig shuffle(boolean on) {
        return with(c -> c.shuffle = on);
    }

    /**
     * The last fraction of the data is held out for validation by {@link Trainer#fit(Dataset)}.
     *
     * @param f in [0, 1); 0 for none
     * @return a new config
     */
    public TrainingConfig validationFraction(double f) {
        if (!(f >= 0 && f < 1)) {
            throw new IllegalArgumentException("training: validation fraction must be in [0, 1), got " + f);
        }
        return with(c -> c.validationFraction = f);
    }

    /**
     * @param g how to clip gradients before each step ({@link GradientClip#NONE} for none)
     * @return a new config
     */
    public TrainingConfig clip(GradientClip g) {
        return with(c -> c.clip = Objects.requireNonNull(g, "clip (use GradientClip.NONE for none)"));
    }

    /**
     * Clipping by global norm, {@link ClipByNorm}.
     *
     * @param maxNorm finite and &gt; 0
     * @return a new config
     */
    public TrainingConfig clipNorm(double maxNorm) {
        return clip(new ClipByNorm(maxNorm));
    }

    /**
     * Clipping by value, {@link ClipByValue} (min-char-rnn: 5).
     *
     * @param limit finite and &gt; 0
     * @return a new config
     */
    public TrainingConfig clipValue(double limit) {
        return clip(new ClipByValue(limit));
    }

    /**
     * @param s the learning rate per epoch, or null to leave the optimizer's rate alone
     * @return a new config
     */
    public TrainingConfig schedule(LearningRateSchedule s) {
        return with(c -> c.schedule = s);
    }

    /**
     * Truncated BPTT within each batch, {@link TruncatedBptt}: chunks of k steps.
     *
     * @param k at least 1
     * @return a new config
     */
    public TrainingConfig truncation(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("training: truncated BPTT length k must be >= 1 step, got " + k);
        }
        return with(c -> c.truncation = k);
    }

    /**
     * Early stopping on validation loss, as Keras's {@code EarlyStopping(monitor="val_loss")}: an
     * epoch improves if its validation loss is below the best so far minus {@code minDelta};
     * training stops after {@code patience} epochs in a row without improvement.
     *
     * @param patience epochs without improvement to tolerate, at least 1
     * @param minDelta the smallest decrease that counts, finite and &gt;= 0
     * @return a new config
     */
    public TrainingConfig earlyStopping(int patience, double minDelta) {
        if (patience < 1) {
            throw new IllegalArgumentException("training: early stopping patience must be >= 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("training: early stopping min_delta must be a finite number >= 0, got "
                    + minDelta);
        }
        return with(c -> {
            c.patience = patience;
            c.minDelta = minDelta;
        });
    }

    /**
     * Keras's {@code restore_best_weights}: when the run ends, for whatever reason, the network's
     * weights are set back to those at the end of the epoch with the lowest validation loss, if
     * later steps changed them ({@link TrainingResult#restored()} says which epoch). The
     * candidates are the epochs that end in this call of {@code fit} or {@code resume}: the
     * weights of epochs before a checkpoint are not kept in it. The position stays the last one
     * ({@link TrainingResult#state()}), and listeners' {@code onTrainEnd} still sees the last
     * weights, so a checkpoint written there resumes exactly. Needs validation data.
     *
     * @param on whether to restore the best weights at the end
     * @return a new config
     */
    public TrainingConfig restoreBestWeights(boolean on) {
        return with(c -> c.restoreBestWeights = on);
    }

    /** @return epochs to train */
    public int epochs() {
        return epochs;
    }

    /** @return the step limit, 0 for none */
    public long maxSteps() {
        return maxSteps;
    }

    /** @return the shuffling seed */
    public long seed() {
        return seed;
    }

    /** @return whether independent sequences are shuffled */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return the validation fraction, 0 for none */
    public double validationFraction() {
        return validationFraction;
    }

    /** @return the gradient clip */
    public GradientClip clip() {
        return clip;
    }

    /** @return the schedule, or null */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** @return the truncated BPTT length, 0 for full BPTT */
    public int truncation() {
        return truncation;
    }

    /** @return the early-stopping patience, 0 when off */
    public int patience() {
        return patience;
    }

    /** @return the early-stopping minimum decrease */
    public double minDelta() {
        return minDelta;
    }

    /** @return whether the weights of the lowest validation loss are restored at the end */
    public boolean restoreBestWeights() {
        return restoreBestWeights;
    }

    /** A copy with {@code change} applied: every setter's one way of making a new config. */
    private TrainingConfig with(Consumer<TrainingConfig> change) {
        TrainingConfig c = new TrainingConfig();
        c.epochs = epochs;
        c.maxSteps = maxSteps;
        c.seed = seed;
        c.shuffle = shuffle;
        c.validationFraction = validationFraction;
        c.clip = clip;
        c.schedule = schedule;
        c.truncation = truncation;
        c.patience = patience;
        c.minDelta = minDelta;
        c.restoreBestWeights = restoreBestWeights;
        change.accept(c);
        return c;
    }

    @Override
    public String toString() {
        return "TrainingConfig[epochs " + epochs + (maxSteps > 0 ? ", steps " + maxSteps : "") + ", seed " + seed
                + ", shuffle " + shuffle + ", validation " + validationFraction + ", clip " + clip
                + (schedule != null ? ", schedule " + schedule : "") + (truncation > 0 ? ", tbptt " + truncation : "")
                + (patience > 0 ? ", early stopping " + patience + "/" + minDelta : "")
                + (restoreBestWeights ? ", restore best weights" : "") + "]";
    }
}
