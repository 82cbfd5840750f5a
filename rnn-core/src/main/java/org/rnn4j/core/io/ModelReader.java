package org.rnn4j.core.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/**
 * Reads the model part of a model or checkpoint file: header, metadata, size checks, the network
 * rebuilt through the registry, then every tensor checked against its parameter and read.
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
     * @param src the file
     * @param where its name for messages
     * @param registry where layer kinds, activations and losses are found
     * @return the model
     * @throws InvalidModelFileException if anything is wrong
     * @throws IOException on a read error
     */
    static Loaded read(Source src, String where, Registry registry) throws IOException {
        SafeTensors.Header header = SafeTensors.readHeader(src, where);
        ModelMetadata.Parsed parsed = ModelMetadata.parse(header.metadata(), where);
        boolean checkpoint = parsed.format().equals(ModelMetadata.CHECKPOINT);
        checkSizes(parsed.architecture(), header, where);
        Network net;
        try {
            net = parsed.architecture().builder(registry).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(where, e.getMessage(), e);
        }
        ModelMetadata.checkDerived(header.metadata(), net, where);
        List<TensorNames.Binding> bindings = TensorNames.bind(net);
        checkNames(bindings, header, checkpoint, where);
        List<double[]> values = new ArrayList<>();
        for (TensorNames.Binding b : bindings) {
            values.add(read(src, header, b, where));
        }
        for (int i = 0; i < bindings.size(); i++) {
            bindings.get(i).parameter().set(values.get(i));
        }
        return new Loaded(header, parsed.format(), new SavedModel(net, parsed.vocabulary()));
    }

    /**
     * Declared sizes must be backed by the file before anything is allocated for them: every layer
     * maps in to out through a weight of in x out numbers, so in * out may not exceed the values
     * in the file; a recurrent layer's width must match its {@code weight_hh} tensor's
     * [gates * h, h] (h or 2h for a bidirectional layer) where the file has one, and may not
     * exceed the square root of the file's values where it has none. A layer with the builder's
     * option {@code bidirectional=true} passes twice its size on to the next layer.
     */
    private static void checkSizes(Architecture a, SafeTensors.Header header, String where) {
        long n = header.elements();
        boolean uniform = TensorNames.uniform(a);
        long in = a.inputSize();
        if (a.embedding() != null) {
            LayerConfig e = a.embedding();
            requireBacked("the embedding (" + e.kind() + ", " + in + " -> " + e.size() + ")", in * e.size(), n, where);
            in = e.size();
        }
        for (int l = 0; l < a.recurrent().size(); l++) {
            LayerConfig c = a.recurrent().get(l);
            String what = "recurrent layer " + l + " (" + c.kind() + ", " + in + " -> " + c.size() + ")";
            requireBacked(what, in * c.size(), n, where);
            SafeTensors.Entry hh = header.entries().get(TensorNames.recurrent(uniform, l, "weight_hh"));
            if (hh != null && hh.shape().length == 2) {
                long h = hh.shape()[1];
                if (c.size() != h && c.size() != 2 * h) {
                    throw new InvalidModelFileException(where, what + " has size " + c.size() + ", but its tensor "
                            + Text.quote(hh.name()) + " has shape " + Text.shape(hh.shape()) + " (hidden size " + h
                            + ")");
                }
            } else {
                requireBacked(what, (long) c.size() * c.size(), n, where);
            }
            in = (long) c.size() * (bidirectional(c) ? 2 : 1);
        }
        LayerConfig o = a.output();
        requireBacked("the output layer (" + o.kind() + ", " + in + " -> " + o.size() + ")", in * o.size(), n, where);
    }

    /** The builder's {@code bidirectional} flag, read as the builder reads it; false if invalid. */
    private static boolean bidirectional(LayerConfig c) {
        String v = c.options().get("bidirectional");
        return v != null && v.trim().equalsIgnoreCase("true");
    }

    private static void requireBacked(String what, long needed, long held, String where) {
        if (needed > held) {
            throw new InvalidModelFileException(where, what + " needs at least " + needed
                    + " weights, but the file holds " + held + " values in all");
        }
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
        return SafeTensors.readF64(src, header, e, where);
    }

    private static String shortList(Set<String> names) {
        List<String> l = new ArrayList<>(names);
        return l.size() <= 12 ? l.toString() : l.subList(0, 12) + " and " + (l.size() - 12) + " more";
    }
}
