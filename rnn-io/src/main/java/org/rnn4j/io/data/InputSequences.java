package org.rnn4j.io.data;

import java.util.List;

/**
 * Sequences read for prediction: features only, no target (what a trained model is asked about).
 *
 * @param source the file, for messages
 * @param featureNames the feature columns, in the model's order
 * @param ids each sequence's id, in file order
 * @param features per sequence, steps x features, in time order
 * @param times per sequence, the time column's text at each step in time order, or null without
 *     a time column
 */
public record InputSequences(String source, List<String> featureNames, List<String> ids, List<double[][]> features,
        List<String[]> times) {

    /** Copies the lists. */
    public InputSequences {
        featureNames = List.copyOf(featureNames);
        ids = List.copyOf(ids);
        features = List.copyOf(features);
        times = times == null ? null : List.copyOf(times);
    }

    /** @return the number of sequences */
    public int size() {
        return ids.size();
    }
}
