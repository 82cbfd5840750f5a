package org.rnn4j.examples.training;

import java.util.List;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.io.data.Task;

/**
 * The figures of a trained network on the held-out test part, in the file's units: accuracy
 * (classify: per sequence; tag: per step), RMSE and MAE (regress: per sequence; forecast: over
 * every forecast value of every test window) and, for forecast, the RMSE of the naive forecast
 * (the last observed value repeated) on the same windows.
 *
 * @param accuracy the fraction right, NaN for numeric tasks or no test part
 * @param rmse root mean squared error, NaN for classes or no test part
 * @param mae mean absolute error, NaN likewise
 * @param naiveRmse forecast only: the naive forecast's RMSE, else NaN
 * @param r2 the coefficient of determination, 1 - SS_res / SS_tot (SS_tot about the mean of the
 *     actual values), NaN for classes
 * @param confusion for classes, {@code confusion[actual][predicted]} counts (sequences, or steps
 *     for tag); else null
 * @param count test sequences (or windows)
 */
public record TaskEvaluation(double accuracy, double rmse, double mae, double naiveRmse, double r2, int[][] confusion,
        int count) {

    /** Sequences run through the network at once. */
    static final int CHUNK = 256;

    /**
     * Runs the network over the test part in evaluation mode (restoring its mode afterwards).
     *
     * @param net the trained network
     * @param task the task
     * @param test the test part
     * @return the figures
     */
    public static TaskEvaluation of(Network net, Task task, TaskData.TestPart test) {
        int n = test.inputs().size();
        if (n == 0) {
            return new TaskEvaluation(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, 0);
        }
        int[][] confusion = task.hasClasses() ? new int[net.outputSize()][net.outputSize()] : null;
        double mean = 0;
        if (test.values() != null) {
            long m = 0;
            for (double[] v : test.values()) {
                for (double d : v) {
                    mean += d;
                    m++;
                }
            }
            mean /= m;
        }
        double ssTot = 0;
        boolean was = net.isTraining();
        net.setTraining(false);
        try {
            long right = 0;
            long total = 0;
            double sq = 0;
            double abs = 0;
            double naiveSq = 0;
            for (int from = 0; from < n; from += CHUNK) {
                List<double[][]> part = test.inputs().subList(from, Math.min(n, from + CHUNK));
                Sequence y = net.forward(padded(part), null);
                for (int b = 0; b < part.size(); b++) {
                    int e = from + b;
                    if (task == Task.CLASSIFY) {
                        int p = argmax(y, 0, b);
                        int want = test.classes().get(e)[0];
                        right += p == want ? 1 : 0;
                        confusion[want][p]++;
                        total++;
                    } else if (task == Task.TAG) {
                        int[] tags = test.classes().get(e);
                        for (int t = 0; t < tags.length; t++) {
                            int p = argmax(y, t, b);
                            right += p == tags[t] ? 1 : 0;
                            confusion[tags[t]][p]++;
                        }
                        total += tags.length;
                    } else {
                        double[] want = test.values().get(e);
                        for (int h = 0; h < want.length; h++) {
                            double d = y.get(0, b, h) * test.targetScale() + test.targetMean() - want[h];
                            sq += d * d;
                            abs += Math.abs(d);
                            ssTot += (want[h] - mean) * (want[h] - mean);
                            if (test.naive() != null) {
                                double nd = test.naive().get(e)[h] - want[h];
                                naiveSq += nd * nd;
                            }
                        }
                        total += want.length;
                    }
                }
            }
            if (task.hasClasses()) {
                return new TaskEvaluation(right / (double) total, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        confusion, n);
            }
            return new TaskEvaluation(Double.NaN, Math.sqrt(sq / total), abs / total,
                    test.naive() == null ? Double.NaN : Math.sqrt(naiveSq / total), ssTot > 0 ? 1 - sq / ssTot
                            : Double.NaN, null, n);
        } finally {
            net.setTraining(was);
        }
    }

    /** The sequences as one batch, padded to the longest with a mask where they differ. */
    static Sequence padded(List<double[][]> seqs) {
        int steps = 0;
        for (double[][] s : seqs) {
            steps = Math.max(steps, s.length);
        }
        int batch = seqs.size();
        int features = seqs.get(0)[0].length;
        Sequence x = Sequence.zeros(steps, batch, features);
        boolean[] mask = new boolean[steps * batch];
        boolean ragged = false;
        for (int b = 0; b < batch; b++) {
            double[][] s = seqs.get(b);
            ragged |= s.length < steps;
            for (int t = 0; t < s.length; t++) {
                for (int f = 0; f < features; f++) {
                    x.set(t, b, f, s[t][f]);
                }
                mask[t * batch + b] = true;
            }
        }
        return ragged ? x.withMask(mask) : x;
    }

    private static int argmax(Sequence y, int t, int b) {
        int best = 0;
        for (int c = 1; c < y.features(); c++) {
            best = y.get(t, b, c) > y.get(t, b, best) ? c : best;
        }
        return best;
    }
}
