package org.rnn4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An optimizer's state as named arrays, the form of {@link org.rnn4j.api.Optimizer#state()} and
 * of checkpoints: writes it and reads it back with every check.
 *
 * <p>The entries are {@code step} (the step count t), {@code lr} (the learning rate in force),
 * {@code sizes} (the parameter sizes, once the first step has fixed them) and
 * {@code <p>.<slot>} for parameter {@code p}'s buffers, with the optimizer's slot names
 * (PyTorch's: {@code momentum_buffer}, {@code sum}, {@code square_avg}, {@code exp_avg}, ...).
 */
final class StateSnapshot {

    private static final String STEP = "step";
    private static final String LR = "lr";
    private static final String SIZES = "sizes";

    /**
     * What a snapshot holds, checked.
     *
     * @param steps the step count
     * @param lr the learning rate in force
     * @param sizes the parameter sizes, null before the first step
     * @param state {@code state[p][slot][element]}, copies of the snapshot's arrays; null with sizes
     */
    record Contents(long steps, double lr, int[] sizes, double[][][] state) {
    }

    private final String optimizer;
    private final String[] slots;

    /**
     * @param optimizer the provider name, for messages and the learning-rate check
     * @param slots the names of the state slots, in slot order
     */
    StateSnapshot(String optimizer, String[] slots) {
        this.optimizer = optimizer;
        this.slots = slots.clone();
    }

    /** The named arrays of these contents, all copies. */
    Map<String, double[]> write(Contents contents) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(STEP, new double[] {contents.steps()});
        m.put(LR, new double[] {contents.lr()});
        int[] sizes = contents.sizes();
        if (sizes != null) {
            double[] s = new double[sizes.length];
            for (int p = 0; p < s.length; p++) {
                s[p] = sizes[p];
            }
            m.put(SIZES, s);
            for (int p = 0; p < sizes.length; p++) {
                for (int k = 0; k < slots.length; k++) {
                    m.put(key(p, k), contents.state()[p][k].clone());
                }
            }
        }
        return m;
    }

    /**
     * Reads and checks a snapshot.
     *
     * @throws IllegalArgumentException naming the first entry that is missing, extra or out of range
     */
    Contents read(Map<String, double[]> snapshot) {
        Objects.requireNonNull(snapshot, "state");
        long t = wholeNumber(snapshot, STEP, 1L << 53);
        double lr = Settings.checkLearningRate(optimizer, single(snapshot, LR));
        int[] sizes = null;
        double[][][] state = null;
        int expectedKeys = 2;
        if (snapshot.containsKey(SIZES)) {
            double[] s = snapshot.get(SIZES);
            if (s == null) {
                throw new IllegalArgumentException(prefix() + "state entry '" + SIZES + "' is null");
            }
            sizes = new int[s.length];
            state = new double[s.length][slots.length][];
            for (int p = 0; p < s.length; p++) {
                if (!(s[p] >= 1 && s[p] <= Integer.MAX_VALUE && s[p] == Math.rint(s[p]))) {
                    throw new IllegalArgumentException(prefix() + "state entry '" + SIZES + "' value " + p + " is "
                            + s[p] + "; sizes are whole numbers >= 1");
                }
                sizes[p] = (int) s[p];
                for (int k = 0; k < slots.length; k++) {
                    state[p][k] = buffer(snapshot, key(p, k), sizes[p]);
                }
            }
            expectedKeys += 1 + s.length * slots.length;
        } else if (t > 0 && slots.length > 0) {
            throw new IllegalArgumentException(prefix() + "state at step " + t + " has no entry '" + SIZES
                    + "'; after the first step the parameter sizes and buffers are part of the state");
        }
        if (snapshot.size() != expectedKeys) {
            throw new IllegalArgumentException(prefix() + "state has unexpected entries " + unexpected(snapshot, sizes)
                    + "; expected step, lr, sizes and <index>.<slot> with slots " + List.of(slots));
        }
        return new Contents(t, lr, sizes, state);
    }

    /** The name of parameter p's slot k: {@code 0.exp_avg}. */
    String key(int p, int k) {
        return p + "." + slots[k];
    }

    private List<String> unexpected(Map<String, double[]> snapshot, int[] sizes) {
        List<String> extra = new ArrayList<>();
        for (String key : snapshot.keySet()) {
            boolean known = key.equals(STEP) || key.equals(LR) || (sizes != null && key.equals(SIZES));
            for (int p = 0; sizes != null && p < sizes.length && !known; p++) {
                for (int k = 0; k < slots.length && !known; k++) {
                    known = key.equals(key(p, k));
                }
            }
            if (!known) {
                extra.add(key);
            }
        }
        return extra;
    }

    private double single(Map<String, double[]> snapshot, String key) {
        double[] v = snapshot.get(key);
        if (v == null || v.length != 1) {
            throw new IllegalArgumentException(prefix() + "state needs entry '" + key + "' holding one number, got "
                    + (v == null ? "none" : v.length + " numbers"));
        }
        return v[0];
    }

    private long wholeNumber(Map<String, double[]> snapshot, String key, long max) {
        double v = single(snapshot, key);
        if (!(v >= 0 && v <= max && v == Math.rint(v))) {
            throw new IllegalArgumentException(prefix() + "state entry '" + key + "' must be a whole number in [0, "
                    + max + "], got " + v);
        }
        return (long) v;
    }

    private double[] buffer(Map<String, double[]> snapshot, String key, int size) {
        double[] v = snapshot.get(key);
        if (v == null) {
            throw new IllegalArgumentException(prefix() + "state has no entry '" + key + "'");
        }
        if (v.length != size) {
            throw new IllegalArgumentException(prefix() + "state entry '" + key + "' has " + v.length
                    + " numbers, but its parameter has " + size);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(prefix() + "state entry '" + key + "' value " + i + " is " + v[i]
                        + "; only finite values are allowed");
            }
        }
        return v.clone();
    }

    private String prefix() {
        return "optimizer '" + optimizer + "': ";
    }
}
