package org.rnn4j.core;

import java.util.SplittableRandom;
import org.rnn4j.api.Sequence;

/** Random test data drawn from a seeded generator, shared by the tests of every core package. */
public final class Samples {

    private Samples() {
    }

    /**
     * @return a T x B x F batch of values uniform in [-1, 1)
     */
    public static Sequence randomSequence(SplittableRandom r, int steps, int batch, int features) {
        double[] v = new double[steps * batch * features];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return Sequence.wrap(steps, batch, features, v);
    }

    /**
     * @return a T x B x F batch whose rows are probability distributions (all entries > 0)
     */
    public static Sequence randomDistributions(SplittableRandom r, int steps, int batch, int features) {
        double[] v = new double[steps * batch * features];
        for (int row = 0; row < steps * batch; row++) {
            double s = 0;
            for (int i = 0; i < features; i++) {
                v[row * features + i] = r.nextDouble(0.01, 1);
                s += v[row * features + i];
            }
            for (int i = 0; i < features; i++) {
                v[row * features + i] /= s;
            }
        }
        return Sequence.wrap(steps, batch, features, v);
    }

    /**
     * @return a T x B mask in which sequence b is real for its first 1 + uniform(T) steps
     */
    public static boolean[] randomLengthMask(SplittableRandom r, int steps, int batch) {
        boolean[] mask = new boolean[steps * batch];
        for (int b = 0; b < batch; b++) {
            int len = 1 + r.nextInt(steps);
            for (int t = 0; t < len; t++) {
                mask[t * batch + b] = true;
            }
        }
        return mask;
    }
}
