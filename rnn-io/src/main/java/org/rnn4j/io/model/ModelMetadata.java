package org.rnn4j.io.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;
import org.rnn4j.core.Version;

/**
 * The {@code __metadata__} of rnn4j files: its keys, and the entries written from a network
 * ({@link MetadataReader} reads them back into an {@link Architecture} with every entry checked).
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

    private ModelMetadata() {
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
     * The entries that only repeat what {@code layers} says, the way PyTorch's constructors take
     * them ({@link MetadataReader#checkDerived} checks them on reading).
     *
     * @param net the network
     * @return cell, num_layers and, where they apply, hidden_size, nonlinearity, bias and
     *     bidirectional
     */
    static Map<String, String> derived(Network net) {
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
}
