package org.rnn4j.io.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.Options;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Registry;
import org.rnn4j.core.init.LayerInit;

/**
 * The size check that comes before anything sized by a file is allocated: every parameter the
 * architecture implies, named and shaped as its layer kind declares
 * ({@link LayerProvider#parameterShapes}), must be a tensor of exactly that shape in the file, and
 * the values they need together may not exceed the values the file holds (counted without
 * overflow). The values are counted, not bytes: an F64 value is backed by 8 bytes of the file
 * and an F32 value by 4 ({@link TensorEntries} checks each tensor's span against its shape and
 * dtype). The network is built only after this passes, so building it allocates no more than
 * 16 bytes (a double value and its gradient) per value the file holds: twice the file's size for
 * F64 tensors, four times for F32.
 *
 * <p>The options are read as the network builder reads them: the initialiser choices
 * ({@link LayerInit#OPTIONS}) are removed and {@code bidirectional=true} doubles a layer's
 * parameters ({@code ..._reverse}) and its width. A plug-in layer kind that declares no shapes is
 * bounded more loosely: its weight of in x out numbers (and, for a recurrent one, its size squared,
 * or its {@code weight_hh} tensor's width) must fit in the file's values.
 */
final class ExpectedTensors {

    private ExpectedTensors() {
    }

    /**
     * One tensor the architecture needs.
     *
     * @param name its name in the file
     * @param shape its dimensions
     * @param owner the layer, for messages ({@code "recurrent layer 0 (elman, 5 -> 8)"})
     * @param parameter the parameter it holds, for messages
     */
    record Tensor(String name, long[] shape, String owner, String parameter) {
    }

    /**
     * @param a the architecture read from the metadata
     * @param registry where its layer kinds are found
     * @param header the file's checked header
     * @param where the file, for messages
     * @throws InvalidModelFileException if a tensor is missing or shaped otherwise, or the file
     *     holds fewer values than the architecture needs
     */
    static void check(Architecture a, Registry registry, SafeTensors.Header header, String where) {
        long held = header.elements();
        long needed = 0;
        boolean uniform = TensorNames.uniform(a);
        long in = a.inputSize();
        if (a.embedding() != null) {
            LayerConfig e = a.embedding();
            String owner = "the embedding (" + e.kind() + ", " + in + " -> " + e.size() + ")";
            // A kind that reads no indices is refused by the builder with its own message; until then
            // only the loose bound holds for it.
            Optional<Map<String, long[]>> shapes = indexInput(e, registry, where)
                    ? declared(e, (int) Math.min(in, Integer.MAX_VALUE), "the embedding", registry, where)
                    : Optional.empty();
            if (shapes.isEmpty()) {
                requireBacked(owner, product(new long[] {in, e.size()}), held, where);
            } else {
                List<Tensor> tensors = new ArrayList<>();
                shapes.get().forEach((name, shape) -> tensors.add(new Tensor("embedding." + name, shape, owner, name)));
                for (Tensor t : tensors) {
                    needed = sum(needed, product(t.shape()));
                }
                if (needed > held) {
                    throw new InvalidModelFileException(where, owner + " needs " + needed + " values, but the file "
                            + "holds " + held + " values in all");
                }
                for (Tensor t : tensors) {
                    requireTensor(t, header, where);
                }
            }
            in = e.size();
        }
        List<LayerConfig> layers = new ArrayList<>(a.recurrent());
        layers.addAll(a.dense());
        layers.add(a.output());
        for (int l = 0; l < layers.size(); l++) {
            LayerConfig c = layers.get(l);
            boolean recurrent = l < a.recurrent().size();
            int hidden = l - a.recurrent().size();
            boolean dense = !recurrent && hidden < a.dense().size();
            String where0 = recurrent ? "recurrent layer " + l : dense ? "dense layer " + hidden : "output layer";
            boolean bidirectional = recurrent && bidirectional(c, where0, where);
            long out = (long) c.size() * (bidirectional ? 2 : 1);
            String owner = where0 + " (" + c.kind() + ", " + in + " -> " + out + ")";
            if (in > Integer.MAX_VALUE) {
                throw new InvalidModelFileException(where, owner + " would read " + in + " features per step; at most "
                        + Integer.MAX_VALUE + " are possible");
            }
            Optional<List<Tensor>> tensors = tensors(c, (int) in, bidirectional, recurrent, uniform,
                    recurrent ? l : hidden, dense, where0, owner, registry, where);
            if (tensors.isEmpty()) {
                loose(c, in, recurrent, uniform, l, owner, header, where);
            } else {
                long layer = 0;
                for (Tensor t : tensors.get()) {
                    layer = sum(layer, product(t.shape()));
                }
                needed = sum(needed, layer);
                if (needed > held) {
                    throw new InvalidModelFileException(where, owner + " needs " + layer + " values" + (needed > layer
                            ? " (" + needed + " with the layers before it)" : "") + ", but the file holds " + held
                            + " values in all");
                }
                for (Tensor t : tensors.get()) {
                    requireTensor(t, header, where);
                }
            }
            in = out;
        }
    }

    /**
     * The layer's tensors as its kind declares them, or empty if it declares none; {@code index}
     * is a recurrent layer's or a hidden dense layer's position, {@code dense} says it is the latter.
     */
    private static Optional<List<Tensor>> tensors(LayerConfig c, int in, boolean bidirectional, boolean recurrent,
            boolean uniform, int index, boolean dense, String layer, String owner, Registry registry, String where) {
        try {
            LayerProvider p = registry.layer(c.kind());
            if (p.recurrent() != recurrent) {
                return Optional.empty();
            }
            Map<String, String> settings = LayerInit.without(c.options());
            settings.remove("bidirectional");
            String builderOwner = layer + " ('" + c.kind() + "')";
            Optional<Map<String, long[]>> shapes = p.parameterShapes(in, c.size(), new Options(builderOwner, settings));
            if (shapes.isEmpty()) {
                return Optional.empty();
            }
            List<Tensor> out = new ArrayList<>();
            for (String suffix : bidirectional ? List.of("", TensorNames.REVERSE) : List.of("")) {
                shapes.get().forEach((name, shape) -> {
                    String parameter = name + suffix;
                    if (!recurrent) {
                        out.add(new Tensor(dense ? TensorNames.dense(index, parameter) : TensorNames.output(parameter),
                                shape, owner, parameter));
                        return;
                    }
                    for (String tensor : TensorNames.recurrentTensors(uniform, index, parameter)) {
                        if (tensor != null) {
                            out.add(new Tensor(tensor, shape, owner, parameter));
                        }
                    }
                });
            }
            return Optional.of(out);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(where, e.getMessage(), e);
        }
    }

    private static boolean indexInput(LayerConfig c, Registry registry, String where) {
        try {
            return registry.layer(c.kind()).indexInput();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(where, e.getMessage(), e);
        }
    }

    /** The embedding kind's declared parameter shapes, or empty if it declares none. */
    private static Optional<Map<String, long[]>> declared(LayerConfig c, int in, String layer, Registry registry,
            String where) {
        try {
            return registry.layer(c.kind()).parameterShapes(in, c.size(),
                    new Options(layer + " ('" + c.kind() + "')", LayerInit.without(c.options())));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(where, e.getMessage(), e);
        }
    }

    private static void requireTensor(Tensor t, SafeTensors.Header header, String where) {
        SafeTensors.Entry e = header.entries().get(t.name());
        if (e == null) {
            throw new InvalidModelFileException(where, "there is no tensor " + Text.quote(t.name()) + " for "
                    + t.owner() + "'s " + t.parameter() + " of shape " + Arrays.toString(t.shape()));
        }
        if (!Arrays.equals(e.shape(), t.shape())) {
            throw new InvalidModelFileException(where, "tensor " + Text.quote(t.name()) + " has shape "
                    + Text.shape(e.shape()) + " but " + t.owner() + "'s " + t.parameter() + " has shape "
                    + Arrays.toString(t.shape()));
        }
    }

    /** For a layer kind without declared shapes: its sizes must at least fit in the file's values. */
    private static void loose(LayerConfig c, long in, boolean recurrent, boolean uniform, int index, String owner,
            SafeTensors.Header header, String where) {
        long held = header.elements();
        requireBacked(owner, product(new long[] {in, c.size()}), held, where);
        if (!recurrent) {
            return;
        }
        SafeTensors.Entry hh = header.entries().get(TensorNames.recurrent(uniform, index, "weight_hh"));
        if (hh != null && hh.shape().length == 2 && hh.shape()[1] > 0) {
            long h = hh.shape()[1];
            if (c.size() != h && c.size() != 2 * h) {
                throw new InvalidModelFileException(where, owner + " has size " + c.size() + ", but its tensor "
                        + Text.quote(hh.name()) + " has shape " + Text.shape(hh.shape()) + " (hidden size " + h + ")");
            }
        }
        requireBacked(owner, product(new long[] {c.size(), c.size()}), held, where);
    }

    private static void requireBacked(String owner, long needed, long held, String where) {
        if (needed > held) {
            throw new InvalidModelFileException(where, owner + " needs at least " + needed
                    + " weights, but the file holds " + held + " values in all");
        }
    }

    /** The builder's {@code bidirectional} flag, read as the builder reads it. */
    private static boolean bidirectional(LayerConfig c, String layer, String where) {
        String v = c.options().get("bidirectional");
        if (v == null) {
            return false;
        }
        try {
            return new Options(layer + " ('" + c.kind() + "')", Map.of("bidirectional", v)).flag("bidirectional", false);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(where, e.getMessage(), e);
        }
    }

    /** The product of the dimensions, {@link Long#MAX_VALUE} if it overflows. */
    static long product(long[] shape) {
        for (long d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        long p = 1;
        for (long d : shape) {
            if (d < 0 || p > Long.MAX_VALUE / d) {
                return Long.MAX_VALUE;
            }
            p *= d;
        }
        return p;
    }

    /** a + b for sizes, {@link Long#MAX_VALUE} if it overflows. */
    private static long sum(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
