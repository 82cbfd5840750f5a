package org.rnn4j.io.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/**
 * What the README says of float64 exports, as ONNX Runtime (the pinned version, CPU) behaves:
 * it has no double kernel for RNN (the session is refused, ORT_NOT_IMPLEMENTED) and its LSTM
 * and GRU kernels refuse double when run ("does not support double yet"). When an upgrade adds one, this test fails: then compare float64 outputs to
 * 1e-10 in {@link OnnxRuntimeTest} instead and update the README.
 */
class OnnxRuntimeLimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm", "gru"})
    void float64LoadsButHasNoRecurrentKernel(String kind) {
        Network net = Network.builder(Registry.installed()).input(3).seed(5).recurrent(kind, 4).output(2).loss("mse")
                .build();
        OnnxOptions options = OnnxOptions.defaults().withPrecision(Precision.FLOAT64);
        OrtException e = assertThrows(OrtException.class,
                () -> RuntimeComparison.compare(net, options, 4, new int[] {4, 2}, 1));
        System.out.println("ONNX Runtime on a float64 " + kind + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("not support double") || e.getMessage().contains("NOT_IMPLEMENTED"),
                e.getMessage());
    }
}
