package org.rnn4j.io.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;
import org.rnn4j.core.NetworkBuilder;
import org.rnn4j.core.Registry;

/**
 * Every exported network runs in ONNX Runtime (its Java API, CPU) and gives rnn4j's outputs and
 * final states on random inputs, random initial states and a padded batch (sequence lengths 6,
 * 3 and 1): to 1e-5 relative (to max(|rnn4j's value|, 1)) in float32, with the inputs
 * rounded to float and the weights cast by the export. ONNX Runtime's CPU kernels of RNN, LSTM
 * and GRU take float only ({@link OnnxRuntimeLimitsTest}), so float64 exports are not run here.
 */
class OnnxRuntimeTest {

    private static final int[] PADDED = {6, 3, 1};
    private static final int[] FULL = {6, 6};
    private static final Registry REGISTRY = Registry.installed();

    private static NetworkBuilder builder(long seed) {
        return Network.builder(REGISTRY).input(4).seed(seed);
    }

    private static void check(Network net, OnnxOptions options, int[] lengths) throws OrtException {
        double tolerance = options.precision() == Precision.FLOAT32 ? 1e-5 : 1e-10;
        for (long seed = 1; seed <= 3; seed++) {
            RuntimeComparison.Result r = RuntimeComparison.compare(net, options, 6, lengths, seed);
            System.out.printf("onnx %s %s lengths %s: worst relative difference %.3g%n", net.architecture().recurrent(),
                    options.precision(), java.util.Arrays.toString(lengths), r.worst());
            assertTrue(r.worst() <= tolerance, net.architecture().recurrent() + " " + options.precision()
                    + ": worst difference " + r.worst() + " at " + r.where());
        }
    }

    @ParameterizedTest
    @CsvSource({"elman,tanh", "elman,relu", "elman,sigmoid", "elman,softsign", "elman,softplus", "elman,elu",
        "elman,leaky_relu", "lstm,tanh", "lstm,softsign", "gru,tanh", "gru,relu"})
    void oneLayerMatchesInFloat32(String kind, String activation) throws OrtException {
        Network net = builder(7).recurrent(kind, 5, Map.of("activation", activation)).output(3).loss("mse").build();
        check(net, OnnxOptions.defaults(), PADDED);
        check(net, OnnxOptions.defaults(), FULL);
    }

    /** A float32 network (rnn4j computing in float) against the runtime computing in float. */
    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm", "gru"})
    void float32NetworkMatchesInFloat32(String kind) throws OrtException {
        Network net = builder(13).precision(Precision.FLOAT32).recurrent(kind, 5).recurrent(kind, 4, Map.of(
                "bidirectional", "true")).output(3).loss("mse").build();
        check(net, OnnxOptions.defaults(), PADDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm", "gru"})
    void bidirectionalMatches(String kind) throws OrtException {
        Network net = builder(11).recurrent(kind, 5, Map.of("bidirectional", "true")).output(3).loss("mse").build();
        check(net, OnnxOptions.defaults(), PADDED);
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 17, 21})
    void mixedThreeLayerStackWithDropoutMatches(int opset) throws OrtException {
        Network net = builder(17)
                .recurrent("elman", 6, Map.of("bidirectional", "true", "activation", "relu"))
                .recurrent("lstm", 5, Map.of("gate_activation", "sigmoid", "cell_activation", "softsign"))
                .recurrent("gru", 4, Map.of("bidirectional", "true"))
                .dropout(0.3)
                .output("dense", 3, Map.of("activation", "tanh"))
                .loss("mse").build();
        check(net, OnnxOptions.defaults().withOpset(opset), PADDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "sigmoid", "relu", "elu", "leaky_relu", "softplus"})
    void denseOutputActivationsMatch(String activation) throws OrtException {
        Network net = builder(19).recurrent("gru", 5)
                .output("dense", 3, Map.of("activation", activation, "bias", "true")).loss("mse").build();
        check(net, OnnxOptions.defaults(), PADDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm", "gru"})
    void softmaxModelsGiveProbabilities(String kind) throws OrtException {
        Network net = builder(29).recurrent(kind, 5).output(4).loss("softmax_cross_entropy").build();
        check(net, OnnxOptions.defaults(), PADDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm", "gru"})
    void anEmbeddingIsAGatherOfSymbolIndices(String kind) throws OrtException {
        Network net = builder(31).embedding(3).recurrent(kind, 5).output(4).loss("sparse_softmax_cross_entropy")
                .build();
        check(net, OnnxOptions.defaults(), PADDED);
    }

    /** An embedding under a sequence head: the way a classifier of symbol sequences is built. */
    @ParameterizedTest
    @CsvSource({"last_step,lstm,false", "last_step,gru,true", "mean_pool,elman,true", "max_pool,gru,false",
        "mean_pool,lstm,false", "max_pool,elman,true"})
    void anEmbeddingUnderASequenceHeadMatches(String head, String kind, String bidirectional) throws OrtException {
        NetworkBuilder b = builder(43).embedding(3).recurrent(kind, 5, Map.of("bidirectional", bidirectional));
        b = head.equals("last_step") ? b.lastStep() : b.pool(head.substring(0, head.indexOf('_')));
        Network net = b.output(3).loss("sparse_softmax_cross_entropy").build();
        check(net, OnnxOptions.defaults(), PADDED);
        check(net, OnnxOptions.defaults(), FULL);
        check(net, new OnnxOptions(18, Precision.FLOAT32, false, false), FULL);
    }

    /**
     * A head with no recurrent layer under it, straight over the embedding (a bag, or the last, of
     * the embedded symbols) or over the input.
     */
    @ParameterizedTest
    @CsvSource({"last_step,true", "mean_pool,true", "max_pool,true", "last_step,false", "mean_pool,false",
        "max_pool,false"})
    void aSequenceHeadWithNoRecurrentLayerMatches(String head, boolean embedding) throws OrtException {
        NetworkBuilder b = embedding ? builder(47).embedding(3) : builder(47);
        Network net = b.head(head).output(3).loss("sparse_softmax_cross_entropy").build();
        check(net, OnnxOptions.defaults(), PADDED);
        check(net, OnnxOptions.defaults(), FULL);
        check(net, new OnnxOptions(18, Precision.FLOAT32, false, true), FULL);
    }

    @ParameterizedTest
    @CsvSource({"lstm,false", "gru,true", "elman,true"})
    void lastStepReadsEachSequencesLastRealStep(String kind, String bidirectional) throws OrtException {
        Network net = builder(37).recurrent("gru", 4).recurrent(kind, 5, Map.of("bidirectional", bidirectional))
                .lastStep().output(2).loss("mse").build();
        check(net, OnnxOptions.defaults(), PADDED);
        check(net, OnnxOptions.defaults(), FULL);
    }

    @ParameterizedTest
    @CsvSource({"mean,14", "max,14", "mean,18", "max,21"})
    void poolsReadEachSequencesRealSteps(String how, int opset) throws OrtException {
        Network net = builder(41).recurrent("lstm", 5, Map.of("bidirectional", "true")).recurrent("elman", 4)
                .pool(how).output(2).loss("mse").build();
        check(net, OnnxOptions.defaults().withOpset(opset), PADDED);
        check(net, new OnnxOptions(opset, Precision.FLOAT32, false, true), FULL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false"})
    void withoutOptionalInputsAndBiases(String bias) throws OrtException {
        Network net = builder(23).recurrent("lstm", 5, Map.of("bias", bias)).recurrent("elman", 3, Map.of("bias", bias))
                .output("dense", 2, Map.of("bias", bias)).loss("mse").build();
        check(net, new OnnxOptions(14, Precision.FLOAT32, false, false), FULL);
    }

    /** Hidden dense layers under a head and at every step: MatMul, Add and the activation per layer. */
    @ParameterizedTest
    @CsvSource({"last_step,relu,tanh", "mean_pool,sigmoid,identity", "max_pool,elu,leaky_relu", "none,softplus,relu"})
    void hiddenDenseLayersMatch(String head, String first, String second) throws OrtException {
        NetworkBuilder b = builder(43).recurrent("lstm", 5, Map.of("bidirectional", "true")).head(
                head.equals("none") ? null : head);
        Network net = b.dense(6, first).dense(4, Map.of("activation", second, "bias", "false")).output(3)
                .loss("sparse_softmax_cross_entropy").build();
        check(net, OnnxOptions.defaults(), PADDED);
        check(net.to(Precision.FLOAT32), OnnxOptions.defaults(), PADDED);
    }
}
