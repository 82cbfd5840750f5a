package org.rnn4j.examples.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.TrainingState;
import org.rnn4j.io.data.Task;
import org.rnn4j.io.model.Text;

/**
 * What the checkpoint of a {@code ./rnn4j train --data} run records beside the trainer's position,
 * so that {@code --resume} continues it bit for bit: every setting ({@code run.task},
 * {@code run.id}, {@code run.target}, {@code run.time}, {@code run.features.*},
 * {@code run.window}, {@code run.horizon}, {@code run.test_fraction}, {@code run.val_fraction},
 * {@code run.cell}, {@code run.layers}, {@code run.hidden}, {@code run.dense} and
 * {@code run.dense_activation} (with hidden dense layers), {@code run.epochs}, {@code run.lr},
 * {@code run.batch}, {@code run.clip}, {@code run.seed}, {@code run.precision}), the data file's
 * path ({@code run.data}, never opened as recorded) and SHA-256 ({@code run.data_sha256}), and the
 * best validation epoch so far with its weights ({@code run.best.epoch}, {@code run.best.i}), which
 * the run puts back at its end. The standardisation and the class labels are in the checkpoint's
 * model (its {@code data} entry) and are checked against those fitted again on the data read.
 */
public final class DataCheckpoint {

    /** The key that marks the checkpoint of a {@code --data} run. */
    public static final String TASK = "run.task";
    private static final String SHA256 = "run.data_sha256";
    private static final String BEST = "run.best.";

    private DataCheckpoint() {
    }

    /**
     * @param position a checkpoint's position
     * @return whether it is that of a {@code --data} run
     */
    public static boolean isDataRun(Map<String, String> position) {
        return position.containsKey(TASK);
    }

    /**
     * @param s the run's settings
     * @param sha256 the data file's SHA-256
     * @param bestEpoch the best epoch so far, or null
     * @param bestWeights its weights, or null
     * @return the entries to add to the checkpoint's position
     */
    static Map<String, String> record(DataSettings s, String sha256, EpochMetrics bestEpoch, List<double[]> bestWeights) {
        Map<String, String> m = new TreeMap<>();
        m.put("run.data", s.data().toAbsolutePath().toString());
        m.put(SHA256, sha256);
        m.put(TASK, s.task().cliName());
        if (s.id() != null) {
            m.put("run.id", s.id());
        }
        m.put("run.target", s.target());
        if (s.time() != null) {
            m.put("run.time", s.time());
        }
        m.put("run.features.count", Integer.toString(s.features().size()));
        for (int i = 0; i < s.features().size(); i++) {
            m.put("run.features." + i, s.features().get(i));
        }
        m.put("run.window", Integer.toString(s.window()));
        m.put("run.horizon", Integer.toString(s.horizon()));
        m.put("run.test_fraction", Double.toString(s.testFraction()));
        m.put("run.val_fraction", Double.toString(s.valFraction()));
        m.put("run.cell", s.cell());
        m.put("run.layers", Integer.toString(s.layers()));
        m.put("run.hidden", Integer.toString(s.hidden()));
        m.putAll(s.dense().toMap());
        m.put("run.epochs", Integer.toString(s.epochs()));
        m.put("run.lr", s.lr());
        m.put("run.batch", Integer.toString(s.batch()));
        m.put("run.clip", Double.toString(s.clip()));
        m.put("run.seed", Long.toString(s.seed()));
        m.put("run.precision", s.precision().label());
        if (bestEpoch != null && bestWeights != null) {
            m.put(BEST + "epoch", Integer.toString(bestEpoch.epoch()));
            m.put(BEST + "count", Integer.toString(bestWeights.size()));
            for (int i = 0; i < bestWeights.size(); i++) {
                StringBuilder b = new StringBuilder();
                for (double v : bestWeights.get(i)) {
                    b.append(b.length() == 0 ? "" : ",").append(v);
                }
                m.put(BEST + i, b.toString());
            }
        }
        return m;
    }

    /**
     * The settings a checkpoint records, on the data file given for the resume.
     *
     * @param position the checkpoint's position
     * @param data the data file to read (the recorded path is never opened)
     * @return the settings
     * @throws IllegalArgumentException if an entry is missing or not valid
     */
    public static DataSettings settings(Map<String, String> position, Path data) {
        if (!position.containsKey(SHA256) && !position.containsKey("run.features.count")) {
            throw new IllegalArgumentException("the checkpoint is of a --data run of an rnn4j that did not record what "
                    + "a resume needs (its settings and the data's SHA-256); train again with --data");
        }
        RecordedSettings r = recorded(position);
        int count = r.whole("run.features.count");
        List<String> features = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            features.add(r.text("run.features." + i));
        }
        return new DataSettings(data, Task.of(r.text(TASK)), r.optional("run.id"), r.text("run.target"),
                r.optional("run.time"), features, r.whole("run.window"), r.whole("run.horizon"),
                r.real("run.test_fraction"), r.real("run.val_fraction"), r.text("run.cell"), r.whole("run.layers"),
                r.whole("run.hidden"), DenseLayers.fromMap(position), r.whole("run.epochs"), r.text("run.lr"),
                r.whole("run.batch"), r.real("run.clip"), r.wholeLong("run.seed"), r.precision("run.precision"));
    }

    /** @return the file name recorded in {@code run.data}, for messages */
    static String recordedData(Map<String, String> position) {
        return Text.quote(position.getOrDefault("run.data", ""));
    }

    /**
     * @param position a checkpoint's position
     * @param sha256 the SHA-256 of the data file given
     * @param file that file
     * @throws IllegalArgumentException if it is not the file the checkpoint was trained on
     */
    static void requireSameData(Map<String, String> position, String sha256, Path file) {
        String was = position.get(SHA256);
        if (!sha256.equals(was)) {
            throw new IllegalArgumentException(file + " is not the data the checkpoint was trained on ("
                    + recordedData(position) + ", SHA-256 " + (was == null ? "none" : Text.escape(was)) + "; this file's "
                    + sha256 + "); resume with that file, unchanged");
        }
    }

    /**
     * @param position a checkpoint's position
     * @param state the position parsed
     * @return the best epoch recorded (one of the history's), or null
     * @throws IllegalArgumentException if it is not one of the history's
     */
    static EpochMetrics bestEpoch(Map<String, String> position, TrainingState state) {
        if (!position.containsKey(BEST + "epoch")) {
            return null;
        }
        int e = recorded(position).whole(BEST + "epoch");
        for (EpochMetrics m : state.history()) {
            if (m.epoch() == e) {
                return m;
            }
        }
        throw new IllegalArgumentException("the checkpoint's run.best.epoch " + e + " is not an epoch of its history");
    }

    /**
     * @param position a checkpoint's position with a best epoch
     * @return its weights, one array per parameter
     * @throws IllegalArgumentException if they cannot be read
     */
    static List<double[]> bestWeights(Map<String, String> position) {
        RecordedSettings r = recorded(position);
        int count = r.whole(BEST + "count");
        List<double[]> weights = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String v = r.text(BEST + i);
            String[] parts = v.isEmpty() ? new String[0] : v.split(",", -1);
            double[] w = new double[parts.length];
            for (int k = 0; k < parts.length; k++) {
                try {
                    w[k] = Double.parseDouble(parts[k]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the checkpoint's " + BEST + i + " is not a list of numbers");
                }
            }
            weights.add(w);
        }
        return weights;
    }

    /**
     * @param file a file
     * @return the SHA-256 of its bytes, in hex
     * @throws IllegalArgumentException if it cannot be read
     */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // the digest sees every byte
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + RunOutputs.reason(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    private static RecordedSettings recorded(Map<String, String> position) {
        return new RecordedSettings(position, "it is of a --data run; was it altered?");
    }
}
