package org.rnn4j.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/** Sampling: the prime first, softmax with a temperature, the argmax at 0, clear errors. */
class SamplerTest {

    private static final Vocabulary ABC = Vocabulary.of("abc");

    private static Network net(long seed) {
        return Network.builder(Registry.installed()).input(3).recurrent("lstm", 5).output(3).seed(seed).build();
    }

    /** A network whose logits are {@code bias} whatever the input: every weight zero. */
    private static Network constantLogits(double... bias) {
        Network n = net(1);
        for (Parameter p : n.parameters()) {
            Arrays.fill(p.value(), 0.0);
        }
        Parameter b = n.outputLayer().parameters().stream().filter(p -> p.name().contains("bias")).findFirst()
                .orElseThrow();
        System.arraycopy(bias, 0, b.value(), 0, bias.length);
        return n;
    }

    @Test
    void thePrimeComesFirstThenLengthCharacters() {
        String s = new Sampler(net(3), ABC, 1.0, new SplittableRandom(1)).sample("cab", 40);
        assertEquals(43, s.length());
        assertTrue(s.startsWith("cab"));
        assertTrue(s.chars().allMatch(c -> c >= 'a' && c <= 'c'), s);
    }

    @Test
    void temperatureZeroIsTheArgmaxWhateverTheSeed() {
        assertEquals("abbbbbb", new Sampler(constantLogits(0.1, 0.3, 0.2), ABC, 0, new SplittableRandom(1))
                .sample("a", 6));
        Network n = net(4);
        String one = new Sampler(n, ABC, 0, new SplittableRandom(1)).sample("ab", 100);
        String two = new Sampler(n, ABC, 0, new SplittableRandom(99)).sample("ab", 100);
        assertEquals(one, two);
        assertNotEquals(one, new Sampler(n, ABC, 1.0, new SplittableRandom(1)).sample("ab", 100),
                "at temperature 1 the draws are random");
    }

    @Test
    void drawsFollowTheSoftmaxOfTheLogitsOverTheTemperature() {
        double[] logits = {0.0, 1.0, 2.0};
        for (double tau : new double[] {0.5, 1.0, 2.0}) {
            double[] p = new double[3];
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                p[i] = Math.exp(logits[i] / tau);
                sum += p[i];
            }
            int n = 30_000;
            String s = new Sampler(constantLogits(logits), ABC, tau, new SplittableRandom(5)).sample("a", n);
            for (int i = 0; i < 3; i++) {
                char c = (char) ('a' + i);
                double freq = s.chars().skip(1).filter(x -> x == c).count() / (double) n;
                double expected = p[i] / sum;
                // 4 standard deviations of a binomial proportion
                double tol = 4 * Math.sqrt(expected * (1 - expected) / n);
                assertEquals(expected, freq, tol, "tau " + tau + ", symbol " + c);
            }
        }
    }

    /**
     * A float32 network's logits are float-backed, read by the sampler without a float64 copy:
     * at temperature 0 each character after the prime (which is longer than a prime chunk, so
     * the last row of a chunk is read at an offset) is the argmax of one forward over the text.
     */
    @Test
    void aFloat32ModelsGreedyTextIsTheArgmaxOfItsForward() {
        Network n = Network.builder(Registry.installed()).input(3).recurrent("gru", 5).output(3).seed(8)
                .precision(Precision.FLOAT32).build();
        StringBuilder prime = new StringBuilder();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < Sampler.PRIME_CHUNK + 7; i++) {
            prime.append((char) ('a' + r.nextInt(3)));
        }
        String s = new Sampler(n, ABC, 0, new SplittableRandom(1)).sample(prime.toString(), 40);
        int[] ids = ABC.encode(s, "the text");
        Sequence y = n.copy().forward(Sequence.of(OneHot.rows(ids, 0, ids.length - 1, 3)), null);
        assertTrue(y.isFloat(), "a float32 network's output is float-backed");
        for (int t = prime.length() - 1; t < ids.length - 1; t++) {
            int best = 0;
            for (int i = 1; i < 3; i++) {
                best = y.get(t, 0, i) > y.get(t, 0, best) ? i : best;
            }
            assertEquals(best, ids[t + 1], "character " + (t + 1));
        }
    }

    @Test
    void theNetworkIsLeftInTheModeItWasIn() {
        Network n = Network.builder(Registry.installed()).input(3).recurrent("gru", 4).recurrent("gru", 4)
                .dropout(0.5).output(3).seed(2).build();
        String first = new Sampler(n, ABC, 0, new SplittableRandom(1)).sample("abc", 30);
        assertTrue(n.isTraining());
        assertEquals(first, new Sampler(n, ABC, 0, new SplittableRandom(1)).sample("abc", 30),
                "no dropout while sampling: the same text twice");
    }

    @Test
    void badInputIsExplained() {
        Network n = net(1);
        assertEquals("the prime has 'd' (U+0064) at character 1, which is not in the model's vocabulary of 3 "
                + "characters: \"abc\"", assertThrows(IllegalArgumentException.class,
                        () -> new Sampler(n, ABC, 1, new SplittableRandom(1)).sample("ad", 3)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Sampler(n, ABC, 1, new SplittableRandom(1)).sample("", 3)).getMessage()
                .startsWith("the prime is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Sampler(n, ABC, -1, new SplittableRandom(1))).getMessage()
                .startsWith("the temperature must be a finite number >= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Sampler(n, ABC, Double.NaN, new SplittableRandom(1))).getMessage()
                .startsWith("the temperature must be"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Sampler(n, Vocabulary.of("abcd"), 1, new SplittableRandom(1))).getMessage()
                .contains("the vocabulary has 4 characters"));
        assertThrows(IllegalStateException.class, () -> new Sampler(n, ABC, 1, new SplittableRandom(1)).next());
    }
}
