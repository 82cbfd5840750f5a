package org.rnn4j.examples.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.io.data.SequenceTable;

/**
 * The adding problem (Hochreiter and Schmidhuber, "Long Short-Term Memory", Neural Computation
 * 9(8), 1997, experiment 4; in the form of Le, Jaitly and Hinton, "A Simple Way to Initialize
 * Recurrent Networks of Rectified Linear Units", 2015): each step holds a random number in [0, 1]
 * and a marker; exactly two steps are marked, one in the first half of the sequence and one in
 * the second; the target is the sum of the two marked numbers. Answering 1 whatever the input
 * (the mean of the sum) scores the variance of the sum, 2/12 = 0.167, as mean squared error; a
 * network that scores far below that has learned to find and add the marked numbers across
 * the whole sequence.
 *
 * <p>Here the sequences of a batch also differ in length (each between T/2 and T steps, padded
 * to T): the network reads each one's own last step ({@code lastStep()}).
 *
 * <pre>
 *   java -p "rnn-examples/target/lib:$(ls rnn-examples/target/rnn-examples-*.jar)" \
 *       -m org.rnn4j.examples/org.rnn4j.examples.tasks.AddingProblem [T] [steps] [seed]
 * </pre>
 */
public final class AddingProblem {

    /** The test set's size. */
    static final int TEST_SEQUENCES = 1000;
    /** The training batch size. */
    static final int BATCH = 32;

    private AddingProblem() {
    }

    /**
     * A batch of adding problems.
     *
     * @param r the random source
     * @param steps T, the longest sequence (at least 4)
     * @param batch B
     * @return inputs T x B x 2 (number, marker), padded; targets 1 x B x 1 (the sum)
     */
    public static LabelledBatch batch(SplittableRandom r, int steps, int batch) {
        Sequence x = Sequence.zeros(steps, batch, 2);
        boolean[] mask = new boolean[steps * batch];
        double[] sums = new double[batch];
        for (int b = 0; b < batch; b++) {
            int length = steps / 2 + r.nextInt(steps - steps / 2 + 1);
            for (int t = 0; t < length; t++) {
                x.set(t, b, 0, r.nextDouble());
                mask[t * batch + b] = true;
            }
            for (int t = length; t < steps; t++) {
                x.set(t, b, 0, r.nextDouble()); // padding: never read
            }
            int first = r.nextInt(length / 2);
            int second = length / 2 + r.nextInt(length - length / 2);
            x.set(first, b, 1, 1.0);
            x.set(second, b, 1, 1.0);
            sums[b] = x.get(first, b, 0) + x.get(second, b, 0);
        }
        return new LabelledBatch(x.withMask(mask), Sequence.wrap(1, batch, 1, sums));
    }

    /**
     * Adding problems as a table of whole sequences (each of its own length, between T/2 and T
     * steps; features {@code value} and {@code marker}, target {@code sum}), for
     * {@code ./rnn4j train --data FILE.csv --task regress} (see {@link GenerateCsv}).
     *
     * @param count the sequences
     * @param steps T, the longest sequence (at least 4)
     * @param seed the seed
     * @return the table, ids {@code s0, s1, ...}, line numbers as a CSV with a header would have them
     */
    public static SequenceTable table(int count, int steps, long seed) {
        LabelledBatch b = batch(new SplittableRandom(seed), steps, count);
        List<String> ids = new ArrayList<>();
        List<double[][]> xs = new ArrayList<>();
        List<int[]> lines = new ArrayList<>();
        double[] sums = new double[count];
        int line = 2;
        for (int s = 0; s < count; s++) {
            int length = 0;
            while (length < steps && b.x().active(length * count + s)) {
                length++;
            }
            double[][] x = new double[length][2];
            int[] l = new int[length];
            for (int t = 0; t < length; t++) {
                x[t][0] = b.x().get(t, s, 0);
                x[t][1] = b.x().get(t, s, 1);
                l[t] = line++;
            }
            ids.add("s" + s);
            xs.add(x);
            lines.add(l);
            sums[s] = b.target().get(0, s, 0);
        }
        return SequenceTable.numbers("adding", List.of("value", "marker"), "sum", ids, xs, lines, sums);
    }

    /**
     * The network: an LSTM of 32 units read at each sequence's last step, a dense output, mse.
     *
     * @param registry the plug-ins
     * @param seed the seed of the weights
     * @return the network
     */
    public static Network network(Registry registry, long seed) {
        return Network.builder(registry).input(2).recurrent("lstm", 32).lastStep().output(1).loss("mse").seed(seed)
                .build();
    }

    /**
     * Trains on fresh batches and measures the test MSE on held-out sequences.
     *
     * @param registry the plug-ins
     * @param steps T
     * @param trainingSteps how many batches of {@value #BATCH}
     * @param seed the seed of everything
     * @return the figures
     */
    public static Result run(Registry registry, int steps, int trainingSteps, long seed) {
        Network net = network(registry, seed);
        SplittableRandom root = new SplittableRandom(seed);
        long trainSeed = root.nextLong();
        LabelledBatch test = batch(new SplittableRandom(root.nextLong()), steps, TEST_SEQUENCES);
        double train = Fit.train(net, registry, 0.01, trainingSteps,
                s -> batch(new SplittableRandom(trainSeed + s), steps, BATCH));
        net.setTraining(false);
        double testMse = net.loss(test.x(), test.target(), null);
        double baseline = 0;
        for (double d : test.target().data()) {
            baseline += (d - 1) * (d - 1);
        }
        return new Result(steps, trainingSteps, train, testMse, baseline / TEST_SEQUENCES);
    }

    /**
     * The figures of a run.
     *
     * @param steps T
     * @param trainingSteps batches trained on
     * @param trainMse the mean training loss over the last tenth of the run
     * @param testMse the MSE on {@value #TEST_SEQUENCES} held-out sequences
     * @param baselineMse the MSE of always answering 1 on them
     */
    public record Result(int steps, int trainingSteps, double trainMse, double testMse, double baselineMse) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "adding problem, T %d, %d steps of %d: train MSE %.5f, test MSE %.5f"
                    + " (always answering 1: %.4f)", steps, trainingSteps, BATCH, trainMse, testMse, baselineMse);
        }
    }

    /**
     * Trains and prints the figures.
     *
     * @param args [T (default 100)] [training steps (default 3000)] [seed (default 1)]
     */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int training = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        long start = System.nanoTime();
        Result r = run(Registry.installed(), steps, training, seed);
        System.out.println(r + String.format(Locale.ROOT, "; %.1f s", (System.nanoTime() - start) / 1e9));
    }
}
