package org.rnn4j.io.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.rnn4j.api.Optimizer;

/**
 * Everything needed to continue training exactly where it stopped: the model, the optimizer
 * with its state, the settings it was made from, and the training position.
 *
 * @param model the network and vocabulary
 * @param optimizer the optimizer; its {@link Optimizer#state()} is saved
 * @param optimizerSettings the hyperparameters the optimizer was made from (its provider makes
 *     it again from them on loading); copied
 * @param position where training stands, as the trainer chooses to record it (epoch, step, the
 *     state of its random generators as text, ...); opaque to the file format; copied and sorted
 *     by name (so the same checkpoint always gives the same bytes)
 */
public record Checkpoint(SavedModel model, Optimizer optimizer, Map<String, String> optimizerSettings,
        Map<String, String> position) {

    /** Copies the maps and checks that nothing is null. */
    public Checkpoint {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        optimizerSettings = copy(optimizerSettings, "optimizer setting");
        position = copy(position, "position entry");
    }

    private static Map<String, String> copy(Map<String, String> m, String what) {
        Objects.requireNonNull(m, what);
        m.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("a checkpoint's " + what + " may not be null, got " + k + "=" + v);
            }
        });
        return Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
