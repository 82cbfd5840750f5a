package org.rnn4j.io.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/**
 * Reads the model part of a model or checkpoint file: header, metadata, every tensor the
 * architecture implies checked against the file ({@link ExpectedTensors}) before anything is
 * allocated for it, the network rebuilt through the registry, then every tensor checked against
 * its parameter and read. The network is built in the precision the metadata records (float64
 * when it records none) or in the one the caller asks for; the values, F32 or F64, are rounded
 * to it (exact from F32 to float64, to the nearest float from F64 to float32).
 * Nothing is returned unless everything passed.
 */
final class ModelReader {

    /** Tensor names of a checkpoint's optimizer state start with this. */
    static final String OPTIMIZER_PREFIX = "optimizer.";

    private ModelReader() {
    }

    /**
     * A model read from a file.
     *
     * @param header the file's header
     * @param format the metadata's format
     * @param model the network and vocabulary
     */
    record Loaded(SafeTensors.Header header, String format, SavedModel model) {
    }

    /**
     * Reads the model in the precision the file records.
     *
     * @param src the file
     * @param where its name for messages
     * @param registry where layer kinds, activations and losses are found
     * @return the model
     * @throws InvalidModelFileException if anything is wrong
     * @throws IOException on a read error
     */
    static Loaded read(Source src, String where, Registry registry) throws IOException {
        return read(src, where, registry, null);
    }

    /**
     * @param src the file
     * @param where its name for messages
     * @param registry where layer kinds, activations and losses are found
     * @param precision the network's precision, or null for the one the file records
     * @return the model
     * @throws InvalidModelFileException if anything is wrong
     * @throws IOException on a read error
     */
    static Loaded read(Source src, String where, Registry registry, Precision precision) throws IOException {
        SafeTensors.Header header = HeaderReader.read(src, where);
        MetadataReader.Parsed parsed = MetadataReader.parse(header.metadata(), where);
        boolean checkpoint = parsed.format().equals(ModelMetadata.CHECKPOINT);
        ExpectedTensors.check(parsed.architecture(), registry, header, where);
        Network net;
        try {
            net = parsed.architecture().builder(registry)
                    .precision(precision != null ? precision : parsed.precision()).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(where, e.getMessage(), e);
        }
        MetadataReader.checkDerived(header.metadata(), net, where);
        List<TensorNames.Binding> bindings = TensorNames.bind(net);
        checkNames(bindings, header, checkpoint, where);
        List<double[]> values = new ArrayList<>();
        for (TensorNames.Binding b : bindings) {
            values.add(rounded(read(src, header, b, where), net.precision(), b, where));
        }
        for (int i = 0; i < bindings.size(); i++) {
            bindings.get(i).parameter().set(values.get(i));
        }
        return new Loaded(header, parsed.format(), new SavedModel(net, parsed.vocabulary(), parsed.end(),
                MetadataReader.data(header.metadata(), where)));
    }

    /** The file's tensors must be exactly the network's (plus, in a checkpoint, optimizer state). */
    private static void checkNames(List<TensorNames.Binding> bindings, SafeTensors.Header header, boolean checkpoint,
            String where) {
        Set<String> expected = new LinkedHashSet<>();
        for (TensorNames.Binding b : bindings) {
            if (!header.entries().containsKey(b.tensor())) {
                throw missing(b, b.tensor(), where);
            }
            expected.add(b.tensor());
            if (b.zeroTwin() != null) {
                if (!header.entries().containsKey(b.zeroTwin())) {
                    throw missing(b, b.zeroTwin(), where);
                }
                expected.add(b.zeroTwin());
            }
        }
        for (String name : header.entries().keySet()) {
            if (!expected.contains(name) && !(checkpoint && name.startsWith(OPTIMIZER_PREFIX))) {
                throw new InvalidModelFileException(where, "tensor " + Text.quote(name)
                        + " belongs to no parameter of the network; its tensors are " + shortList(expected));
            }
        }
    }

    private static InvalidModelFileException missing(TensorNames.Binding b, String tensor, String where) {
        return new InvalidModelFileException(where, "there is no tensor " + Text.quote(tensor) + " for "
                + b.owner() + "'s " + b.parameter().name() + " of shape "
                + Arrays.toString(b.parameter().shape()));
    }

    private static double[] read(Source src, SafeTensors.Header header, TensorNames.Binding b, String where)
            throws IOException {
        double[] v = readOne(src, header, b, b.tensor(), where);
        if (b.zeroTwin() != null) {
            double[] twin = readOne(src, header, b, b.zeroTwin(), where);
            for (int i = 0; i < v.length; i++) {
                v[i] += twin[i];
                if (!Double.isFinite(v[i])) {
                    throw new InvalidModelFileException(where, "tensors " + Text.quote(b.tensor()) + " + "
                            + Text.quote(b.zeroTwin()) + " overflow to " + v[i] + " at index " + i);
                }
            }
        }
        return v;
    }

    /** The values rounded to the network's precision; a value beyond float32's range is refused. */
    private static double[] rounded(double[] v, Precision precision, TensorNames.Binding b, String where) {
        for (int i = 0; i < v.length; i++) {
            double r = precision.round(v[i]);
            if (!Double.isFinite(r)) {
                throw new InvalidModelFileException(where, "tensor " + Text.quote(b.tensor()) + " holds " + v[i]
                        + " at index " + i + ", beyond the range of " + precision.label() + " (largest "
                        + Float.MAX_VALUE + "); it cannot be loaded into a " + precision.label() + " network");
            }
            v[i] = r;
        }
        return v;
    }

    private static double[] readOne(Source src, SafeTensors.Header header, TensorNames.Binding b, String tensor,
            String where) throws IOException {
        SafeTensors.Entry e = header.entries().get(tensor);
        Parameter p = b.parameter();
        long[] want = new long[p.shape().length];
        for (int i = 0; i < want.length; i++) {
            want[i] = p.shape()[i];
        }
        if (!Arrays.equals(want, e.shape())) {
            throw new InvalidModelFileException(where, "tensor " + Text.quote(tensor) + " has shape "
                    + Text.shape(e.shape()) + " but " + b.owner() + "'s " + p.name() + " has shape "
                    + Arrays.toString(want));
        }
        return TensorReader.read(src, header, e, where);
    }

    private static String shortList(Set<String> names) {
        List<String> l = new ArrayList<>(names);
        return l.size() <= 12 ? l.toString() : l.subList(0, 12) + " and " + (l.size() - 12) + " more";
    }
}
