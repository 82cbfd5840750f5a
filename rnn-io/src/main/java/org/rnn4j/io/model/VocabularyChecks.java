package org.rnn4j.io.model;

import java.util.HashSet;
import java.util.Set;

/**
 * The checks of a model of strings' vocabulary and end-of-sequence symbol, against the network
 * and each other: when a {@link SavedModel} is made and when {@link MetadataReader} reads a file.
 * Each returns what is wrong as a sentence, or null.
 */
final class VocabularyChecks {

    private VocabularyChecks() {
    }

    /**
     * Checks an end of sequence against the vocabulary.
     *
     * @param end the end
     * @param vocabulary the characters in index order, or null
     * @return what is wrong, or null if the symbol is in the vocabulary
     */
    static String endProblem(SequenceEnd end, String vocabulary) {
        if (vocabulary == null || vocabulary.indexOf(end.symbol()) < 0) {
            return "the end-of-sequence symbol " + Text.quote(end.symbol()) + " is not in the vocabulary";
        }
        return null;
    }

    /**
     * Checks a vocabulary: one distinct character (code point) per input feature.
     *
     * @param vocabulary the characters in index order
     * @param inputSize the network's input size
     * @return what is wrong, or null if it fits
     */
    static String vocabularyProblem(String vocabulary, int inputSize) {
        int[] cps = vocabulary.codePoints().toArray();
        if (cps.length != inputSize) {
            return "the vocabulary has " + cps.length + " characters but the network reads " + inputSize
                    + " features (one per character)";
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < cps.length; i++) {
            if (!seen.add(cps[i])) {
                return "the vocabulary has character " + Text.quote(new String(Character.toChars(cps[i])))
                        + " twice (again at index " + i + ")";
            }
        }
        return null;
    }
}
