package org.rnn4j.examples.tutorial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/**
 * Every number of the tutorial, computed by rnn4j: the forward pass on "he", the true
 * gradients by BPTT with their finite-difference confirmation, the tutorial's own (partly
 * wrong) deltas, and the loss over a few SGD steps with learning rate 1.
 */
public final class TutorialReport {

    /** The word the tutorial reads: the first two letters of "hello". */
    public static final String WORD = "he";

    private static final double STEP = 1e-6;

    /** Hidden states h_t, [step][neuron]. */
    public final double[][] states;
    /** Outputs y_t, [step][letter]. */
    public final double[][] outputs;
    /** softmax(y_t), [step][letter]; the tutorial prints the one of step 1 (the letter 'e'). */
    public final double[][] softmax;
    /** L = sum_t 1/2 ||d_t - y_t||^2 before any update. */
    public final double loss;
    /** dL/d(input weights), 3 x 4. */
    public final double[][] inputWeightGrad;
    /** dL/d(bias), 3. */
    public final double[] biasGrad;
    /** dL/d(recurrent weights), 3 x 3. */
    public final double[][] recurrentGrad;
    /** dL/d(output weights), 4 x 3. */
    public final double[][] outputWeightGrad;
    /** The same four gradients by central finite differences, by parameter name. */
    public final Map<String, double[]> finiteDifferences;
    /** dL/dw for the tutorial's single recurrent scalar w (W_hh = w I): the trace of dL/dW_hh. */
    public final double scalarRecurrentGrad;
    /** The tutorial's own deltas (negative gradients, its step 4 as written). */
    public final TutorialDeltas tutorial;
    /** The loss before each of {@code losses.size()} SGD steps, learning rate 1. */
    public final List<Double> losses;

    /**
     * Computes the report.
     *
     * @param registry the plug-ins (elman, dense, sigmoid, identity, half_sse, sgd)
     * @param sgdSteps how many SGD steps to take after the first gradient
     */
    public TutorialReport(Registry registry, int sgdSteps) {
        Network net = TutorialNetwork.create(registry);
        Sequence x = TutorialNetwork.oneHot(WORD);
        loss = net.gradients(x, x, null);
        states = rows(net.recurrentLayers().get(0).forward(x, null));
        outputs = rows(net.forward(x, null));
        softmax = new double[outputs.length][];
        for (int t = 0; t < outputs.length; t++) {
            softmax[t] = softmax(outputs[t]);
        }
        Map<String, Parameter> p = net.namedParameters();
        inputWeightGrad = matrix(p.get("layer0.weight_ih").grad(), 3, 4);
        biasGrad = p.get("layer0.bias").grad().clone();
        recurrentGrad = matrix(p.get("layer0.weight_hh").grad(), 3, 3);
        outputWeightGrad = matrix(p.get("output.weight").grad(), 4, 3);
        scalarRecurrentGrad = recurrentGrad[0][0] + recurrentGrad[1][1] + recurrentGrad[2][2];
        finiteDifferences = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : p.entrySet()) {
            double[] v = e.getValue().value();
            double[] fd = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double keep = v[i];
                v[i] = keep + STEP;
                double plus = net.loss(x, x, null);
                v[i] = keep - STEP;
                double minus = net.loss(x, x, null);
                v[i] = keep;
                fd[i] = (plus - minus) / (2 * STEP);
            }
            finiteDifferences.put(e.getKey(), fd);
        }
        tutorial = new TutorialDeltas(rows(x), states, outputs);
        Optimizer sgd = registry.optimizer("sgd").create(new Options("optimizer 'sgd'", Map.of("lr", "1")));
        losses = new ArrayList<>();
        for (int s = 0; s <= sgdSteps; s++) {
            losses.add(net.gradients(x, x, null));
            if (s < sgdSteps) {
                sgd.step(net.parameters());
            }
        }
    }

    /**
     * The softmax of a vector, max-subtracted for stability.
     *
     * @param y scores
     * @return probabilities
     */
    public static double[] softmax(double[] y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            p[i] = Math.exp(y[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < y.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[][] rows(Sequence s) {
        double[][] r = new double[s.steps()][s.features()];
        for (int t = 0; t < s.steps(); t++) {
            for (int f = 0; f < s.features(); f++) {
                r[t][f] = s.get(t, 0, f);
            }
        }
        return r;
    }

    static double[][] matrix(double[] flat, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, m[i], 0, cols);
        }
        return m;
    }
}
