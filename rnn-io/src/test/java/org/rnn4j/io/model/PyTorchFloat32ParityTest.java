package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.OutputBounds;

/**
 * Parity with PyTorch in float32: the {@code torch32_<case>} fixtures hold a PyTorch
 * model cast with {@code .float()} (its state_dict as F32 tensors), PyTorch's float32 outputs on
 * seeded one-hot inputs, and the float64 outputs of the same float32 weights (made by
 * rnn-io/src/test/python/make_golden.py with Debian's PyTorch 1.13). rnn4j loads the file into a
 * float32 network, as the file records, and its outputs must be within the test kit's float32
 * bound of the float64 reference ({@link OutputBounds}: K_y u kappa_k, derived in
 * {@code PrecisionChecks}), the same bound PyTorch's own float32 outputs are held to here. A float32
 * evaluation is not PyTorch's bit for bit (the two sum products in different orders), so the
 * reference, not PyTorch's float32 numbers, is what both answer to; and rnn4j must be no further
 * from it than PyTorch is, give or take the bound.
 *
 * <p>The fixtures sit beside the float64 ones of {@link PyTorchParityTest}.
 */
class PyTorchFloat32ParityTest {

    private static final Registry REGISTRY = Registry.installed();

    @ParameterizedTest
    @ValueSource(strings = {"rnn_tanh_2layers", "rnn_relu_nobias", "lstm_2layers", "gru_2layers_dropout",
        "lstm_bidirectional", "mixed_rnn_lstm_gru"})
    @SuppressWarnings("unchecked")
    void aFloat32PyTorchModelGivesPyTorchsFloat32OutputsWithinTheFloat32Bound(String name) throws Exception {
        Network net = ModelFile.load(PyTorchParityTest.fixture("torch32_" + name + ".safetensors"), REGISTRY).network();
        assertSame(Precision.FLOAT32, net.precision(), "an F32 file with precision=float32 loads as float32");
        net.setTraining(false);
        Map<String, Object> golden = PyTorchParityTest.golden("torch32_" + name + ".json");
        int steps = ((Number) golden.get("steps")).intValue();
        int batch = ((Number) golden.get("batch")).intValue();
        Sequence x = PyTorchParityTest.oneHot((List<List<Number>>) golden.get("inputs"), steps, batch, net.inputSize());
        List<Number> torch = (List<Number>) golden.get("outputs");
        List<Number> reference = (List<Number>) golden.get("reference_outputs");

        double[] y = net.forward(x, null).data().clone();
        Network net64 = net.to(Precision.FLOAT64);
        double[] bound = OutputBounds.of(net64, REGISTRY, x, null);
        double[] y64 = net64.forward(x, null).data();
        assertEquals(reference.size(), y.length);
        double worstRnn4j = 0;
        double worstTorch = 0;
        for (int i = 0; i < y.length; i++) {
            double ref = reference.get(i).doubleValue();
            // the reference was computed by PyTorch in float64 on the same weights; rnn4j's float64
            // network agrees with it to 1e-12 as the float64 parity test requires, except that an
            // Elman layer holds PyTorch's bias_ih + bias_hh as one bias, which a float32 network
            // rounds to float: one rounding more, of a parameter, well inside the bound
            assertTrue(Math.abs(ref - y64[i]) <= bound[i], "float64 reference, output " + i + ": " + y64[i]
                    + " against " + ref);
            double ours = Math.abs(y[i] - ref);
            double theirs = Math.abs(torch.get(i).doubleValue() - ref);
            assertTrue(ours <= bound[i], "output " + i + ": rnn4j float32 is " + ours + " from the reference, bound "
                    + bound[i]);
            assertTrue(theirs <= bound[i], "output " + i + ": PyTorch float32 is " + theirs
                    + " from the reference, bound " + bound[i]);
            worstRnn4j = Math.max(worstRnn4j, ours / bound[i]);
            worstTorch = Math.max(worstTorch, theirs / bound[i]);
        }
        assertTrue(worstRnn4j > 0, "float32 outputs that equal float64's were not computed in float32");
        System.out.printf("%s: float32 error / bound: rnn4j %.3g, PyTorch %.3g%n", name, worstRnn4j, worstTorch);
    }
}
