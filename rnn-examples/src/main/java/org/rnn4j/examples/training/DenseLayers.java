package org.rnn4j.examples.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.NetworkBuilder;
import org.rnn4j.io.model.Text;

/**
 * The hidden dense layers of a {@code ./rnn4j train --data} run ({@code --dense 32,16},
 * {@code --dense-activation NAME}): one {@link NetworkBuilder#dense(int, String)} layer per size,
 * input side first, between the sequence head (or, for {@code tag}, the recurrent stack, then on
 * every step) and the output layer. A checkpoint records them as {@code run.dense} (the sizes,
 * comma-separated) and {@code run.dense_activation}; a checkpoint without {@code run.dense} had none.
 *
 * @param sizes each layer's outputs, 1 to {@value TrainSettings#MAX_HIDDEN}; empty for none
 * @param activation their activation, an installed one's name
 */
public record DenseLayers(List<Integer> sizes, String activation) {

    /** The activation unless {@code --dense-activation}: the library's default for {@code .dense(size)}. */
    public static final String DEFAULT_ACTIVATION = "relu";

    /** No hidden dense layers: the head feeds the output layer. */
    public static final DenseLayers NONE = new DenseLayers(List.of(), DEFAULT_ACTIVATION);

    private static final String SIZES = "run.dense";
    private static final String ACTIVATION = "run.dense_activation";

    /** Checks the sizes; the messages name the command-line option. */
    public DenseLayers {
        sizes = List.copyOf(sizes);
        Objects.requireNonNull(activation, "activation");
        if (sizes.size() > TrainSettings.MAX_LAYERS) {
            throw new IllegalArgumentException("--dense takes at most " + TrainSettings.MAX_LAYERS + " layers, got "
                    + sizes.size());
        }
        for (int size : sizes) {
            if (size < 1 || size > TrainSettings.MAX_HIDDEN) {
                throw new IllegalArgumentException("--dense sizes must each be in [1, " + TrainSettings.MAX_HIDDEN
                        + "], got " + size);
            }
        }
    }

    /**
     * The layers the command line asks for.
     *
     * @param sizes {@code --dense}: comma-separated whole numbers ({@code 32} or {@code 32,16}), or null
     * @param activation {@code --dense-activation}, or null for {@link #DEFAULT_ACTIVATION}
     * @return the layers ({@link #NONE} when neither is given)
     * @throws IllegalArgumentException if a size is not a whole number in range, or an
     *     activation comes without sizes
     */
    public static DenseLayers parse(String sizes, String activation) {
        if (sizes == null) {
            if (activation != null) {
                throw new IllegalArgumentException("--dense-activation " + activation + " needs --dense, the sizes of "
                        + "the hidden dense layers (e.g. --dense 32 or --dense 32,16)");
            }
            return NONE;
        }
        List<Integer> list = new ArrayList<>();
        for (String part : sizes.split(",", -1)) {
            try {
                list.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--dense takes layer sizes, whole numbers separated by commas "
                        + "(e.g. 32 or 32,16), got " + Text.quote(sizes));
            }
        }
        return new DenseLayers(list, activation == null ? DEFAULT_ACTIVATION : activation);
    }

    /** @return whether there are any */
    public boolean any() {
        return !sizes.isEmpty();
    }

    /**
     * @return the layers as an architecture lists them: {@code dense} of each size with the
     *     activation, as {@link NetworkBuilder#dense(int, String)} adds them
     */
    public List<LayerConfig> layers() {
        return sizes.stream().map(size -> new LayerConfig("dense", size, Map.of("activation", activation))).toList();
    }

    /** @return the entries a checkpoint records, none when there are no layers */
    Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        if (any()) {
            m.put(SIZES, sizesText());
            m.put(ACTIVATION, activation);
        }
        return m;
    }

    /**
     * @param position a checkpoint's position
     * @return the layers it records (none if it records none)
     * @throws IllegalArgumentException if the entry is malformed
     */
    static DenseLayers fromMap(Map<String, String> position) {
        String sizes = position.get(SIZES);
        if (sizes == null) {
            return NONE;
        }
        try {
            return parse(sizes, position.get(ACTIVATION));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint's '" + SIZES + "' is not valid (" + e.getMessage()
                    + "); was it altered?", e);
        }
    }

    /** @return the sizes as {@code --dense} takes them: {@code 32,16} */
    public String sizesText() {
        return sizes.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** @return {@code ", dense 32,16 relu"} for the run's line of settings, empty without layers */
    String describe() {
        return any() ? ", dense " + sizesText() + " " + activation : "";
    }
}
