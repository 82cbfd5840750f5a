package org.rnn4j.testkit.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.gradient.GradientChecker;
import org.rnn4j.testkit.property.Property;

/**
 * Random stacks in float32 against the same stacks in float64: a float32 network
 * ({@link Network#to} of it in float64 is the exact same weights), fed the same inputs rounded
 * to float, must give the float64 network's forward outputs, loss, parameter gradients,
 * input gradients and initial-state gradients to within a bound derived from float32's unit
 * roundoff u = 2^-24 ({@link Precision#unitRoundoff()}). Float64's own rounding (2^-53) is
 * 2^-29 of that, and the float64 network stands for the exact values.
 *
 * <h2>The bound</h2>
 * The standard model of floating-point error (Higham, <i>Accuracy and Stability of Numerical
 * Algorithms</i>, 2nd ed., ch. 2-3): every float operation returns its exact result r times
 * (1 + d), |d| &lt;= u. To first order in u (n u &lt;= 0.01 in these stacks, so gamma_n =
 * n u / (1 - n u) is within 1% of n u) a computed output is then off by
 * <pre>
 *   |y32 - y| &lt;= u sum over every rounding r of |dy/dr| |r|.
 * </pre>
 * Group the roundings into stages along the longest chain of dependent operations: a dot
 * product of n terms is n stages (a product, then n - 1 running sums), each element-wise
 * operation one. Within one stage, |dy/dr| |r| summed over its roundings is at most the effect
 * on y of moving every number the stage is computed from (every weight, input feature and
 * initial-state element p) by a relative amount of 1, kappa = sum |p dy/dp|: r is a sum of
 * products of those numbers, and an activation's output is either y itself (counted by adding
 * |y|) or a factor of a product (a weight's, a gate's), whose other factors carry it. So
 * <pre>
 *   |y32 - y| &lt;= K u S,   K = the number of stages,   S = kappa + |y|.
 * </pre>
 * S comes from the float64 network's backward pass, which sums the paths from p to y with their
 * signs; the argument needs them summed in absolute value, so S is low where paths of opposite
 * sign cancel. K absorbs that: it counts every dot product as n full roundings, where a float
 * sum's error is usually about sqrt(n) of them. K counts:
 * <ul>
 *   <li>one step of one recurrent layer: its gate products, dot products of
 *       n = (input width + output width + 1) terms (the input, the previous output, the bias),
 *       then at most E = {@value #ELEMENTWISE} stages of element-wise work: an LSTM step
 *       applies its gate activations and tanh (each within 8u of its scale by the float32
 *       activation check, {@link Float32ActivationChecks}), forms f c + i g (3 roundings) and
 *       o tanh(c) (1): 20; a GRU step 2 activations, r (U h), a sum and the blend
 *       (1 - z) n + z h: 22; an Elman step 8. n is the widest layer's, for every layer;</li>
 *   <li>the forward chain: D layers of T steps each (a bidirectional layer's directions run
 *       side by side), a sequence head (a mean over T steps: T roundings), the output layer
 *       (its fan-in + 1, and its activation): K_y = D T (n + E) + T + (n_out + E);</li>
 *   <li>the loss: a sum over its R rows of m outputs each (R = T B, or B after a head) and its
 *       own element-wise work (exp, log, a square): K_loss = K_y + R m + E;</li>
 *   <li>a gradient: the backward pass, a chain of the same length in reverse, through values
 *       that carry the forward errors, then a sum over the T B steps and sequences that use the
 *       weight: K_grad = 2 K_y + T B.</li>
 * </ul>
 * The scales, all from the float64 network:
 * <ul>
 *   <li>output y_k: kappa_k = |y_k| + sum |p dy_k/dp| ({@link OutputConditions}); for the
 *       output layer's weights the sum holds sum_j |W_kj h_j| + |b_k|, the dot product's own
 *       scale;</li>
 *   <li>the loss: |L| + sum |p dL/dp| over the same p;</li>
 *   <li>a gradient g_p = sum_k G_k dy_k/dp (G_k = dL/dy_k): its errors are G_k's, moved by the
 *       outputs' errors through the loss's second derivatives H_kj = d2L/dy_k dy_j, and the
 *       backward chain's, relative to the size of dy_k/dp; so
 *       S = sum_k A_k (|G_k| + sum_j |H_kj| kappa_j), A_k the largest |dy_k/dp| over the group
 *       ({@link LossSlopes}). A group is one layer's parameters, the input, or one layer's
 *       initial state: an element whose terms cancel is held to its group's scale.</li>
 * </ul>
 * This is a worst case, not an estimate. Measured over 3,000 random stacks of the built-ins
 * with dense, elman and lstm computing their forward passes in real float arithmetic, the
 * largest error was 1.9% of its bound; with every other layer's outputs and every input
 * gradient also off by their whole per-step budget (n + E) u, all of one sign, 90%
 * (PrecisionChecksTest). A wrong float32 kernel (a gate read from the wrong rows, a missing
 * term, a weight off by a part in a thousand, a sum kept in bfloat16) is off by far more: the
 * largest stacks allow K_y u of about 1.4e-4 of the scale, the smallest about 3e-6. Layers that
 * compute in float64 whatever the precision (plug-ins that do not support float32) agree to the
 * last bits.
 *
 * <h2>Kinks</h2>
 * A derivative jumps at an activation's kink (relu' is 0 left of 0 and 1 right of it), so a
 * pre-activation within the float32 error of a kink may take the other side in float32 and
 * change a gradient by far more than rounding. As the finite-difference checks redraw numbers
 * whose steps cross a kink ({@link KinkWatch}), a draw whose float32 evaluation puts a different
 * number of some activation's arguments on each side of its kinks than the float64 one
 * ({@link KinkSides}) is drawn again, up to {@value KinkWatch#ATTEMPTS} times; a float32 layer
 * that moves arguments across kinks on every draw fails with that message. (A loss or head with
 * a kink of its own, mae at y = d or max_pool at a tie, is not watched: a tie within the float32
 * error, about 1e-6, has a chance of that order per element.)
 */
public final class PrecisionChecks {

    /** Element-wise roundings allowed per recurrent step, output layer and loss (see the class comment). */
    public static final int ELEMENTWISE = 24;

    private static final double U = Precision.FLOAT32.unitRoundoff();

    private PrecisionChecks() {
    }

    /**
     * The property over random stacks drawn from {@code choices}.
     *
     * @param label what the stacks are, for the property's name ({@code "networks"}, {@code "mish"})
     * @param choices what the stacks are made of
     * @return the property
     */
    public static Property<NetworkCase> agreement(String label, Choices choices) {
        return new Property<>(label + ": float32 forward, loss and gradients agree with float64 on the same weights"
                + " and inputs", NetworkChecks.cases(choices), c -> check(c, choices.registry()));
    }

    /**
     * Checks one case: draws its numbers, builds it in float32 and converts a copy to float64,
     * and compares everything the two compute.
     *
     * @param c the case
     * @param registry where its names are looked up
     * @throws PrecisionMismatchError naming the first element that disagrees
     * @throws IllegalStateException when no draw keeps the activations' arguments off their kinks
     */
    public static void check(NetworkCase c, Registry registry) {
        KinkSides sides = new KinkSides();
        Registry watched = sides.wrap(registry);
        String reason = "";
        for (int attempt = 0; attempt < KinkWatch.ATTEMPTS; attempt++) {
            try {
                compare(c, watched, sides, attempt);
                return;
            } catch (KinkWatch.Redraw e) {
                reason = e.getMessage();
            }
        }
        throw new IllegalStateException("could not draw numbers for " + c + " whose float32 evaluation keeps every"
                + " activation's arguments on the sides of its kinks that the float64 one has, in " + KinkWatch.ATTEMPTS
                + " attempts; in the last, " + reason);
    }

    /**
     * The lengths of the chains of roundings behind each quantity of a network on a case (see
     * the class comment).
     *
     * @param forward K_y, behind every output
     * @param loss K_loss
     * @param gradient K_grad, behind every gradient
     */
    public record Chains(long forward, long loss, long gradient) {

        /**
         * @param net the network
         * @param steps T
         * @param batch B
         * @return its chains
         */
        public static Chains of(Network net, int steps, int batch) {
            long n = 0;
            for (Layer l : net.recurrentLayers()) {
                n = Math.max(n, l.inputSize() + l.outputSize() + 1L);
            }
            long depth = net.recurrentLayers().size();
            long forward = depth * steps * (n + ELEMENTWISE) + steps + net.outputLayer().inputSize() + 1 + ELEMENTWISE;
            for (Layer l : net.denseLayers()) {
                forward += l.inputSize() + 1 + ELEMENTWISE;   // each hidden dense layer's dot product and activation
            }
            long rows = (long) (net.head() == null ? steps : 1) * batch;
            return new Chains(forward, forward + rows * net.outputSize() + ELEMENTWISE, 2 * forward + (long) steps * batch);
        }
    }

    private static void compare(NetworkCase c, Registry registry, KinkSides sides, int attempt) {
        NetworkChecks.Built b = NetworkChecks.draw(c, registry, attempt, Precision.FLOAT32);
        Network n32 = b.net();
        Network n64 = n32.to(Precision.FLOAT64);
        n64.holdDropoutMasks(true);
        Chains k = Chains.of(n32, c.steps(), c.batch());

        Results[] results = new Results[2];
        sides.count(true, () -> results[0] = Results.of(n64, b, c.embedding() == null));
        sides.count(false, () -> results[1] = Results.of(n32, b, c.embedding() == null));
        sides.requireSameSides();
        Results r64 = results[0];
        Results r32 = results[1];

        OutputConditions outputs = OutputConditions.of(c, registry, attempt, n64, b, r64.forward());
        Mismatches.check("the forward output", r32.output(), r64.output(), k.forward(), outputs.kappa(),
                GradientChecker.sequencePosition(b.x().batch(), r64.outputFeatures()));
        double condition = Math.abs(r64.loss()) + r64.condition(n64, b);
        Mismatches.check("the loss", new double[] {r32.loss()}, new double[] {r64.loss()}, k.loss(), condition,
                i -> "");
        LossSlopes slopes = LossSlopes.of(n64.loss(), n64.reduction(), r64.forward(), b.target(), outputs.kappa());
        for (Map.Entry<String, Map<String, double[]>> layer : r64.gradients().entrySet()) {
            double scale = scale(outputs, slopes, layer.getKey());
            for (Map.Entry<String, double[]> p : layer.getValue().entrySet()) {
                Parameter param = n64.namedParameters().get(p.getKey());
                Mismatches.check("the gradient of " + p.getKey(), r32.gradients().get(layer.getKey()).get(p.getKey()),
                        p.getValue(), k.gradient(), scale, GradientChecker.tensorPosition(param.shape()));
            }
        }
        if (r64.input() != null) {
            Mismatches.check("the input gradient", r32.input(), r64.input(), k.gradient(),
                    scale(outputs, slopes, OutputConditions.INPUT),
                    GradientChecker.sequencePosition(b.x().batch(), b.x().features()));
        }
        for (int l = 0; l < r64.states().size(); l++) {
            State s64 = r64.states().get(l);
            double scale = scale(outputs, slopes, OutputConditions.stateGroup(l));
            for (int p = 0; p < s64.parts().length; p++) {
                Mismatches.check("the gradient of initial state " + p + " of layer" + l, r32.states().get(l).part(p),
                        s64.part(p), k.gradient(), scale,
                        GradientChecker.statePosition(s64.part(p).length / b.x().batch()));
            }
        }
    }

    /**
     * The scale of a group of gradients: sum over outputs k of A_k (|G_k| + sum_j |H_kj| kappa_j),
     * A_k the group's largest |dy_k/dp| (see the class comment).
     */
    private static double scale(OutputConditions outputs, LossSlopes slopes, String group) {
        double[] a = outputs.slopes().get(group);
        if (a == null) {
            return 0;
        }
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * (Math.abs(slopes.gradient()[k]) + slopes.curvature()[k]);
        }
        return sum;
    }

    /** What one network computes on a case, copied. */
    private record Results(Sequence forward, double loss, Map<String, Map<String, double[]>> gradients,
            double[] input, List<State> states) {

        double[] output() {
            return forward.data();
        }

        int outputFeatures() {
            return forward.features();
        }

        static Results of(Network net, NetworkChecks.Built b, boolean featureInputs) {
            Sequence y = net.forward(b.x(), b.initial());
            Sequence output = Sequence.wrap(y.steps(), y.batch(), y.features(), y.data().clone(),
                    y.mask() == null ? null : y.mask().clone());
            double loss = net.gradients(b.x(), b.target(), b.initial());
            Map<String, Map<String, double[]>> gradients = new LinkedHashMap<>();
            net.namedParameters().forEach((name, p) -> gradients
                    .computeIfAbsent(OutputConditions.group(name), n -> new LinkedHashMap<>())
                    .put(name, p.grad().clone()));
            double[] input = featureInputs ? net.inputGradient().data().clone() : null;
            List<State> states = b.initial() == null ? List.of()
                    : net.initialStateGradients().stream().map(State::copy).toList();
            return new Results(output, loss, gradients, input, states);
        }

        /** sum |p dL/dp| over the weights, the feature inputs and the initial states. */
        double condition(Network net, NetworkChecks.Built b) {
            double sum = 0;
            for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
                double[] v = e.getValue().value();
                double[] g = gradients.get(OutputConditions.group(e.getKey())).get(e.getKey());
                sum += Mismatches.dot(v, g);
            }
            if (input != null) {
                sum += Mismatches.dot(b.x().data(), input);
            }
            for (int l = 0; l < states.size(); l++) {
                for (int p = 0; p < states.get(l).parts().length; p++) {
                    sum += Mismatches.dot(b.initial().get(l).part(p), states.get(l).part(p));
                }
            }
            return sum;
        }
    }
}
