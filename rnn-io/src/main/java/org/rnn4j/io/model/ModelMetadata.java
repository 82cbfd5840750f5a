package org.rnn4j.io.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Version;

/**
 * The {@code __metadata__} of rnn4j files: written from a network, and read back into an
 * {@link Architecture} with every entry checked.
 *
 * <p>{@code layers}, {@code output}, {@code input_size}, {@code loss}, {@code reduction},
 * {@code dropout} and {@code seed} (optional: 0 and 42 when absent), {@code loss_options} (a JSON
 * object of strings, written only when the loss has settings), {@code precision} ({@code float32}
 * or {@code float64}, the network's; float64 when absent, as in files written before it existed)
 * and {@code head} (the sequence
 * head's kind, written only when there is one), {@code dense} (the hidden dense layers before
 * the output layer, a JSON list of layers like {@code layers}, written only when there are some;
 * none when absent, as in files written before they existed) and {@code embedding} (the index-reading first
 * layer as kind, size and options, written only when there is one) rebuild the network; {@code cell},
 * {@code num_layers}, {@code hidden_size}, {@code nonlinearity}, {@code bias} and
 * {@code bidirectional} repeat them the way PyTorch's constructors take them, for people and
 * scripts, and must agree with them.
 */
final class ModelMetadata {

    /** {@code format} of a model file. */
    static final String MODEL = "rnn4j-model";
    /** {@code format} of a checkpoint file. */
    static final String CHECKPOINT = "rnn4j-checkpoint";
    /** The version of the layout written and read. */
    static final String FORMAT_VERSION = "1";

    static final String FORMAT = "format";
    static final String VERSION = "format_version";
    static final String RNN4J = "rnn4j_version";
    static final String CELL = "cell";
    static final String NUM_LAYERS = "num_layers";
    static final String HIDDEN = "hidden_size";
    static final String NONLINEARITY = "nonlinearity";
    static final String BIAS = "bias";
    static final String INPUT = "input_size";
    static final String VOCABULARY = "vocabulary";
    static final String LAYERS = "layers";
    static final String OUTPUT = "output";
    static final String LOSS = "loss";
    static final String LOSS_OPTIONS = "loss_options";
    static final String HEAD = "head";
    static final String DENSE = "dense";
    /** What a model of numeric data knows of its data (task, features, standardisation, classes). */
    static final String DATA = "data";
    static final String EMBEDDING = "embedding";
    static final String REDUCTION = "reduction";
    static final String DROPOUT = "dropout";
    static final String SEED = "seed";
    static final String BIDIRECTIONAL = "bidirectional";
    static final String EOS = "eos";
    static final String EOS_COUNT = "eos_count";
    /** The network's precision, {@code float32} or {@code float64}; a file without it is float64. */
    static final String PRECISION = "precision";

    private static final Set<String> LAYER_KEYS = Set.of("kind", "size", "options");
    /** The keys that only repeat what {@code layers} says; checked against it on reading. */
    private static final List<String> DERIVED = List.of(CELL, NUM_LAYERS, HIDDEN, NONLINEARITY, BIAS, BIDIRECTIONAL);

    private ModelMetadata() {
    }

    /**
     * What the metadata says.
     *
     * @param format {@link #MODEL} or {@link #CHECKPOINT}
     * @param architecture the network to build
     * @param vocabulary the characters in index order, or null
     * @param end where a generated string ends, or null
     * @param precision the network's precision ({@code precision}; float64 when absent)
     */
    record Parsed(String format, Architecture architecture, String vocabulary, SequenceEnd end, Precision precision) {
    }

    /**
     * The metadata of a network.
     *
     * @param format {@link #MODEL} or {@link #CHECKPOINT}
     * @param net the network
     * @param vocabulary the characters in index order, or null
     * @return the entries, in a fixed order
     */
    static Map<String, String> of(String format, Network net, String vocabulary) {
        return of(format, net, vocabulary, null);
    }

    /**
     * The metadata of a network, with {@code eos} and {@code eos_count} for a model of strings.
     *
     * @param format {@link #MODEL} or {@link #CHECKPOINT}
     * @param net the network
     * @param vocabulary the characters in index order, or null
     * @param end where a generated string ends, or null
     * @return the entries, in a fixed order
     */
    static Map<String, String> of(String format, Network net, String vocabulary, SequenceEnd end) {
        Architecture a = net.architecture();
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT, format);
        m.put(VERSION, FORMAT_VERSION);
        m.put(RNN4J, Version.current());
        m.putAll(derived(net));
        m.put(INPUT, Integer.toString(a.inputSize()));
        if (vocabulary != null) {
            m.put(VOCABULARY, vocabulary);
        }
        if (end != null) {
            m.put(EOS, end.symbol());
            m.put(EOS_COUNT, Integer.toString(end.count()));
        }
        if (a.embedding() != null) {
            m.put(EMBEDDING, Json.write(layer(a.embedding())));
        }
        List<Object> layers = new ArrayList<>();
        a.recurrent().forEach(c -> layers.add(layer(c)));
        m.put(LAYERS, Json.write(layers));
        if (a.head() != null) {
            m.put(HEAD, a.head());
        }
        if (!a.dense().isEmpty()) {
            List<Object> dense = new ArrayList<>();
            a.dense().forEach(c -> dense.add(layer(c)));
            m.put(DENSE, Json.write(dense));
        }
        m.put(OUTPUT, Json.write(layer(a.output())));
        m.put(LOSS, a.loss());
        if (!a.lossOptions().isEmpty()) {
            m.put(LOSS_OPTIONS, Json.write(a.lossOptions()));
        }
        m.put(REDUCTION, a.reduction().name().toLowerCase(Locale.ROOT));
        m.put(DROPOUT, Double.toString(a.dropout()));
        m.put(SEED, Long.toString(a.seed()));
        m.put(PRECISION, net.precision().label());
        return m;
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
        String format = m.get(FORMAT);
        if (format == null) {
            throw new InvalidModelFileException(where, "is a safetensors file without rnn4j metadata (__metadata__ has"
                    + " no 'format'); rnn4j needs its cell, layers and sizes to rebuild the network");
        }
        if (!format.equals(MODEL) && !format.equals(CHECKPOINT)) {
            throw new InvalidModelFileException(where, "metadata 'format' is " + Text.quote(format) + "; rnn4j reads "
                    + MODEL + " and " + CHECKPOINT);
        }
        String version = require(m, VERSION, where);
        if (!version.equals(FORMAT_VERSION)) {
            throw new InvalidModelFileException(where, "metadata 'format_version' is " + Text.quote(version)
                    + "; this rnn4j reads version " + FORMAT_VERSION + " (a newer rnn4j may read it)");
        }
        int input = positive(require(m, INPUT, where), INPUT, where);
        List<LayerConfig> layers = new ArrayList<>();
        Object list = Json.parse(require(m, LAYERS, where), "metadata 'layers'", where);
        if (!(list instanceof List<?> l)) {
            throw new InvalidModelFileException(where, "metadata 'layers' must be a JSON list of layers");
        }
        for (int i = 0; i < l.size(); i++) {
            layers.add(layer(l.get(i), "metadata 'layers' entry " + i, where));
        }
        List<LayerConfig> dense = new ArrayList<>();
        if (m.containsKey(DENSE)) {
            if (!(Json.parse(m.get(DENSE), "metadata 'dense'", where) instanceof List<?> d)) {
                throw new InvalidModelFileException(where, "metadata 'dense' must be a JSON list of layers");
            }
            for (int i = 0; i < d.size(); i++) {
                dense.add(layer(d.get(i), "metadata 'dense' entry " + i, where));
            }
        }
        LayerConfig output = layer(Json.parse(require(m, OUTPUT, where), "metadata 'output'", where),
                "metadata 'output'", where);
        String reduction = require(m, REDUCTION, where);
        Reduction r = switch (reduction) {
            case "mean" -> Reduction.MEAN;
            case "sum" -> Reduction.SUM;
            default -> throw new InvalidModelFileException(where, "metadata 'reduction' is " + Text.quote(reduction)
                    + "; it must be mean or sum");
        };
        String vocabulary = m.get(VOCABULARY);
        String problem = vocabulary == null ? null : vocabularyProblem(vocabulary, input);
        if (problem != null) {
            throw new InvalidModelFileException(where, problem);
        }
        SequenceEnd end = end(m, vocabulary, where);
        double dropout = dropout(m.getOrDefault(DROPOUT, "0"), where);
        long seed = seed(m.getOrDefault(SEED, "42"), where);
        Map<String, String> lossOptions = m.containsKey(LOSS_OPTIONS)
                ? strings(Json.parse(m.get(LOSS_OPTIONS), "metadata 'loss_options'", where), "metadata 'loss_options'",
                        where)
                : Map.of();
        String head = m.get(HEAD);
        if (head != null && head.isEmpty()) {
            throw new InvalidModelFileException(where, "metadata 'head' is empty; it names a sequence head"
                    + " (last_step, mean_pool, max_pool) or is absent");
        }
        LayerConfig embedding = m.containsKey(EMBEDDING)
                ? layer(Json.parse(m.get(EMBEDDING), "metadata 'embedding'", where), "metadata 'embedding'", where)
                : null;
        return new Parsed(format, new Architecture(input, embedding, layers, head, dense, output, require(m, LOSS, where),
                lossOptions, r, dropout, seed), vocabulary, end, precision(m.get(PRECISION), where));
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
        String symbol = m.get(EOS);
        if (symbol == null) {
            if (m.containsKey(EOS_COUNT)) {
                throw new InvalidModelFileException(where, "metadata has 'eos_count' but no 'eos'");
            }
            return null;
        }
        SequenceEnd end;
        try {
            end = new SequenceEnd(symbol, positive(m.getOrDefault(EOS_COUNT, "1"), EOS_COUNT, where));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(where, "metadata 'eos' is " + Text.quote(symbol)
                    + "; it must be one character of the vocabulary", e);
        }
        String problem = endProblem(end, vocabulary);
        if (problem != null) {
            throw new InvalidModelFileException(where, problem);
        }
        return end;
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
     * Checks that the entries repeating the architecture agree with the network built from it.
     *
     * @param m the file's metadata
     * @param net the network built from it
     * @param where the file
     * @throws InvalidModelFileException naming the first entry that disagrees
     */
    static void checkDerived(Map<String, String> m, Network net, String where) {
        Map<String, String> expected = derived(net);
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

    /** cell, num_layers and, where they apply, hidden_size, nonlinearity and bias. */
    private static Map<String, String> derived(Network net) {
        Architecture a = net.architecture();
        List<LayerConfig> r = a.recurrent();
        Map<String, String> m = new LinkedHashMap<>();
        boolean uniform = TensorNames.uniform(a);
        m.put(CELL, r.isEmpty() ? "none" : uniform ? r.get(0).kind() : "mixed");
        m.put(NUM_LAYERS, Integer.toString(r.size()));
        if (!r.isEmpty() && r.stream().allMatch(c -> c.size() == r.get(0).size())) {
            m.put(HIDDEN, Integer.toString(r.get(0).size()));
        }
        if (!r.isEmpty() && uniform && r.get(0).kind().equals("elman")) {
            String activation = setting(net, r.get(0), "activation");
            if (activation != null) {
                m.put(NONLINEARITY, activation);
            }
        }
        if (!r.isEmpty() && uniform) {
            List<String> names = net.recurrentLayers().get(0).parameters().stream().map(Parameter::name).toList();
            m.put(BIAS, Boolean.toString(names.stream().anyMatch(n -> n.startsWith("bias"))));
            m.put(BIDIRECTIONAL, Boolean.toString(names.stream().anyMatch(n -> n.endsWith("_reverse"))));
        }
        return m;
    }

    /**
     * A layer's setting as given, else the default its kind declares
     * ({@link org.rnn4j.api.LayerProvider#defaultOptions()}), else null.
     */
    private static String setting(Network net, LayerConfig c, String option) {
        String given = c.options().get(option);
        return given != null ? given : net.registry().layer(c.kind()).defaultOptions().get(option);
    }

    private static Map<String, Object> layer(LayerConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.kind());
        m.put("size", c.size());
        m.put("options", c.options());
        return m;
    }

    private static LayerConfig layer(Object value, String what, String where) {
        if (!(value instanceof Map<?, ?> m) || !m.keySet().equals(LAYER_KEYS)) {
            throw new InvalidModelFileException(where, what + " must be an object with exactly kind, size and options");
        }
        if (!(m.get("kind") instanceof String kind) || kind.isEmpty()) {
            throw new InvalidModelFileException(where, what + " 'kind' must be a layer kind's name");
        }
        if (!(m.get("size") instanceof Integer size) || size < 1) {
            throw new InvalidModelFileException(where, what + " 'size' must be a whole number in [1, "
                    + Integer.MAX_VALUE + "]");
        }
        if (!(m.get("options") instanceof Map<?, ?> options)) {
            throw new InvalidModelFileException(where, what + " 'options' must be an object of strings");
        }
        Map<String, String> o = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : options.entrySet()) {
            if (!(e.getValue() instanceof String v)) {
                throw new InvalidModelFileException(where, what + " option " + Text.quote((String) e.getKey())
                        + " must be a string");
            }
            o.put((String) e.getKey(), v);
        }
        return new LayerConfig(kind, size, o);
    }

    /**
     * The metadata of a saved model: {@link #of(String, Network, String, SequenceEnd)} and, when it
     * has any, its data description as a JSON object of strings under {@code data}.
     *
     * @param format {@link #MODEL} or {@link #CHECKPOINT}
     * @param model the model
     * @return the entries, in a fixed order
     */
    static Map<String, String> of(String format, SavedModel model) {
        Map<String, String> m = of(format, model.network(), model.vocabulary(), model.end());
        if (!model.data().isEmpty()) {
            m.put(DATA, Json.write(new TreeMap<>(model.data())));
        }
        return m;
    }

    /**
     * @param m a file's metadata
     * @param where the file, for messages
     * @return its data description ({@code data}), empty when it has none
     * @throws InvalidModelFileException if {@code data} is not a JSON object of strings
     */
    static Map<String, String> data(Map<String, String> m, String where) {
        return m.containsKey(DATA) ? strings(Json.parse(m.get(DATA), "metadata 'data'", where), "metadata 'data'",
                where) : Map.of();
    }

    /** The loss's settings: a JSON object of strings. */
    private static Map<String, String> strings(Object value, String what, String where) {
        if (!(value instanceof Map<?, ?> options)) {
            throw new InvalidModelFileException(where, what + " must be an object of strings");
        }
        Map<String, String> o = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : options.entrySet()) {
            if (!(e.getValue() instanceof String v)) {
                throw new InvalidModelFileException(where, what + " setting " + Text.quote((String) e.getKey())
                        + " must be a string");
            }
            o.put((String) e.getKey(), v);
        }
        return o;
    }

    private static String require(Map<String, String> m, String key, String where) {
        String v = m.get(key);
        if (v == null) {
            throw new InvalidModelFileException(where, "metadata has no '" + key + "'");
        }
        return v;
    }

    private static long seed(String s, String where) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InvalidModelFileException(where, "metadata 'seed' is " + Text.quote(s)
                    + "; it must be a whole number in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]", e);
        }
    }

    private static double dropout(String s, String where) {
        try {
            double p = Double.parseDouble(s);
            if (p >= 0 && p < 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidModelFileException(where, "metadata 'dropout' is " + Text.quote(s)
                + "; it must be a number in [0, 1)");
    }

    private static int positive(String s, String key, String where) {
        try {
            int v = Integer.parseInt(s);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidModelFileException(where, "metadata '" + key + "' is " + Text.quote(s)
                + "; it must be a whole number in [1, " + Integer.MAX_VALUE + "]");
    }
}
