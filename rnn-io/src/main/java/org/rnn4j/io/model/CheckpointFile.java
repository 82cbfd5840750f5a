package org.rnn4j.io.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Options;
import org.rnn4j.core.Registry;

/**
 * Saves and loads checkpoints: a model file (same tensors and metadata, {@code format}
 * {@code rnn4j-checkpoint}) plus the optimizer's state as tensors {@code optimizer.<entry>} (one
 * per entry of {@link Optimizer#state()}, one-dimensional, {@code F64} whatever the network's
 * precision: the optimizers keep their state in float64) and four metadata entries:
 * {@code optimizer} (its name), {@code optimizer_settings} and {@code position} (JSON objects of
 * strings) and {@code dropout_draws} (the network's {@link
 * org.rnn4j.core.Network#dropoutDraws()}, a JSON list of strings: the step whose dropout masks
 * come next; with the seed in the model's metadata, the network's whole random state. A
 * {@code Trainer} sets that step from the position's own before each step, so a resumed run
 * draws the uninterrupted run's masks; a checkpoint written before masks were keyed by step holds
 * draw counts there, which load as steps).
 *
 * <p>Loading makes the optimizer again through the registry from its name and settings and
 * restores its state, so that training continues bit for bit as if never interrupted, in the
 * precision the checkpoint was written in (its network's tensors are {@code F32} for a float32
 * network, {@code F64} for a float64 one, and its metadata records which). Writes
 * are atomic ({@link AtomicFile}): a crash mid-save leaves the previous checkpoint whole.
 * {@link ModelFile#load} reads the model part of a checkpoint too. Where the state records the
 * parameter sizes (entry {@code sizes}, as the standard optimizers do), they must be the
 * network's.
 */
public final class CheckpointFile {

    static final String OPTIMIZER = "optimizer";
    static final String SETTINGS = "optimizer_settings";
    static final String POSITION = "position";
    static final String DROPOUT_DRAWS = "dropout_draws";

    private CheckpointFile() {
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param file the file to create or replace
     * @param checkpoint what to save
     * @throws IOException if writing fails (the previous file is then untouched)
     * @throws UnsupportedOperationException if the optimizer cannot save its state
     */
    public static void save(Path file, Checkpoint checkpoint) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Map<String, double[]> state = checkpoint.optimizer().state();
        AtomicFile.write(file, out -> write(out, checkpoint, state));
    }

    /**
     * Writes a checkpoint to a stream.
     *
     * @param out where to write; not closed
     * @param checkpoint what to save
     * @throws IOException on a write error
     */
    public static void write(OutputStream out, Checkpoint checkpoint) throws IOException {
        write(out, checkpoint, checkpoint.optimizer().state());
    }

    /**
     * @param checkpoint what to save
     * @return the bytes of its file
     */
    public static byte[] toBytes(Checkpoint checkpoint) {
        return Io.toBytes(out -> write(out, checkpoint));
    }

    /**
     * Loads a checkpoint.
     *
     * @param file the file
     * @param registry the installed plug-ins (layers, activations, loss and the optimizer)
     * @return the checkpoint, its optimizer restored
     * @throws InvalidModelFileException if the file is not a valid rnn4j checkpoint
     * @throws IOException if the file cannot be read
     */
    public static Checkpoint load(Path file, Registry registry) throws IOException {
        return Io.fromFile(file, (src, where) -> read(src, where, registry));
    }

    /**
     * Loads a checkpoint from the bytes of a file.
     *
     * @param bytes the content
     * @param registry the installed plug-ins
     * @return the checkpoint
     * @throws InvalidModelFileException if the bytes are not a valid rnn4j checkpoint
     */
    public static Checkpoint fromBytes(byte[] bytes, Registry registry) {
        return Io.fromBytes(bytes, (src, where) -> read(src, where, registry));
    }

    private static void write(OutputStream out, Checkpoint c, Map<String, double[]> state) throws IOException {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(OPTIMIZER, c.optimizer().name());
        extra.put(SETTINGS, Json.write(c.optimizerSettings()));
        extra.put(POSITION, Json.write(c.position()));
        extra.put(DROPOUT_DRAWS, Json.write(Arrays.stream(c.model().network().dropoutDraws()).mapToObj(Long::toString)
                .toList()));
        List<SafeTensors.Tensor> tensors = ModelFile.tensors(c.model());
        state.forEach((k, v) -> tensors.add(new SafeTensors.Tensor(ModelReader.OPTIMIZER_PREFIX + k,
                new int[] {v.length}, v.clone())));
        SafeTensorsWriter.write(out, ModelFile.metadata(ModelMetadata.CHECKPOINT, c.model(), extra), tensors);
    }

    private static Checkpoint read(Source src, String where, Registry registry) throws IOException {
        ModelReader.Loaded loaded = ModelReader.read(src, where, registry);
        if (!loaded.format().equals(ModelMetadata.CHECKPOINT)) {
            throw new InvalidModelFileException(where, "is a model file (format " + loaded.format()
                    + "), not a checkpoint; it holds no optimizer state or training position to resume from");
        }
        Map<String, String> md = loaded.header().metadata();
        String name = md.get(OPTIMIZER);
        if (name == null) {
            throw new InvalidModelFileException(where, "metadata has no '" + OPTIMIZER + "'");
        }
        Map<String, String> settings = strings(md.get(SETTINGS), SETTINGS, where);
        Map<String, String> position = strings(md.get(POSITION), POSITION, where);
        Optimizer optimizer;
        try {
            optimizer = registry.optimizer(name).create(new Options("optimizer '" + name + "'", settings));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(where, e.getMessage(), e);
        }
        Map<String, double[]> state = new LinkedHashMap<>();
        for (SafeTensors.Entry e : loaded.header().entries().values()) {
            if (e.name().startsWith(ModelReader.OPTIMIZER_PREFIX)) {
                if (e.shape().length != 1) {
                    throw new InvalidModelFileException(where, "optimizer state tensor " + Text.quote(e.name())
                            + " has shape " + Text.shape(e.shape()) + "; optimizer state is one-dimensional");
                }
                state.put(e.name().substring(ModelReader.OPTIMIZER_PREFIX.length()),
                        TensorReader.read(src, loaded.header(), e, where));
            }
        }
        requireSizesMatch(state.get("sizes"), loaded.model(), where);
        try {
            loaded.model().network().restoreDropoutDraws(draws(md.get(DROPOUT_DRAWS), where));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(where, "metadata '" + DROPOUT_DRAWS + "' does not fit: "
                    + e.getMessage(), e);
        }
        try {
            optimizer.restore(state);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new InvalidModelFileException(where, "the optimizer state does not fit: " + e.getMessage(), e);
        }
        return new Checkpoint(loaded.model(), optimizer, settings, position);
    }

    /** The standard optimizers record the parameter sizes; they must be the network's. */
    private static void requireSizesMatch(double[] sizes, SavedModel model, String where) {
        if (sizes == null) {
            return;
        }
        List<Parameter> ps = model.network().parameters();
        boolean same = sizes.length == ps.size();
        for (int i = 0; same && i < sizes.length; i++) {
            same = sizes[i] == ps.get(i).size();
        }
        if (!same) {
            throw new InvalidModelFileException(where, "the optimizer state is for " + sizes.length
                    + " parameters of sizes " + Text.shape(toLongs(sizes)) + ", but the network has " + ps.size()
                    + " of sizes " + Text.shape(ps.stream().mapToLong(Parameter::size).toArray()));
        }
    }

    private static long[] toLongs(double[] d) {
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = (long) d[i];
        }
        return l;
    }

    private static long[] draws(String json, String where) {
        if (json == null) {
            throw new InvalidModelFileException(where, "metadata has no '" + DROPOUT_DRAWS + "'");
        }
        if (!(Json.parse(json, "metadata '" + DROPOUT_DRAWS + "'", where) instanceof List<?> list)) {
            throw new InvalidModelFileException(where, "metadata '" + DROPOUT_DRAWS + "' must be a JSON list");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                if (list.get(i) instanceof String s) {
                    out[i] = Long.parseLong(s);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidModelFileException(where, "metadata '" + DROPOUT_DRAWS + "' entry " + i
                    + " must be a whole number as a string");
        }
        return out;
    }

    private static Map<String, String> strings(String json, String key, String where) {
        if (json == null) {
            throw new InvalidModelFileException(where, "metadata has no '" + key + "'");
        }
        Object v = Json.parse(json, "metadata '" + key + "'", where);
        if (!(v instanceof Map<?, ?> m)) {
            throw new InvalidModelFileException(where, "metadata '" + key + "' must be a JSON object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new InvalidModelFileException(where, "metadata '" + key + "' entry "
                        + Text.quote((String) e.getKey()) + " must be a string");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }
}
