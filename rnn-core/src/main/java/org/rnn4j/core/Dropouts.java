package org.rnn4j.core;

import java.util.List;
import org.rnn4j.api.Sequence;

/**
 * The dropout between a network's recurrent layers: one {@link Dropout} after each recurrent
 * layer but the last (none at all without dropout), their positions in their random streams
 * and whether their masks are held. {@link Network} asks it what to do after layer l forward and
 * before layer l backward; the rest is bookkeeping for checkpoints and gradient checks.
 */
final class Dropouts {

    private final List<Dropout> after;

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
        return layer < after.size() ? after.get(layer).forward(h, training) : h;
    }

    /**
     * @param layer the recurrent layer l
     * @param g dL/d(what the next layer read)
     * @return dL/d(layer l's output)
     */
    Sequence backward(int layer, Sequence g) {
        return layer < after.size() ? after.get(layer).backward(g) : g;
    }

    /** @return the masks each generator has drawn, one count per dropout */
    long[] draws() {
        long[] d = new long[after.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = after.get(i).draws();
        }
        return d;
    }

    /**
     * @param draws counts from {@link #draws()}
     * @throws IllegalArgumentException if the number of counts is wrong or one is negative
     */
    void restore(long[] draws) {
        if (draws.length != after.size()) {
            throw new IllegalArgumentException("the network has " + after.size() + " dropout generator(s), got "
                    + draws.length + " draw count(s)");
        }
        for (int i = 0; i < draws.length; i++) {
            if (draws[i] < 0) {
                throw new IllegalArgumentException("dropout draw count " + i + " is " + draws[i] + "; counts are >= 0");
            }
        }
        for (int i = 0; i < draws.length; i++) {
            after.get(i).restoreDraws(draws[i]);
        }
    }

    /** @param hold whether every forward reuses the last masks */
    void hold(boolean hold) {
        after.forEach(d -> d.hold(hold));
    }
}
