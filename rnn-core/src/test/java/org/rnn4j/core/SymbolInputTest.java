package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;

/**
 * A network fed one-hot rows as symbols ({@link Sequence#oneHot}, the built-in recurrent layers'
 * column lookup) computes what it computes from the same rows as values (the matrix product):
 * outputs, final states, dL/d(input) and every parameter gradient bit for bit, except the first
 * layer's {@code weight_ih} gradient, which sums the same terms in another order and so agrees
 * within the bound of {@link #bound}.
 */
class SymbolInputTest {

    private static final int V = 5;
    private static final int H = 3;
    private static final int T = 4;
    private static final int[] LENGTHS = {4, 2, 3};

    /** What one forward and backward left: outputs, states, dL/dx and the parameter gradients. */
    private record Run(double[] y, List<double[]> states, double[] dx, Map<String, double[]> grads) {
    }

    private static Network net(String kind, boolean bidirectional, int layers, Precision p) {
        NetworkBuilder b = Network.builder(Layers.REGISTRY).input(V).seed(kind.length() + layers).precision(p)
                .loss("half_sse");
        for (int l = 0; l < layers; l++) {
            b.recurrent(kind, H, bidirectional ? Map.of("bidirectional", "true") : Map.of());
        }
        return b.output(2).build();
    }

    private static Run run(Network net, Sequence x, Sequence target) {
        double[] y = net.forward(x, null).data().clone();
        List<double[]> states = new ArrayList<>();
        for (State s : net.finalStates()) {
            for (double[] part : s.parts()) {
                states.add(part.clone());
            }
        }
        net.gradients(x, target, null);
        Map<String, double[]> grads = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            grads.put(e.getKey(), e.getValue().grad().clone());
        }
        return new Run(y, states, net.inputGradient().data().clone(), grads);
    }

    private static boolean firstInputWeights(String name) {
        return name.startsWith("layer0.weight_ih");
    }

    /**
     * The bound on |lookup - product| for one element (g, v) of {@code weight_ih}'s gradient.
     * Both are the sum of the n = T*B terms dP[r, g] X[r, v] (the product's, in the GEMM's
     * order; the lookup's, those with X[r, v] = 1, in row order, the others being zero), added
     * to a zeroed gradient (exact). Any order of summing n terms is within gamma_{n-1} *
     * sum |terms| of the exact sum (Higham, Accuracy and Stability of Numerical Algorithms,
     * 2nd ed., section 4.2), gamma_k = k u / (1 - k u), so the two are within twice that.
     *
     * @param n the number of terms
     * @param u the unit roundoff of the network's precision
     * @param absSum sum |dP[r, g]| over the rows r of symbol v
     * @return 2 gamma_{n-1} absSum
     */
    static double bound(int n, double u, double absSum) {
        double k = (n - 1) * u;
        return 2 * k / (1 - k) * absSum;
    }

    /**
     * sum_r |dP[r, g]| for each (g, v), measured with a network that sees row r as symbol r: its
     * input weights' column r is the original's column s_r (so its forward, and dP, are the
     * original's bit for bit), and its gradient's column r is dP[r, :] alone.
     */
    private static Map<String, double[]> absSums(Network net, String kind, boolean bi, int layers, int[] symbols,
            boolean[] mask, Sequence target) {
        int rows = symbols.length;
        NetworkBuilder b = Network.builder(Layers.REGISTRY).input(rows).seed(1).precision(net.precision())
                .loss("half_sse");
        for (int l = 0; l < layers; l++) {
            b.recurrent(kind, H, bi ? Map.of("bidirectional", "true") : Map.of());
        }
        Network wide = b.output(2).build();
        Map<String, Parameter> from = net.namedParameters();
        for (Map.Entry<String, Parameter> e : wide.namedParameters().entrySet()) {
            double[] src = from.get(e.getKey()).value();
            double[] dst = e.getValue().value();
            if (firstInputWeights(e.getKey())) {
                int width = src.length / V;
                for (int g = 0; g < width; g++) {
                    for (int r = 0; r < rows; r++) {
                        dst[g * rows + r] = src[g * V + symbols[r]];
                    }
                }
            } else {
                System.arraycopy(src, 0, dst, 0, src.length);
            }
        }
        int[] identity = new int[rows];
        for (int r = 0; r < rows; r++) {
            identity[r] = r;
        }
        wide.gradients(Sequence.oneHot(T, LENGTHS.length, rows, identity, mask), target, null);
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : wide.namedParameters().entrySet()) {
            if (firstInputWeights(e.getKey())) {
                double[] g = e.getValue().grad();
                int width = g.length / rows;
                double[] s = new double[width * V];
                for (int j = 0; j < width; j++) {
                    for (int r = 0; r < rows; r++) {
                        s[j * V + symbols[r]] += Math.abs(g[j * rows + r]);
                    }
                }
                sums.put(e.getKey(), s);
            }
        }
        return sums;
    }

    /**
     * @return null if the symbol run matches the one-hot run (bit for bit, and the first layer's
     *     input weights within the bound), else what differs first
     */
    private static String mismatch(Run plain, Run symbols, Map<String, double[]> absSums, int n, double u) {
        if (!bits(plain.y, symbols.y)) {
            return "outputs";
        }
        for (int i = 0; i < plain.states.size(); i++) {
            if (!bits(plain.states.get(i), symbols.states.get(i))) {
                return "state part " + i;
            }
        }
        if (!bits(plain.dx, symbols.dx)) {
            return "input gradient";
        }
        for (Map.Entry<String, double[]> e : plain.grads.entrySet()) {
            double[] a = e.getValue();
            double[] b = symbols.grads.get(e.getKey());
            if (!firstInputWeights(e.getKey())) {
                if (!bits(a, b)) {
                    return "gradient of " + e.getKey();
                }
                continue;
            }
            double[] s = absSums.get(e.getKey());
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i] - b[i]) > bound(n, u, s[i])) {
                    return "gradient of " + e.getKey() + "[" + i + "]: " + a[i] + " vs " + b[i] + ", bound "
                            + bound(n, u, s[i]);
                }
            }
        }
        return null;
    }

    private static boolean bits(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static int[] randomSymbols(SplittableRandom r, int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextInt(V);
        }
        return s;
    }

    /**
     * @param shift 0 for the real comparison; 1 plants a wrong lookup (every symbol one further
     *     than the one-hot row), which must be found
     */
    private static String compare(String kind, boolean bi, int layers, Precision p, boolean padded, long seed,
            int shift) {
        SplittableRandom r = new SplittableRandom(seed);
        int batch = LENGTHS.length;
        int[] symbols = randomSymbols(r, T * batch);
        boolean[] mask = padded ? Cases.prefixMask(T, LENGTHS) : null;
        Sequence target = NetworkGradientTest.randomSequence(r, T, batch, 2).withMask(mask);
        Network net = net(kind, bi, layers, p);
        Sequence rows = Sequence.oneHot(T, batch, V, symbols, mask);
        Run plain = run(net, Sequence.wrap(T, batch, V, rows.data(), mask), target);
        int[] planted = symbols.clone();
        for (int i = 0; i < planted.length; i++) {
            planted[i] = (planted[i] + shift) % V;
        }
        Run coded = run(net, Sequence.oneHot(T, batch, V, planted, mask), target);
        Map<String, double[]> sums = absSums(net, kind, bi, layers, symbols, mask, target);
        return mismatch(plain, coded, sums, T * batch, p.unitRoundoff());
    }

    @TestFactory
    Stream<DynamicTest> symbolsGiveWhatOneHotRowsGive() {
        List<DynamicTest> tests = new ArrayList<>();
        long seed = 0;
        for (String kind : List.of("elman", "lstm", "gru")) {
            for (Precision p : Precision.values()) {
                for (int variant = 0; variant < 4; variant++) {
                    boolean bi = variant % 2 == 1;
                    int layers = variant < 2 ? 1 : 2;
                    boolean padded = variant != 0;
                    long s = seed++;
                    String name = kind + " " + p + (bi ? " bidirectional" : "") + ", " + layers + " layer(s)"
                            + (padded ? ", padded" : "");
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        String m = compare(kind, bi, layers, p, padded, s, 0);
                        if (m != null) {
                            fail(m);
                        }
                        assertNotNull(compare(kind, bi, layers, p, padded, s, 1),
                                "a lookup one symbol off must be told apart");
                    }));
                }
            }
        }
        return tests.stream();
    }

    /**
     * The lookup reads only the columns of the symbols present: a column of NaN for an absent
     * symbol changes nothing, where the product (0 x NaN = NaN) would spoil every output. So
     * the layers take the lookup, not the one-hot rows of {@code data()}.
     */
    @TestFactory
    Stream<DynamicTest> onlyThePresentSymbolsColumnsAreRead() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : List.of("elman", "lstm", "gru")) {
            for (Precision p : Precision.values()) {
                tests.add(DynamicTest.dynamicTest(kind + " " + p + " bidirectional", () -> {
                    SplittableRandom r = new SplittableRandom(kind.length());
                    int batch = LENGTHS.length;
                    int[] symbols = new int[T * batch];
                    for (int i = 0; i < symbols.length; i++) {
                        symbols[i] = r.nextInt(V - 1); // never V - 1
                    }
                    Sequence x = Sequence.oneHot(T, batch, V, symbols, Cases.prefixMask(T, LENGTHS));
                    Network net = net(kind, true, 1, p);
                    double[] before = net.forward(x, null).data().clone();
                    for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
                        if (firstInputWeights(e.getKey())) {
                            double[] w = e.getValue().value();
                            for (int g = 0; g < w.length / V; g++) {
                                w[g * V + V - 1] = Double.NaN;
                            }
                        }
                    }
                    double[] after = net.forward(x, null).data();
                    if (!bits(before, after)) {
                        fail("a column of NaN for a symbol the input lacks changed the output");
                    }
                }));
            }
        }
        return tests.stream();
    }
}
