package org.rnn4j.core.io;

import java.util.Objects;
import org.rnn4j.core.Network;

/**
 * What a model file holds: a network and, for a character-level language model, its vocabulary.
 *
 * @param network the network (its {@link Network#architecture()} and weights are saved)
 * @param vocabulary the characters in index order (input feature i is the one-hot of character
 *     i, counted in code points), or null for a network that does not read text
 */
public record SavedModel(Network network, String vocabulary) {

    /**
     * Checks that the vocabulary fits the network.
     *
     * @throws IllegalArgumentException if the vocabulary's length is not the input size or a
     *     character occurs twice
     */
    public SavedModel {
        Objects.requireNonNull(network, "network");
        String problem = vocabulary == null ? null : ModelMetadata.vocabularyProblem(vocabulary, network.inputSize());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * @param network a network that does not read text
     * @return the model without a vocabulary
     */
    public static SavedModel of(Network network) {
        return new SavedModel(network, null);
    }
}
