package org.rnn4j.examples.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.reber.EmbeddedReber;
import org.rnn4j.examples.reber.ReberGrammar;

/**
 * Sequence classification: is a string a sentence of the embedded Reber grammar? (Reber 1967;
 * the embedded grammar of Fahlman 1991 and Hochreiter and Schmidhuber 1997, whose grammar
 * recognition task goes back to Cleeremans, Servan-Schreiber and McClelland, "Finite State
 * Automata and Simple Recurrent Networks", Neural Computation 1(3), 1989.)
 *
 * <p>Half of the strings are grammatical (class 1). The other half (class 0) are grammatical
 * strings with one symbol changed so that the grammar rejects them: in half of them the
 * symbol before the final E, which must repeat the second symbol (T or P) across the whole
 * inner string, is the other one (only a net that carries that bit to the end can tell), in the
 * other half a random symbol elsewhere. Always answering one class scores 50%. The strings
 * differ in length and are padded; the network reads each one's last step and classifies it
 * from class indices ({@code sparse_softmax_cross_entropy}), one-hot symbols in.
 *
 * <pre>
 *   java -p "rnn-examples/target/lib:$(ls rnn-examples/target/rnn-examples-*.jar)" \
 *       -m org.rnn4j.examples/org.rnn4j.examples.tasks.ReberAcceptance [steps] [seed]
 * </pre>
 */
public final class ReberAcceptance {

    /** The test set's size. */
    static final int TEST_STRINGS = 1000;
    /** The training batch size. */
    static final int BATCH = 32;

    private ReberAcceptance() {
    }

    /**
     * One labelled string.
     *
     * @param text the symbols
     * @param grammatical whether the embedded grammar accepts it (class 1)
     * @param longRange for a rejected string, whether the change was the final branch symbol
     */
    public record Example(String text, boolean grammatical, boolean longRange) {
    }

    /**
     * @param r the random source
     * @return a grammatical string or, with probability 1/2, a rejected one
     */
    public static Example example(SplittableRandom r) {
        String s = EmbeddedReber.generate(r);
        if (r.nextBoolean()) {
            return new Example(s, true, false);
        }
        if (r.nextBoolean()) {
            int i = EmbeddedReber.longRangeIndex(s);
            char other = s.charAt(i) == 'T' ? 'P' : 'T';
            return new Example(s.substring(0, i) + other + s.substring(i + 1), false, true);
        }
        while (true) {
            int i = r.nextInt(s.length());
            char c = ReberGrammar.SYMBOLS.charAt(r.nextInt(ReberGrammar.SYMBOLS.length()));
            String t = s.substring(0, i) + c + s.substring(i + 1);
            if (!EmbeddedReber.accepts(t)) {
                return new Example(t, false, false);
            }
        }
    }

    /**
     * Examples as a padded batch: one-hot symbols over {@link ReberGrammar#SYMBOLS}, one class
     * index per string.
     *
     * @param examples the strings
     * @return inputs T x B x 7 (T the longest string), targets 1 x B x 1
     */
    public static LabelledBatch batch(List<Example> examples) {
        int steps = examples.stream().mapToInt(e -> e.text().length()).max().orElseThrow();
        int batch = examples.size();
        int n = ReberGrammar.SYMBOLS.length();
        Sequence x = Sequence.zeros(steps, batch, n);
        boolean[] mask = new boolean[steps * batch];
        double[] classes = new double[batch];
        for (int b = 0; b < batch; b++) {
            String s = examples.get(b).text();
            for (int t = 0; t < s.length(); t++) {
                x.set(t, b, ReberGrammar.SYMBOLS.indexOf(s.charAt(t)), 1.0);
                mask[t * batch + b] = true;
            }
            classes[b] = examples.get(b).grammatical() ? 1 : 0;
        }
        return new LabelledBatch(x.withMask(mask), Sequence.wrap(1, batch, 1, classes));
    }

    static List<Example> examples(SplittableRandom r, int count) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(example(r));
        }
        return out;
    }

    /**
     * The network: an LSTM of 24 units read at each string's last step, a dense layer of two
     * class scores, softmax cross-entropy against the class index.
     *
     * @param registry the plug-ins
     * @param seed the seed of the weights
     * @return the network
     */
    public static Network network(Registry registry, long seed) {
        return Network.builder(registry).input(ReberGrammar.SYMBOLS.length()).recurrent("lstm", 24).lastStep()
                .output(2).loss("sparse_softmax_cross_entropy").seed(seed).build();
    }

    /**
     * Trains on fresh batches and measures the accuracy on held-out strings.
     *
     * @param registry the plug-ins
     * @param trainingSteps how many batches of {@value #BATCH}
     * @param seed the seed of everything
     * @return the figures
     */
    public static Result run(Registry registry, int trainingSteps, long seed) {
        Network net = network(registry, seed);
        SplittableRandom root = new SplittableRandom(seed);
        long trainSeed = root.nextLong();
        List<Example> test = examples(new SplittableRandom(root.nextLong()), TEST_STRINGS);
        double train = Fit.train(net, registry, 0.01, trainingSteps,
                s -> batch(examples(new SplittableRandom(trainSeed + s), BATCH)));
        net.setTraining(false);
        Sequence scores = net.forward(batch(test).x(), null);
        int right = 0;
        int longRange = 0;
        int longRangeRight = 0;
        long grammatical = test.stream().filter(Example::grammatical).count();
        for (int b = 0; b < test.size(); b++) {
            boolean saysGrammatical = scores.get(0, b, 1) > scores.get(0, b, 0);
            boolean ok = saysGrammatical == test.get(b).grammatical();
            right += ok ? 1 : 0;
            if (test.get(b).longRange()) {
                longRange++;
                longRangeRight += ok ? 1 : 0;
            }
        }
        double majority = Math.max(grammatical, test.size() - grammatical) / (double) test.size();
        return new Result(trainingSteps, train, right / (double) test.size(), longRangeRight / (double) longRange,
                majority);
    }

    /**
     * The figures of a run.
     *
     * @param trainingSteps batches trained on
     * @param trainLoss the mean training loss over the last tenth of the run
     * @param testAccuracy the accuracy on {@value #TEST_STRINGS} held-out strings
     * @param longRangeAccuracy the accuracy on the held-out strings whose only fault is the final branch symbol
     * @param majorityAccuracy the accuracy of always answering the test set's larger class
     */
    public record Result(int trainingSteps, double trainLoss, double testAccuracy, double longRangeAccuracy,
            double majorityAccuracy) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "embedded Reber recognition, %d steps of %d: train loss %.4f, test"
                    + " accuracy %.3f (long-range faults %.3f; majority class %.3f)", trainingSteps, BATCH, trainLoss,
                    testAccuracy, longRangeAccuracy, majorityAccuracy);
        }
    }

    /**
     * Trains and prints the figures.
     *
     * @param args [training steps (default 2000)] [seed (default 1)]
     */
    public static void main(String[] args) {
        int training = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        long start = System.nanoTime();
        Result r = run(Registry.installed(), training, seed);
        System.out.println(r + String.format(Locale.ROOT, "; %.1f s", (System.nanoTime() - start) / 1e9));
    }
}
