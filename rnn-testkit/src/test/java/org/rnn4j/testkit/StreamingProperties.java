package org.rnn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.NetworkBuilder;
import org.rnn4j.core.Registry;
import org.rnn4j.core.StreamingPredictor;
import org.rnn4j.testkit.property.Gen;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/**
 * {@link StreamingPredictor}: for random stacks (elman, lstm, gru, depth 1-3, sometimes a
 * dense layer before the output, an output at every step, dropout between layers that
 * evaluation mode must switch off) in float64 and float32, sizes from a few units to rows that
 * reach the native BLAS even one at a time, B up to 5 and random cuts of a random sequence into
 * chunks, the chunks' outputs one after another are bit for bit those of the whole sequence
 * given in one call (each after {@code reset()}), and bit for bit those of one
 * {@link Network#forward} over the whole batch.
 */
class StreamingProperties {

    private static final PropertyRunner RUNNER = new PropertyRunner(RunSettings.fromSystemProperties());
    private static final Registry REGISTRY = Registry.installed();
    private static final String[] KINDS = {"elman", "lstm", "gru"};

    /** A stack and a batch of streams, described by what draws them again; dense 0 for none. */
    record Case(long seed, Precision precision, List<String> kinds, List<Integer> sizes, int dense, int in, int out,
            int steps, int batch, double dropout) {

        Network network() {
            NetworkBuilder b = Network.builder(REGISTRY).input(in).seed(seed).loss("mse").precision(precision);
            for (int l = 0; l < kinds.size(); l++) {
                b.recurrent(kinds.get(l), sizes.get(l));
            }
            if (kinds.size() > 1 && dropout > 0) {
                b.dropout(dropout);
            }
            if (dense > 0) {
                b.dense(dense, "tanh");
            }
            return b.output(out).build();
        }

        Sequence input() {
            SplittableRandom r = new SplittableRandom(seed ^ 0x5EED);
            double[] x = new double[steps * batch * in];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble(-2, 2);
            }
            return Sequence.wrap(steps, batch, in, x);
        }

        /** Chunk lengths summing to T, drawn from {@code salt}. */
        int[] cuts(long salt) {
            SplittableRandom r = new SplittableRandom(seed * 31 + salt);
            List<Integer> lengths = new ArrayList<>();
            for (int left = steps; left > 0; ) {
                int n = 1 + r.nextInt(Math.min(left, 1 + r.nextInt(6)));
                lengths.add(n);
                left -= n;
            }
            return lengths.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    static final Gen<Case> CASES = r -> {
        int depth = 1 + r.nextInt(3);
        // small layers (plain Java), or wide ones whose rows reach the BLAS even one at a time
        boolean wide = r.nextBoolean();
        List<String> kinds = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            kinds.add(KINDS[r.nextInt(KINDS.length)]);
            sizes.add(wide ? 8 + r.nextInt(40) : 1 + r.nextInt(6));
        }
        Precision precision = r.nextBoolean() ? Precision.FLOAT32 : Precision.FLOAT64;
        int dense = r.nextInt(3) == 0 ? (wide ? 16 + r.nextInt(48) : 1 + r.nextInt(6)) : 0;
        int in = wide ? 1 + r.nextInt(40) : 1 + r.nextInt(4);
        int out = wide ? 1 + r.nextInt(40) : 1 + r.nextInt(3);
        return new Case(r.nextLong(), precision, kinds, sizes, dense, in, out, 1 + r.nextInt(wide ? 16 : 30),
                1 + r.nextInt(5), r.nextBoolean() ? 0.5 : 0);
    };

    /** Steps {@code [from, from + n)} of x, copied. */
    static Sequence steps(Sequence x, int from, int n) {
        int row = x.batch() * x.features();
        return Sequence.wrap(n, x.batch(), x.features(), Arrays.copyOfRange(x.data(), from * row, (from + n) * row));
    }

    /** The chunks' outputs one after another, from a reset predictor. */
    static double[] streamed(StreamingPredictor p, Sequence x, int[] cuts, int outputs) {
        int row = x.batch() * outputs;
        double[] all = new double[x.steps() * row];
        p.reset();
        int from = 0;
        for (int n : cuts) {
            Sequence y = p.next(steps(x, from, n));
            System.arraycopy(y.data(), 0, all, from * row, n * row);
            from += n;
        }
        return all;
    }

    @Test
    void everyChunkingGivesTheBitsOfTheWholeSequenceAndOfTheNetwork() {
        PropertyResult<Case> result = RUNNER.run(new Property<>("streaming: every chunking gives the same bits, "
                + "those of the whole sequence in one call and of Network.forward", CASES, c -> {
                    Network net = c.network();
                    Sequence x = c.input();
                    StreamingPredictor p = new StreamingPredictor(net.copy(), c.batch());
                    double[] whole = streamed(p, x, new int[] {c.steps()}, c.out());
                    for (long salt = 0; salt < 3; salt++) {
                        int[] cuts = c.cuts(salt);
                        double[] got = streamed(p, x, cuts, c.out());
                        for (int i = 0; i < whole.length; i++) {
                            if (Double.doubleToRawLongBits(whole[i]) != Double.doubleToRawLongBits(got[i])) {
                                throw new AssertionError("chunks " + Arrays.toString(cuts) + ": element " + i
                                        + " is " + got[i] + ", the whole sequence in one call gives " + whole[i]);
                            }
                        }
                    }
                    net.setTraining(false);
                    double[] forward = net.forward(x, null).data();
                    for (int i = 0; i < whole.length; i++) {
                        if (Double.doubleToRawLongBits(forward[i]) != Double.doubleToRawLongBits(whole[i])) {
                            throw new AssertionError("element " + i + ": the predictor gives " + whole[i]
                                    + ", Network.forward over the whole batch " + forward[i]);
                        }
                    }
                }));
        assertTrue(result.passed(), result.report());
    }

    @Test
    void oneStepAtATimeEqualsTheWholeSequenceAndResetStartsAgain() {
        Network net = Network.builder(REGISTRY).input(2).seed(5).recurrent("lstm", 4).recurrent("gru", 3).output(2)
                .loss("mse").build();
        double[][] x = new double[12][2];
        SplittableRandom r = new SplittableRandom(9);
        for (double[] row : x) {
            row[0] = r.nextDouble(-1, 1);
            row[1] = r.nextDouble(-1, 1);
        }
        Network reference = net.copy();
        reference.setTraining(false);
        Sequence forward = reference.forward(Sequence.of(x), null).copy();
        StreamingPredictor p = new StreamingPredictor(net, 1);
        Sequence whole = Sequence.of(p.next(x));
        p.reset();
        for (int t = 0; t < x.length; t++) {
            double[][] y = p.next(new double[][] {x[t]});
            assertEquals(1, y.length);
            for (int f = 0; f < 2; f++) {
                assertEquals(whole.get(t, 0, f), y[0][f], 0.0, "step " + t);
                assertEquals(forward.get(t, 0, f), y[0][f], 0.0, "step " + t);
            }
        }
        double[][] again = p.next(new double[][] {x[0]});
        assertTrue(again[0][0] != whole.get(0, 0, 0) || again[0][1] != whole.get(0, 0, 1),
                "without reset the state goes on");
        p.reset();
        assertEquals(whole.get(0, 0, 0), p.next(new double[][] {x[0]})[0][0], 0.0, "reset starts from zero");
    }

    @Test
    void networksThatNeedTheWholeSequenceAreRefused() {
        Network bi = Network.builder(REGISTRY).input(2).seed(1).recurrent("gru", 3, Map.of("bidirectional", "true"))
                .output(1).loss("mse").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StreamingPredictor(bi, 1));
        assertTrue(e.getMessage().startsWith("recurrent layer 0 is bidirectional"), e.getMessage());
        Network head = Network.builder(REGISTRY).input(2).seed(1).recurrent("gru", 3).lastStep().output(1).loss("mse")
                .build();
        e = assertThrows(IllegalArgumentException.class, () -> new StreamingPredictor(head, 1));
        assertTrue(e.getMessage().contains("sequence head") && e.getMessage().contains("cannot stream"), e.getMessage());
    }
}
