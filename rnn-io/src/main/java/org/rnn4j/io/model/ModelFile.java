package org.rnn4j.io.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Registry;

/**
 * Saves and loads models as safetensors files that PyTorch reads with {@code load_state_dict}
 * (the layout is in the {@linkplain org.rnn4j.io.model package description}).
 *
 * <pre>{@code
 * ModelFile.save(Path.of("model.safetensors"), new SavedModel(net, "abc..."));
 * SavedModel back = ModelFile.load(Path.of("model.safetensors"), Registry.installed());
 * }</pre>
 *
 * The tensors are {@code F32} for a float32 network and {@code F64} for a float64 one, and the
 * metadata entry {@code precision} records which ({@code float32} or {@code float64}; a file
 * without it is float64). Loading builds the network in that precision, or in the one asked for
 * ({@link #load(Path, Registry, Precision)}).
 *
 * <p>Loading rebuilds the network through the registry (so every layer kind, activation and loss
 * named in the file must be installed) and checks everything; a bad file is an
 * {@link InvalidModelFileException} with a one-line message. The methods are safe to call from
 * several threads at once (each load builds its own network).
 */
public final class ModelFile {

    private ModelFile() {
    }

    /**
     * Writes a model file atomically ({@link AtomicFile}): a crash never leaves a half-written
     * file in place of the previous one.
     *
     * @param file the file to create or replace
     * @param model the network and its vocabulary
     * @throws IOException if writing fails (the previous file is then untouched)
     */
    public static void save(Path file, SavedModel model) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        AtomicFile.write(file, out -> write(out, model));
    }

    /**
     * Writes a model file to a stream.
     *
     * @param out where to write; not closed
     * @param model the network and its vocabulary
     * @throws IOException on a write error
     */
    public static void write(OutputStream out, SavedModel model) throws IOException {
        SafeTensorsWriter.write(out, ModelMetadata.of(ModelMetadata.MODEL, model),
                tensors(model));
    }

    /**
     * @param model the network and its vocabulary
     * @return the bytes of its model file
     */
    public static byte[] toBytes(SavedModel model) {
        return Io.toBytes(out -> write(out, model));
    }

    /**
     * Loads a model file (or the model part of a checkpoint).
     *
     * @param file the file
     * @param registry the installed plug-ins to rebuild the network with
     * @return the model; its network is in training mode, as a newly built one is (call
     *     {@code setTraining(false)} for inference when it has dropout)
     * @throws InvalidModelFileException if the file is not a valid rnn4j model (one-line message)
     * @throws IOException if the file cannot be read
     */
    public static SavedModel load(Path file, Registry registry) throws IOException {
        return Io.fromFile(file, (src, where) -> ModelReader.read(src, where, registry).model());
    }

    /**
     * Loads a model from the bytes of a file.
     *
     * @param bytes the file's content; not modified
     * @param registry the installed plug-ins
     * @return the model
     * @throws InvalidModelFileException if the bytes are not a valid rnn4j model
     */
    public static SavedModel fromBytes(byte[] bytes, Registry registry) {
        return Io.fromBytes(bytes, (src, where) -> ModelReader.read(src, where, registry).model());
    }

    /**
     * Loads a model file into a network of the given precision, whatever the file records: its
     * values (F32 or F64) rounded to it, exactly from F32 to float64, to the nearest float32
     * from F64 to float32 (as {@link org.rnn4j.core.Network#to} converts).
     *
     * @param file the file
     * @param registry the installed plug-ins to rebuild the network with
     * @param precision the precision of the network loaded
     * @return the model
     * @throws InvalidModelFileException if the file is not a valid rnn4j model (one-line message)
     * @throws IOException if the file cannot be read
     */
    public static SavedModel load(Path file, Registry registry, Precision precision) throws IOException {
        Objects.requireNonNull(precision, "precision");
        return Io.fromFile(file, (src, where) -> ModelReader.read(src, where, registry, precision).model());
    }

    /**
     * Loads a model from the bytes of a file into a network of the given precision (as
     * {@link #load(Path, Registry, Precision)}).
     *
     * @param bytes the file's content; not modified
     * @param registry the installed plug-ins
     * @param precision the precision of the network loaded
     * @return the model
     * @throws InvalidModelFileException if the bytes are not a valid rnn4j model
     */
    public static SavedModel fromBytes(byte[] bytes, Registry registry, Precision precision) {
        Objects.requireNonNull(precision, "precision");
        return Io.fromBytes(bytes, (src, where) -> ModelReader.read(src, where, registry, precision).model());
    }

    /**
     * How many values a model or checkpoint file's tensors hold, F32 and F64 alike, from its
     * checked header alone (no tensor is read): what a caller needs to bound the heap a load
     * takes before loading (a loaded value is a double, with a gradient of its own).
     *
     * @param file the file
     * @return the values its header declares, each backed by 4 (F32) or 8 (F64) bytes of the file
     * @throws InvalidModelFileException if the header is not valid
     * @throws IOException if the file cannot be read
     */
    public static long valueCount(Path file) throws IOException {
        return Io.fromFile(file, (src, where) -> HeaderReader.read(src, where).elements());
    }

    /**
     * The network's parameters as tensors under their PyTorch names, fused biases split, in the
     * network's precision ({@code F32} or {@code F64}).
     */
    static List<SafeTensors.Tensor> tensors(SavedModel model) {
        String dtype = model.network().precision().dtype();
        List<SafeTensors.Tensor> out = new ArrayList<>();
        for (TensorNames.Binding b : TensorNames.bind(model.network())) {
            Parameter p = b.parameter();
            boolean floats = p.precision() == Precision.FLOAT32 && dtype.equals(Precision.FLOAT32.dtype());
            // a copy (the file may be written while training goes on); a float32 parameter's as floats
            out.add(floats ? new SafeTensors.Tensor(b.tensor(), p.shape(), p.floats().clone())
                    : new SafeTensors.Tensor(b.tensor(), p.shape(), p.values(), dtype));
            if (b.zeroTwin() != null) {
                out.add(floats ? new SafeTensors.Tensor(b.zeroTwin(), p.shape(), new float[p.size()])
                        : new SafeTensors.Tensor(b.zeroTwin(), p.shape(), new double[p.size()], dtype));
            }
        }
        return out;
    }

    /** The metadata of a model file with {@code extra} entries appended. */
    static Map<String, String> metadata(String format, SavedModel model, Map<String, String> extra) {
        Map<String, String> m = ModelMetadata.of(format, model);
        m.putAll(extra);
        return m;
    }
}
