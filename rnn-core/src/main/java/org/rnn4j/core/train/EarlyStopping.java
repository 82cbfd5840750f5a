package org.rnn4j.core.train;

/**
 * Early stopping on validation loss, as Keras's {@code EarlyStopping(monitor="val_loss",
 * patience, min_delta)} (L. Prechelt, "Early Stopping - But When?", in Neural Networks: Tricks
 * of the Trade, 1998):
 *
 * <pre>
 *   after each epoch with validation loss v:
 *     if v &lt; best - minDelta:  best = v, wait = 0       (an improvement)
 *     else:                    wait = wait + 1
 *     stop when wait &gt;= patience
 * </pre>
 */
final class EarlyStopping {

    private final int patience;
    private final double minDelta;
    private double best;
    private int wait;

    EarlyStopping(int patience, double minDelta, double best, int wait) {
        this.patience = patience;
        this.minDelta = minDelta;
        this.best = best;
        this.wait = wait;
    }

    /**
     * Records an epoch's validation loss.
     *
     * @param v the loss
     * @return whether training should stop
     */
    boolean update(double v) {
        if (v < best - minDelta) {
            best = v;
            wait = 0;
        } else {
            wait++;
        }
        return patience > 0 && wait >= patience;
    }

    double best() {
        return best;
    }

    int waited() {
        return wait;
    }
}
