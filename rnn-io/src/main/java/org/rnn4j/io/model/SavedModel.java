package org.rnn4j.io.model;

import java.util.Map;
import java.util.Objects;
import org.rnn4j.core.Network;

/**
 * What a model file holds: a network and, for a character-level language model, its vocabulary
 * and, for a model of strings, where a string ends.
 *
 * @param network the network (its {@link Network#architecture()} and weights are saved)
 * @param vocabulary the characters in index order (input feature i is the one-hot of character
 *     i, counted in code points), or null for a network that does not read text
 * @param end where a generated string ends (a symbol of the vocabulary and how many of it), or
 *     null for a model of text that has no end
 * @param data for a model of numeric data, what it knows of its data (the task, the feature
 *     names, their standardisation, the class labels), saved as the metadata entry {@code data};
 *     empty for a model of text
 */
public record SavedModel(Network network, String vocabulary, SequenceEnd end, Map<String, String> data) {

    /**
     * Checks that the vocabulary fits the network and holds the end symbol.
     *
     * @throws IllegalArgumentException if the vocabulary's length is not the input size, a
     *     character occurs twice, or the end symbol is not in it
     */
    public SavedModel {
        Objects.requireNonNull(network, "network");
        data = Map.copyOf(Objects.requireNonNull(data, "data"));
        String problem = vocabulary == null ? null : VocabularyChecks.vocabularyProblem(vocabulary, network.inputSize());
        if (problem == null && end != null) {
            problem = VocabularyChecks.endProblem(end, vocabulary);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * A model without a data description.
     *
     * @param network the network
     * @param vocabulary the characters in index order, or null
     * @param end where a generated string ends, or null
     */
    public SavedModel(Network network, String vocabulary, SequenceEnd end) {
        this(network, vocabulary, end, Map.of());
    }

    /**
     * A model without an end of sequence.
     *
     * @param network the network
     * @param vocabulary the characters in index order, or null
     */
    public SavedModel(Network network, String vocabulary) {
        this(network, vocabulary, null);
    }

    /**
     * @param network a network that does not read text
     * @return the model without a vocabulary
     */
    public static SavedModel of(Network network) {
        return new SavedModel(network, null);
    }
}
