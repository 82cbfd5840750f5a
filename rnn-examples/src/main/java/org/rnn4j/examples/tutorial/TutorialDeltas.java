package org.rnn4j.examples.tutorial;

/**
 * The tutorial's own backward pass, reproduced to show where its printed dU and dW come from.
 *
 * <p>It walks the steps in reverse and, like rnn4j, works with "deltas" (d - y), the negative
 * gradient. Its dV = sum_t (d_t - y_t) h_t^T is exactly -dL/dV. But its step 4 multiplies the
 * back-propagated error of neuron i by the <b>sum over all neurons</b> of h_j (1 - h_j),
 * where the chain rule asks for neuron i's own h_i (1 - h_i):
 *
 * <pre>
 *   tutorial: delta_i = (V^T (d - y) + carry)_i * sum_j h_j (1 - h_j)
 *   correct:  delta_i = (V^T (d - y) + carry)_i * h_i (1 - h_i)
 * </pre>
 *
 * so every dU and dW entry it prints is off by a neuron-dependent factor.
 */
public final class TutorialDeltas {

    /** The tutorial's dV, 4 x 3: equals -dL/dV. */
    public final double[][] dV = new double[4][3];
    /** The tutorial's dU, 3 x 5 (column 5: the bias), as its step 4 computes it. */
    public final double[][] dU = new double[3][5];
    /** The tutorial's dW for its single recurrent scalar. */
    public double dW;

    /**
     * @param x one-hot inputs per step (4 each)
     * @param h hidden states per step (3 each)
     * @param y outputs per step (4 each); targets are the inputs
     */
    TutorialDeltas(double[][] x, double[][] h, double[][] y) {
        double[] carry = new double[3];
        for (int t = x.length - 1; t >= 0; t--) {
            double[] err = new double[4];
            for (int o = 0; o < 4; o++) {
                err[o] = x[t][o] - y[t][o];
                for (int i = 0; i < 3; i++) {
                    dV[o][i] += err[o] * h[t][i];
                }
            }
            double sumSigmoidSlope = 0;
            for (int j = 0; j < 3; j++) {
                sumSigmoidSlope += h[t][j] * (1 - h[t][j]);
            }
            double[] delta = new double[3];
            for (int i = 0; i < 3; i++) {
                double back = carry[i];
                for (int o = 0; o < 4; o++) {
                    back += TutorialNetwork.OUTPUT_WEIGHTS[o][i] * err[o];
                }
                delta[i] = back * sumSigmoidSlope;
                for (int c = 0; c < 4; c++) {
                    dU[i][c] += delta[i] * x[t][c];
                }
                dU[i][4] += delta[i];
                carry[i] = delta[i] * TutorialNetwork.RECURRENT_WEIGHT;
                if (t > 0) {
                    dW += delta[i] * h[t - 1][i];
                }
            }
        }
    }
}
