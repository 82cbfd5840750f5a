package org.rnn4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * Holds every gradient a network computes (each parameter element, each input element, each
 * element of each block of each initial state) against central finite differences of its
 * loss, with the dropout masks held fixed.
 */
final class GradientCheck {

    /** The relative bound of {@link FiniteDifferences#agree}: DL4J's, tight for smooth functions in double. */
    static final double RELATIVE = 1e-6;

    private GradientCheck() {
    }

    /**
     * @return null when every analytic gradient agrees with its finite difference, else a
     *     description of the first that does not
     */
    static String firstDisagreement(Network net, Sequence x, Sequence target, List<State> initial) {
        net.holdDropoutMasks(true);
        try {
            net.gradients(x, target, initial);
            DoubleSupplier loss = () -> net.loss(x, target, initial);
            for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
                String bad = compare(e.getKey(), e.getValue().grad().clone(), e.getValue().value(), loss, -1);
                if (bad != null) {
                    return bad;
                }
            }
            String bad = compare("input", net.inputGradient().data().clone(), x.data(), loss,
                    x.batch() * x.features());
            if (bad != null || initial == null) {
                return bad;
            }
            List<State> g = net.initialStateGradients();
            List<double[]> analytic = new ArrayList<>();
            g.forEach(s -> {
                for (double[] part : s.parts()) {
                    analytic.add(part.clone());
                }
            });
            int i = 0;
            for (int l = 0; l < initial.size(); l++) {
                double[][] parts = initial.get(l).parts();
                for (int k = 0; k < parts.length; k++) {
                    bad = compare("initial state of layer " + l + ", block " + k, analytic.get(i++), parts[k], loss, -1);
                    if (bad != null) {
                        return bad;
                    }
                }
            }
            return null;
        } finally {
            net.holdDropoutMasks(false);
        }
    }

    /** @param stepSize values per time step, to name the step of a disagreement; -1 if none */
    private static String compare(String what, double[] analytic, double[] values, DoubleSupplier loss, int stepSize) {
        if (analytic.length != values.length) {
            return what + ": gradient has " + analytic.length + " elements, the values " + values.length;
        }
        for (int i = 0; i < values.length; i++) {
            double numeric = FiniteDifferences.derivative(values, i, loss);
            if (!FiniteDifferences.agree(analytic[i], numeric, RELATIVE)) {
                return what + "[" + i + "]" + (stepSize > 0 ? " (step " + i / stepSize + ")" : "")
                        + ": analytic " + analytic[i] + ", finite difference " + numeric;
            }
        }
        return null;
    }
}
