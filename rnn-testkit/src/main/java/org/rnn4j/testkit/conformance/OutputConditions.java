package org.rnn4j.testkit.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;

/**
 * How each output of a float64 network depends on the numbers it is computed from, for the
 * bounds of {@link PrecisionChecks}: for output y_k,
 * <ul>
 *   <li>its componentwise condition kappa_k = |y_k| + sum |p dy_k/dp| over every weight,
 *       input feature and initial-state element p: the first-order change of y_k when every
 *       number it is computed from moves by a relative amount of at most 1, plus y_k itself,
 *       whose own last rounding (an output activation's) is relative to it. For the output
 *       layer's own weights the sum is sum_j |W_kj h_j| + |b_k|, the scale of a dot product's
 *       rounding error; through the layers below it adds the same for every number those
 *       compute from. Unlike |y_k| alone it does not shrink when the terms of y_k cancel;</li>
 *   <li>for each group of gradients (one layer's parameters, the input, one layer's initial
 *       state), the largest |dy_k/dp| over the group: the scale of the backward chain that
 *       carries output k's error signal into that group.</li>
 * </ul>
 * dy_k/dp comes from the network's own backward pass: the same weights in a network whose loss
 * is {@value #READOUT}, sum over rows and outputs of d y, with a one-hot target d at k (one
 * backward pass per output element; the stacks are small). A padded row (no loss, no gradient)
 * gets the largest kappa of the real rows.
 *
 * @param kappa kappa_k per output element
 * @param slopes per group ({@link #group}), the largest |dy_k/dp| of the group per output element
 */
record OutputConditions(double[] kappa, Map<String, double[]> slopes) {

    /** The loss that reads one output out: sum d_i y_i, gradient d. */
    static final String READOUT = "rnn4j_testkit_readout";
    /** The group of the input gradient. */
    static final String INPUT = "input";

    /**
     * @param name a parameter's name in {@link Network#namedParameters()} ({@code "layer0.weight_hh"})
     * @return its group, the layer ({@code "layer0"})
     */
    static String group(String name) {
        return name.substring(0, Math.max(0, name.indexOf('.')));
    }

    /**
     * @param layer a recurrent layer's index
     * @return the group of its initial-state gradient
     */
    static String stateGroup(int layer) {
        return "initial state of layer" + layer;
    }

    /**
     * @param c the case
     * @param registry its plug-ins
     * @param attempt the draw of {@code b}
     * @param net the float64 network
     * @param b the batch {@code net} is fed
     * @param output {@code net}'s output on it
     * @return the conditions
     */
    static OutputConditions of(NetworkCase c, Registry registry, int attempt, Network net, NetworkChecks.Built b,
            Sequence output) {
        NetworkChecks.Built read = NetworkChecks.draw(c.withLoss(READOUT).withReduction(Reduction.SUM),
                Registries.with(registry, new Readout()), attempt, Precision.FLOAT64);
        Network r = read.net();
        copyValues(net, r);
        return measure(r, output, b.x(), b.initial(), c.embedding() == null);
    }

    /**
     * Measures kappa and the slopes with a readout network that holds the float64 network's weights.
     *
     * @param r the readout network ({@value #READOUT} loss, sum reduction)
     * @param output the float64 network's output on {@code x}
     * @param x the batch
     * @param initial initial states, or null
     * @param featureInputs whether x is features (whose input gradient counts), not indices
     * @return the conditions
     */
    static OutputConditions measure(Network r, Sequence output, Sequence x, List<State> initial,
            boolean featureInputs) {
        int m = output.features();
        int n = output.data().length;
        double[] kappa = new double[n];
        Map<String, double[]> slopes = new LinkedHashMap<>();
        double largest = 0;
        for (int k = 0; k < n; k++) {
            if (!output.active(k / m)) {
                continue;
            }
            Sequence target = Sequence.zeros(output.steps(), output.batch(), m);
            target.data()[k] = 1;
            r.gradients(x, target, initial);
            double sum = Math.abs(output.data()[k]);
            for (Map.Entry<String, Parameter> e : r.namedParameters().entrySet()) {
                Parameter p = e.getValue();
                sum += Mismatches.dot(p.value(), p.grad());
                see(slopes, group(e.getKey()), n, k, p.grad());
            }
            if (featureInputs) {
                sum += Mismatches.dot(x.data(), r.inputGradient().data());
                see(slopes, INPUT, n, k, r.inputGradient().data());
            }
            if (initial != null) {
                List<State> g = r.initialStateGradients();
                for (int l = 0; l < g.size(); l++) {
                    for (int p = 0; p < g.get(l).parts().length; p++) {
                        sum += Mismatches.dot(initial.get(l).part(p), g.get(l).part(p));
                        see(slopes, stateGroup(l), n, k, g.get(l).part(p));
                    }
                }
            }
            kappa[k] = sum;
            largest = Math.max(largest, sum);
        }
        for (int k = 0; k < n; k++) {
            if (!output.active(k / m)) {
                kappa[k] = largest;
            }
        }
        return new OutputConditions(kappa, slopes);
    }

    /** Copies every parameter value of {@code from} into the same parameter of {@code to}. */
    static void copyValues(Network from, Network to) {
        for (int i = 0; i < from.parameters().size(); i++) {
            double[] v = from.parameters().get(i).value();
            System.arraycopy(v, 0, to.parameters().get(i).value(), 0, v.length);
        }
    }

    private static void see(Map<String, double[]> slopes, String group, int n, int k, double[] g) {
        double[] s = slopes.computeIfAbsent(group, x -> new double[n]);
        s[k] = Math.max(s[k], Mismatches.largest(g));
    }

    /** sum over the row of d_i y_i: with a one-hot d, one output. */
    static final class Readout implements Loss {
        @Override
        public String name() {
            return READOUT;
        }

        @Override
        public double evaluate(double[] y, int yOff, double[] d, int dOff, double[] grad, int gOff, int n) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += d[dOff + i] * y[yOff + i];
                grad[gOff + i] = d[dOff + i];
            }
            return sum;
        }
    }
}
