package org.rnn4j.testkit.conformance;

import java.util.List;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;

/**
 * {@link PrecisionChecks}' bound on a float32 forward pass, for any network and batch: output
 * y_k of a float32 evaluation is within K_y u kappa_k of the exact value, with K_y the rounding
 * stages of the longest forward chain ({@link PrecisionChecks.Chains#forward()}), u = 2^-24 and
 * kappa_k = |y_k| + sum |p dy_k/dp| over every weight, input feature and initial-state element
 * p, from the float64 network (the derivation is in {@link PrecisionChecks}). It holds for any
 * float32 implementation of the same function, whatever its order of summation: the PyTorch
 * parity test holds rnn4j's and PyTorch's float32 outputs to it.
 */
public final class OutputBounds {

    private OutputBounds() {
    }

    /**
     * The bound per output element.
     *
     * @param net64 the network in float64 (the weights the float32 evaluation uses, exactly)
     * @param registry its plug-ins
     * @param x the batch, whose values are float32 numbers
     * @param initial initial states, or null for zeros
     * @return K_y u kappa_k for each element of {@code net64.forward(x, initial)}
     */
    public static double[] of(Network net64, Registry registry, Sequence x, List<State> initial) {
        if (net64.precision() != Precision.FLOAT64) {
            throw new IllegalArgumentException("the bound is computed on the float64 network, got a "
                    + net64.precision() + " one");
        }
        Sequence output = net64.forward(x, initial).copy();
        Network read = net64.architecture().builder(Registries.with(registry, new OutputConditions.Readout()))
                .loss(OutputConditions.READOUT).reduction(Reduction.SUM).build();
        OutputConditions.copyValues(net64, read);
        read.setTraining(net64.isTraining());
        double k = PrecisionChecks.Chains.of(net64, x.steps(), x.batch()).forward()
                * Precision.FLOAT32.unitRoundoff();
        double[] kappa = OutputConditions.measure(read, output, x, initial, net64.embedding() == null).kappa();
        int m = output.features();
        double[] bound = new double[kappa.length];
        for (int e = 0; e < bound.length; e++) {
            // a padded row has no output of its own to hold to a bound
            bound[e] = output.active(e / m) ? k * kappa[e] : 0;
        }
        return bound;
    }
}
