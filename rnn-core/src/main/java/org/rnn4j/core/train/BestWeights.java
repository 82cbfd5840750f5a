package org.rnn4j.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnn4j.api.Parameter;

/**
 * {@link TrainingConfig#restoreBestWeights(boolean)}: a copy of the weights at the end of the
 * epoch with the lowest validation loss so far (Keras's {@code restore_best_weights}), put back
 * when the run ends; and the line a result's message gains when the run ended away from its
 * best.
 */
final class BestWeights {

    private final List<double[]> values = new ArrayList<>();
    private EpochMetrics epoch;

    /** Nothing kept yet: a run from the start. */
    BestWeights() {
    }

    /**
     * The best so far of a run being resumed.
     *
     * @param epoch the epoch kept
     * @param weights its weights, one array per parameter (copied)
     */
    BestWeights(EpochMetrics epoch, List<double[]> weights) {
        this.epoch = epoch;
        for (double[] w : weights) {
            values.add(w.clone());
        }
    }

    /**
     * The best so far of a run being resumed, checked against the network.
     *
     * @param epoch the epoch kept
     * @param weights its weights, one array per parameter (copied)
     * @param params the network's parameters
     * @return the best so far
     * @throws IllegalArgumentException if the weights do not fit the parameters
     */
    static BestWeights resumed(EpochMetrics epoch, List<double[]> weights, List<Parameter> params) {
        boolean fits = weights.size() == params.size();
        for (int i = 0; fits && i < params.size(); i++) {
            fits = weights.get(i).length == params.get(i).size();
        }
        if (!fits) {
            throw new IllegalArgumentException("training: the best weights so far do not fit the network's "
                    + params.size() + " parameters");
        }
        return new BestWeights(epoch, weights);
    }

    /** @return the epoch kept, or null */
    EpochMetrics epoch() {
        return epoch;
    }

    /** @return copies of its weights, one array per parameter (empty if none) */
    List<double[]> weights() {
        List<double[]> copies = new ArrayList<>();
        for (double[] v : values) {
            copies.add(v.clone());
        }
        return copies;
    }

    /**
     * Keeps the weights if this epoch's validation loss is the lowest so far (strictly: the
     * first of equal losses is kept).
     *
     * @param m the epoch that just ended
     * @param params the network's parameters after it
     */
    void offer(EpochMetrics m, List<Parameter> params) {
        if (!Double.isFinite(m.validationLoss()) || epoch != null && !(m.validationLoss() < epoch.validationLoss())) {
            return;
        }
        epoch = m;
        values.clear();
        for (Parameter p : params) {
            values.add(p.values()); // a copy, exact in either precision
        }
    }

    /**
     * @param step the steps done when the run ends
     * @return the epoch whose weights differ from the last ones and are to be put back, or null
     */
    EpochMetrics pending(long step) {
        return epoch != null && epoch.step() != step ? epoch : null;
    }

    /**
     * Puts the kept weights back.
     *
     * @param params the network's parameters
     */
    void restore(List<Parameter> params) {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).set(values.get(i)); // float32 values come back exactly
        }
    }

    /**
     * @param r how a run ended
     * @return what to add to its message: which weights the network holds when they are not the
     *     last, or that the last validation loss is far above the best; empty otherwise
     */
    static String note(TrainingResult r) {
        EpochMetrics best = r.bestEpoch();
        EpochMetrics last = r.lastEpoch();
        if (r.restored() != null) {
            return String.format(Locale.ROOT, "Restored the weights of epoch %d (step %d), the lowest validation "
                    + "loss %.4g (the last epoch ended at %.4g).", r.restored().epoch(), r.restored().step(),
                    r.restored().validationLoss(), last.validationLoss());
        }
        if (r.endedFarAboveBest()) {
            return String.format(Locale.ROOT, "The last validation loss, %.4g, is far above the lowest, %.4g after "
                    + "epoch %d: these are the last weights, not the best (see TrainingConfig.restoreBestWeights).",
                    last.validationLoss(), best.validationLoss(), best.epoch());
        }
        return "";
    }
}
