package org.rnn4j.io.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;

/**
 * Reads the {@code __metadata__} of an rnn4j file ({@link ModelMetadata}) back into an
 * {@link Architecture}, checking every entry it uses ({@link MetadataValues} checks each value),
 * and checks the entries that repeat the architecture against the network built from it.
 */
final class MetadataReader {

    /** The keys that only repeat what {@code layers} says; checked against it on reading. */
    private static final List<String> DERIVED = List.of(ModelMetadata.CELL, ModelMetadata.NUM_LAYERS,
            ModelMetadata.HIDDEN, ModelMetadata.NONLINEARITY, ModelMetadata.BIAS, ModelMetadata.BIDIRECTIONAL);

    private MetadataReader() {
    }

    /**
     * What the metadata says.
     *
     * @param format {@link ModelMetadata#MODEL} or {@link ModelMetadata#CHECKPOINT}
     * @param architecture the network to build
     * @param vocabulary the characters in index order, or null
     * @param end where a generated string ends, or null
     * @param precision the network's precision ({@code precision}; float64 when absent)
     */
    record Parsed(String format, Architecture architecture, String vocabulary, SequenceEnd end, Precision precision) {
    }

    /**
     * Reads the architecture from the metadata, checking every entry it uses.
     *
     * @param m the metadata
     * @param where the file, for messages
     * @return what it says
     * @throws InvalidModelFileException on a missing, malformed or out-of-range entry
     */
    static Parsed parse(Map<String, String> m, String where) {
        String format = m.get(ModelMetadata.FORMAT);
        if (format == null) {
            throw new InvalidModelFileException(where, "is a safetensors file without rnn4j metadata (__metadata__ has"
                    + " no 'format'); rnn4j needs its cell, layers and sizes to rebuild the network");
        }
        if (!format.equals(ModelMetadata.MODEL) && !format.equals(ModelMetadata.CHECKPOINT)) {
            throw new InvalidModelFileException(where, "metadata 'format' is " + Text.quote(format) + "; rnn4j reads "
                    + ModelMetadata.MODEL + " and " + ModelMetadata.CHECKPOINT);
        }
        String version = MetadataValues.require(m, ModelMetadata.VERSION, where);
        if (!version.equals(ModelMetadata.FORMAT_VERSION)) {
            throw new InvalidModelFileException(where, "metadata 'format_version' is " + Text.quote(version)
                    + "; this rnn4j reads version " + ModelMetadata.FORMAT_VERSION + " (a newer rnn4j may read it)");
        }
        int input = MetadataValues.positive(MetadataValues.require(m, ModelMetadata.INPUT, where), ModelMetadata.INPUT,
                where);
        List<LayerConfig> layers = new ArrayList<>();
        Object list = Json.parse(MetadataValues.require(m, ModelMetadata.LAYERS, where), "metadata 'layers'", where);
        if (!(list instanceof List<?> l)) {
            throw new InvalidModelFileException(where, "metadata 'layers' must be a JSON list of layers");
        }
        for (int i = 0; i < l.size(); i++) {
            layers.add(MetadataValues.layer(l.get(i), "metadata 'layers' entry " + i, where));
        }
        List<LayerConfig> dense = new ArrayList<>();
        if (m.containsKey(ModelMetadata.DENSE)) {
            if (!(Json.parse(m.get(ModelMetadata.DENSE), "metadata 'dense'", where) instanceof List<?> d)) {
                throw new InvalidModelFileException(where, "metadata 'dense' must be a JSON list of layers");
            }
            for (int i = 0; i < d.size(); i++) {
                dense.add(MetadataValues.layer(d.get(i), "metadata 'dense' entry " + i, where));
            }
        }
        LayerConfig output = MetadataValues.layer(Json.parse(MetadataValues.require(m, ModelMetadata.OUTPUT, where),
                "metadata 'output'", where), "metadata 'output'", where);
        String reduction = MetadataValues.require(m, ModelMetadata.REDUCTION, where);
        Reduction r = switch (reduction) {
            case "mean" -> Reduction.MEAN;
            case "sum" -> Reduction.SUM;
            default -> throw new InvalidModelFileException(where, "metadata 'reduction' is " + Text.quote(reduction)
                    + "; it must be mean or sum");
        };
        String vocabulary = m.get(ModelMetadata.VOCABULARY);
        String problem = vocabulary == null ? null : VocabularyChecks.vocabularyProblem(vocabulary, input);
        if (problem != null) {
            throw new InvalidModelFileException(where, problem);
        }
        SequenceEnd end = end(m, vocabulary, where);
        double dropout = MetadataValues.dropout(m.getOrDefault(ModelMetadata.DROPOUT, "0"), where);
        long seed = MetadataValues.seed(m.getOrDefault(ModelMetadata.SEED, "42"), where);
        Map<String, String> lossOptions = m.containsKey(ModelMetadata.LOSS_OPTIONS)
                ? MetadataValues.strings(Json.parse(m.get(ModelMetadata.LOSS_OPTIONS), "metadata 'loss_options'",
                        where), "metadata 'loss_options'", where)
                : Map.of();
        String head = m.get(ModelMetadata.HEAD);
        if (head != null && head.isEmpty()) {
            throw new InvalidModelFileException(where, "metadata 'head' is empty; it names a sequence head"
                    + " (last_step, mean_pool, max_pool) or is absent");
        }
        LayerConfig embedding = m.containsKey(ModelMetadata.EMBEDDING)
                ? MetadataValues.layer(Json.parse(m.get(ModelMetadata.EMBEDDING), "metadata 'embedding'", where),
                        "metadata 'embedding'", where)
                : null;
        return new Parsed(format, new Architecture(input, embedding, layers, head, dense, output,
                MetadataValues.require(m, ModelMetadata.LOSS, where), lossOptions, r, dropout, seed), vocabulary, end,
                precision(m.get(ModelMetadata.PRECISION), where));
    }

    /** {@code precision}: float32 or float64, exactly as written; float64 when absent (older files). */
    private static Precision precision(String s, String where) {
        if (s == null) {
            return Precision.FLOAT64;
        }
        for (Precision p : Precision.values()) {
            if (p.label().equals(s)) {
                return p;
            }
        }
        throw new InvalidModelFileException(where, "metadata 'precision' is " + Text.quote(s)
                + "; it must be float32 or float64");
    }

    /** {@code eos} and {@code eos_count} (1 when absent), or null without {@code eos}. */
    private static SequenceEnd end(Map<String, String> m, String vocabulary, String where) {
        String symbol = m.get(ModelMetadata.EOS);
        if (symbol == null) {
            if (m.containsKey(ModelMetadata.EOS_COUNT)) {
                throw new InvalidModelFileException(where, "metadata has 'eos_count' but no 'eos'");
            }
            return null;
        }
        SequenceEnd end;
        try {
            end = new SequenceEnd(symbol, MetadataValues.positive(m.getOrDefault(ModelMetadata.EOS_COUNT, "1"),
                    ModelMetadata.EOS_COUNT, where));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(where, "metadata 'eos' is " + Text.quote(symbol)
                    + "; it must be one character of the vocabulary", e);
        }
        String problem = VocabularyChecks.endProblem(end, vocabulary);
        if (problem != null) {
            throw new InvalidModelFileException(where, problem);
        }
        return end;
    }

    /**
     * Checks that the entries repeating the architecture agree with the network built from it.
     *
     * @param m the file's metadata
     * @param net the network built from it
     * @param where the file
     * @throws InvalidModelFileException naming the first entry that disagrees
     */
    static void checkDerived(Map<String, String> m, Network net, String where) {
        Map<String, String> expected = ModelMetadata.derived(net);
        for (String key : DERIVED) {
            String want = expected.get(key);
            String got = m.get(key);
            if (want == null ? got != null : !want.equals(got)) {
                throw new InvalidModelFileException(where, "metadata '" + key + "' is "
                        + (got == null ? "missing" : Text.quote(got)) + " but the layers it describes give "
                        + (want == null ? "none" : Text.quote(want)));
            }
        }
    }

    /**
     * @param m a file's metadata
     * @param where the file, for messages
     * @return its data description ({@code data}), empty when it has none
     * @throws InvalidModelFileException if {@code data} is not a JSON object of strings
     */
    static Map<String, String> data(Map<String, String> m, String where) {
        return m.containsKey(ModelMetadata.DATA) ? MetadataValues.strings(Json.parse(m.get(ModelMetadata.DATA),
                "metadata 'data'", where), "metadata 'data'", where) : Map.of();
    }
}
