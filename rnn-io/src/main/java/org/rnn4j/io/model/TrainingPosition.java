package org.rnn4j.io.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.State;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.TrainingState;

/**
 * A {@link TrainingState} as the string map a {@link Checkpoint} keeps as its position, and back,
 * bit for bit: every number is written so that reading it gives the same double (decimal when
 * that round-trips, else Java's hexadecimal floating-point form), and the carried recurrent
 * states as base64 of their little-endian F64 bytes.
 *
 * <pre>
 *   epoch, batch, step, epoch_loss_sum, epoch_real_steps, best_validation_loss,
 *   epochs_without_improvement, base_learning_rate      one number each
 *   carried                                              the number of layers with a carried state (0: zeros)
 *   carried.&lt;l&gt;                                         layer l's state blocks: base64, comma-separated
 *   history                                              the epochs ended so far, ';'-separated, each
 *                                                        epoch,step,batches,train,val,lr,seconds,chars/s
 * </pre>
 *
 * {@code epoch} counts the epochs completed, as {@link TrainingState#epoch()} does, and so does
 * each history entry's first field: the epoch's number minus 1 ({@link EpochMetrics#epoch()} is
 * 1 for the first epoch). Checkpoints have always been written so, and keep being read as before.
 *
 * Other entries of the map are ignored, so a caller may keep its own settings beside these.
 */
public final class TrainingPosition {

    private static final String[] KEYS = {"epoch", "batch", "step", "epoch_loss_sum", "epoch_real_steps",
        "best_validation_loss", "epochs_without_improvement", "base_learning_rate", "carried", "history"};

    private TrainingPosition() {
    }

    /**
     * @param s where a run stands
     * @return its entries, in a fixed order
     */
    public static Map<String, String> of(TrainingState s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epoch", Integer.toString(s.epoch()));
        m.put("batch", Integer.toString(s.batch()));
        m.put("step", Long.toString(s.step()));
        m.put("epoch_loss_sum", number(s.epochLossSum()));
        m.put("epoch_real_steps", Long.toString(s.epochRealSteps()));
        m.put("best_validation_loss", number(s.bestValidationLoss()));
        m.put("epochs_without_improvement", Integer.toString(s.epochsWithoutImprovement()));
        m.put("base_learning_rate", number(s.baseLearningRate()));
        m.put("carried", Integer.toString(s.carried().size()));
        for (int l = 0; l < s.carried().size(); l++) {
            List<String> blocks = new ArrayList<>();
            for (double[] part : s.carried().get(l).parts()) {
                blocks.add(base64(part));
            }
            m.put("carried." + l, String.join(",", blocks));
        }
        List<String> epochs = new ArrayList<>();
        for (EpochMetrics e : s.history()) {
            epochs.add((e.epoch() - 1) + "," + e.step() + "," + e.batches() + "," + number(e.trainLoss()) + ","
                    + number(e.validationLoss()) + "," + number(e.learningRate()) + "," + number(e.seconds()) + ","
                    + number(e.charsPerSecond()));
        }
        m.put("history", String.join(";", epochs));
        return m;
    }

    /**
     * Reads a position written by {@link #of(TrainingState)}.
     *
     * @param m the checkpoint's position
     * @return the training state
     * @throws IllegalArgumentException naming the entry that is missing or malformed
     */
    public static TrainingState parse(Map<String, String> m) {
        for (String k : KEYS) {
            if (!m.containsKey(k)) {
                throw new IllegalArgumentException("the checkpoint's training position has no '" + k + "'; it was not "
                        + "written by rnn4j's trainer");
            }
        }
        int layers = (int) whole(m, "carried", 0, 1 << 16);
        List<State> carried = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            String key = "carried." + l;
            String blocks = m.get(key);
            if (blocks == null || blocks.isEmpty()) {
                throw new IllegalArgumentException("the checkpoint's training position has no '" + key + "'");
            }
            List<double[]> parts = new ArrayList<>();
            for (String b : blocks.split(",", -1)) {
                parts.add(doubles(b, key));
            }
            carried.add(new State(parts.toArray(double[][]::new)));
        }
        List<EpochMetrics> history = new ArrayList<>();
        String h = m.get("history");
        if (!h.isEmpty()) {
            for (String e : h.split(";", -1)) {
                String[] f = e.split(",", -1);
                if (f.length != 8) {
                    throw new IllegalArgumentException("the checkpoint's training history has an entry of " + f.length
                            + " fields, expected 8: " + Text.quote(e));
                }
                history.add(new EpochMetrics(integer(f[0], "history") + 1, longValue(f[1], "history"),
                        integer(f[2], "history"), real(f[3], "history"), real(f[4], "history"),
                        real(f[5], "history"), real(f[6], "history"), real(f[7], "history")));
            }
        }
        return new TrainingState((int) whole(m, "epoch", 0, Integer.MAX_VALUE),
                (int) whole(m, "batch", 0, Integer.MAX_VALUE), whole(m, "step", 0, Long.MAX_VALUE),
                carried, real(m.get("epoch_loss_sum"), "epoch_loss_sum"), whole(m, "epoch_real_steps", 0, Long.MAX_VALUE),
                real(m.get("best_validation_loss"), "best_validation_loss"),
                (int) whole(m, "epochs_without_improvement", 0, Integer.MAX_VALUE), history,
                real(m.get("base_learning_rate"), "base_learning_rate"));
    }

    /** Decimal when it reads back as the same double, else hexadecimal floating point. */
    static String number(double d) {
        String s = Double.toString(d);
        return Double.doubleToRawLongBits(Double.parseDouble(s)) == Double.doubleToRawLongBits(d) ? s
                : Double.toHexString(d);
    }

    private static long whole(Map<String, String> m, String key, long min, long max) {
        long v = longValue(m.get(key), key);
        if (v < min || v > max) {
            throw new IllegalArgumentException("the checkpoint's training position '" + key + "' is " + v
                    + "; it must be in [" + min + ", " + max + "]");
        }
        return v;
    }

    private static int integer(String s, String key) {
        long v = longValue(s, key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the checkpoint's training position '" + key + "' has " + v
                    + ", beyond an int");
        }
        return (int) v;
    }

    private static long longValue(String s, String key) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's training position '" + key + "' has "
                    + Text.quote(s) + " where a whole number belongs");
        }
    }

    private static double real(String s, String key) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's training position '" + key + "' has "
                    + Text.quote(s) + " where a number belongs");
        }
    }

    private static String base64(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static double[] doubles(String base64, String key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint's training position '" + key + "' is not base64: "
                    + e.getMessage());
        }
        if (bytes.length % Double.BYTES != 0) {
            throw new IllegalArgumentException("the checkpoint's training position '" + key + "' has " + bytes.length
                    + " bytes, not a whole number of F64 values");
        }
        double[] d = new double[bytes.length / Double.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("the checkpoint's training position '" + key + "' has " + d[i]
                        + " at index " + i + "; a carried state must be finite");
            }
        }
        return d;
    }
}
