package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.testkit.conformance.OptimizerChecks.Case;

/**
 * The parameters of an {@link OptimizerChecks.Case} on the convex quadratic of
 * {@link OptimizerChecks}, with its gradient and random gradients.
 */
final class OptimizerProblem {
    final List<Parameter> parameters = new ArrayList<>();
    final double[] target;
    final double[] curvature;
    final SplittableRandom random;

    OptimizerProblem(Case c) {
        this(c, Precision.FLOAT64);
    }

    OptimizerProblem(Case c, Precision precision) {
        random = new SplittableRandom(c.valueSeed());
        int n = c.sizes().stream().mapToInt(Integer::intValue).sum();
        target = Values.uniform(random, n, 1);
        curvature = new double[n];
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            curvature[i] = random.nextDouble(0.5, 2);
            double away = random.nextDouble(0.5, 1.5);
            start[i] = target[i] + (random.nextBoolean() ? away : -away);
        }
        for (int k = 0; k < c.sizes().size(); k++) {
            parameters.add(new Parameter(precision, "p" + k, c.sizes().get(k)));
        }
        setValues(start);
    }

    double loss() {
        double[] v = values();
        double l = 0;
        for (int i = 0; i < v.length; i++) {
            double e = v[i] - target[i];
            l += 0.5 * curvature[i] * e * e;
        }
        return l;
    }

    void writeGradient() {
        double[] v = values();
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            g[i] = curvature[i] * (v[i] - target[i]);
        }
        setGradients(g);
    }

    double[] writeRandomGradient() {
        return writeRandomGradient(random);
    }

    double[] writeRandomGradient(SplittableRandom r) {
        double[] g = Values.uniform(r, target.length, 1);
        setGradients(g);
        return g;
    }

    /** Steps {@code o} {@value OptimizerChecks#STEPS} times with random gradients, recording the values. */
    double[][] trajectory(Optimizer o, SplittableRandom r) {
        double[][] out = new double[OptimizerChecks.STEPS][];
        for (int t = 0; t < OptimizerChecks.STEPS; t++) {
            writeRandomGradient(r);
            o.step(parameters);
            out[t] = values();
        }
        return out;
    }

    double[] values() {
        return parameters.stream().flatMapToDouble(p -> Arrays.stream(p.value())).toArray();
    }

    double[] gradients() {
        return parameters.stream().flatMapToDouble(p -> Arrays.stream(p.grad())).toArray();
    }

    void setValues(double[] v) {
        int at = 0;
        for (Parameter p : parameters) {
            p.set(Arrays.copyOfRange(v, at, at + p.size()));
            at += p.size();
        }
    }

    void setGradients(double[] g) {
        int at = 0;
        for (Parameter p : parameters) {
            System.arraycopy(g, at, p.grad(), 0, p.size());
            at += p.size();
        }
    }
}
