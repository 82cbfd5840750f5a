package org.rnn4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rnn4j.api.Layer;
import org.rnn4j.api.State;

/** Inputs of random test cases: masks and initial states shaped for a given network. */
public final class Cases {

    private Cases() {
    }

    /** A mask in which sequence b has its first lengths[b] steps real and the rest padded. */
    static boolean[] prefixMask(int steps, int... lengths) {
        int batch = lengths.length;
        boolean[] mask = new boolean[steps * batch];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                mask[t * batch + b] = true;
            }
        }
        return mask;
    }

    /**
     * A random mask: padding at the end of each sequence or, when {@code holes}, anywhere; at
     * least one real step in the batch.
     */
    static boolean[] randomMask(SplittableRandom r, int steps, int batch, boolean holes) {
        boolean[] mask = new boolean[steps * batch];
        for (int b = 0; b < batch; b++) {
            int len = r.nextInt(steps + 1);
            for (int t = 0; t < steps; t++) {
                mask[t * batch + b] = holes ? r.nextInt(3) != 0 : t < len;
            }
        }
        mask[r.nextInt(mask.length)] = true;
        return mask;
    }

    /** One random state per recurrent layer, every block of it, values in (-0.9, 0.9). */
    public static List<State> randomInitial(SplittableRandom r, Network net, int batch) {
        List<State> states = new ArrayList<>();
        for (Layer l : net.recurrentLayers()) {
            int[] sizes = l.stateSizes();
            double[][] parts = new double[sizes.length][];
            for (int k = 0; k < sizes.length; k++) {
                parts[k] = new double[batch * sizes[k]];
                for (int i = 0; i < parts[k].length; i++) {
                    parts[k][i] = r.nextDouble(-0.9, 0.9);
                }
            }
            states.add(new State(parts));
        }
        return states;
    }
}
