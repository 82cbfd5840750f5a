package org.rnn4j.examples.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.tutorial.TutorialReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j tutorial}: the tutorial's network on its own weights, with the true gradients. */
@Command(name = "tutorial", mixinStandardHelpOptions = true,
        description = "Run the tutorial's one-hidden-layer RNN on 'he' of 'hello' with its own weights: states, "
            + "outputs, softmax, loss, BPTT gradients (beside the tutorial's numbers and finite differences), "
            + "then SGD steps with learning rate 1.")
final class TutorialCommand implements Runnable {

    @Option(names = "--json", description = "Print one JSON object with states, outputs, softmax, loss and "
            + "gradients (dL/dtheta) before any update.")
    private boolean json;

    @Option(names = "--steps", defaultValue = "10", description = "SGD steps to show (default ${DEFAULT-VALUE}).")
    private int steps;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        if (steps < 0 || steps > 10_000) {
            throw new IllegalArgumentException("--steps must be in [0, 10000], got " + steps);
        }
        TutorialReport r = new TutorialReport(Registry.installed(), steps);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("input_weights", r.inputWeightGrad);
            g.put("bias", r.biasGrad);
            g.put("recurrent_weights", r.recurrentGrad);
            g.put("output_weights", r.outputWeightGrad);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("states", r.states);
            m.put("outputs", r.outputs);
            m.put("softmax", r.softmax);
            m.put("loss", r.loss);
            m.put("gradients", g);
            out.println(Json.of(m));
            return;
        }
        new TutorialText(r, out).print();
    }

    /** The human-readable report. */
    private record TutorialText(TutorialReport r, PrintWriter out) {

        void print() {
            out.println("The tutorial's RNN, rebuilt from rnn4j parts");
            out.println("  elman(4 -> 3, sigmoid, bias) -> dense(3 -> 4, identity, no bias), loss half_sse summed over steps");
            out.println("  input 'h', 'e' one-hot over h, e, l, o; targets = inputs (as the tutorial does); the tutorial's weights,");
            out.println("  its recurrent scalar 0.427043 as 0.427043 x identity");
            out.println();
            out.println("Forward");
            for (int t = 0; t < r.states.length; t++) {
                row("state h" + (t + 1) + " ('" + TutorialReport.WORD.charAt(t) + "')", r.states[t], 15);
            }
            for (int t = 0; t < r.outputs.length; t++) {
                row("output y" + (t + 1), r.outputs[t], 15);
            }
            for (int t = 0; t < r.softmax.length; t++) {
                row("softmax(y" + (t + 1) + ")", r.softmax[t], 8);
            }
            out.println("  The tutorial's 'Predicted Softmax values' are softmax(y2), the second output's.");
            out.printf(Locale.ROOT, "  loss L = sum_t 1/2 ||d_t - y_t||^2 = %.15f%n", r.loss);
            out.println("  (the tutorial's 'performance' is -L per step: it prints the negative of each step's error)");
            out.println();
            out.println("Gradients dL/dtheta by BPTT, each beside a central finite difference (step 1e-6)");
            out.println("  rnn4j subtracts gradients; the tutorial adds deltas built from (d - y), which are -dL/dtheta; its numbers are");
            out.println("  shown negated so they line up with ours.");
            compare("output weights V", r.outputWeightGrad, neg(r.tutorial.dV), "output.weight");
            double[][] dU = new double[3][4];
            double[] db = new double[3];
            for (int i = 0; i < 3; i++) {
                for (int c = 0; c < 4; c++) {
                    dU[i][c] = -r.tutorial.dU[i][c];
                }
                db[i] = -r.tutorial.dU[i][4];
            }
            compare("input weights U", r.inputWeightGrad, dU, "layer0.weight_ih");
            compare("bias (U's 5th column)", new double[][] {r.biasGrad}, new double[][] {db}, "layer0.bias");
            compare("recurrent weights W_hh", r.recurrentGrad, null, "layer0.weight_hh");
            double[] fdHh = r.finiteDifferences.get("layer0.weight_hh");
            out.printf(Locale.ROOT, "  recurrent scalar w (W_hh = w I): dL/dw = trace(dL/dW_hh) = %.8f, finite difference %.8f,"
                    + " tutorial %.8f%n", r.scalarRecurrentGrad, fdHh[0] + fdHh[4] + fdHh[8], -r.tutorial.dW);
            out.println();
            out.println("Why the tutorial's dU, bias and dW differ: its step 4 multiplies neuron i's back-propagated error by");
            out.println("the SUM over all three neurons of h_j(1 - h_j); the chain rule through h_i = sigmoid(a_i) needs neuron");
            out.println("i's own h_i(1 - h_i). Its dV does not pass through the sigmoid, so it is right. The finite");
            out.println("differences above side with rnn4j.");
            out.println();
            out.println("SGD, learning rate 1 (theta <- theta - dL/dtheta; W_hh is a full matrix, so it may leave the diagonal)");
            for (int s = 0; s < r.losses.size(); s++) {
                boolean rose = s > 0 && r.losses.get(s) > r.losses.get(s - 1);
                out.printf(Locale.ROOT, "  step %2d   loss %.12f%s%n", s, r.losses.get(s),
                        rose ? "   (up: a learning rate of 1 overshoots on the first step; it falls from here on)" : "");
            }
        }

        private void row(String label, double[] v, int digits) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-18s", label));
            for (double d : v) {
                sb.append(String.format(Locale.ROOT, " %" + (digits + 4) + "." + digits + "f", d));
            }
            out.println(sb);
        }

        private void compare(String label, double[][] ours, double[][] theirs, String fdName) {
            double[] fd = r.finiteDifferences.get(fdName);
            int cols = ours[0].length;
            out.println("  " + label + (theirs == null ? "  (the tutorial has one scalar instead; see below)" : ""));
            for (int i = 0; i < ours.length; i++) {
                double[] fdRow = Arrays.copyOfRange(fd, i * cols, (i + 1) * cols);
                line("rnn4j", ours[i], "");
                line("finite diff", fdRow, "");
                if (theirs != null) {
                    boolean same = true;
                    for (int j = 0; j < cols; j++) {
                        same &= Math.abs(theirs[i][j] - ours[i][j]) < 5e-8;
                    }
                    line("tutorial", theirs[i], same ? "  same" : "  DIFFERENT");
                }
            }
        }

        private void line(String label, double[] v, String suffix) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "    %-12s", label));
            for (double d : v) {
                sb.append(String.format(Locale.ROOT, " %12.8f", d == 0 ? 0.0 : d));
            }
            out.println(sb.append(suffix));
        }

        private static double[][] neg(double[][] m) {
            double[][] n = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                n[i] = new double[m[i].length];
                for (int j = 0; j < m[i].length; j++) {
                    n[i][j] = -m[i][j];
                }
            }
            return n;
        }
    }
}
