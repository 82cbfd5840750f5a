package org.rnn4j.examples.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;
import org.rnn4j.io.data.Task;

/**
 * The network a {@code ./rnn4j train --data} run trains for its settings: {@code --layers}
 * recurrent layers of {@code --cell} ({@code --hidden} units), a {@code lastStep()} head for
 * classify, regress and forecast (none for tag, whose outputs are per step), the {@code --dense}
 * hidden layers ({@link DenseLayers}), and a dense output of class scores with
 * {@code sparse_softmax_cross_entropy} (classify) or {@code softmax_cross_entropy} per step (tag),
 * or of numbers with {@code mse} (regress, forecast); in {@code --precision}, seeded by {@code --seed}.
 */
final class TaskNetwork {

    private TaskNetwork() {
    }

    /**
     * @param registry the installed plug-ins
     * @param s the run's settings
     * @param inputs features per step
     * @param outputs classes, or values per target
     * @return the network, freshly initialised from the seed
     */
    static Network build(Registry registry, DataSettings s, int inputs, int outputs) {
        return architecture(s, inputs, outputs).builder(registry).precision(s.precision()).build();
    }

    /**
     * @param s the run's settings
     * @param inputs features per step
     * @param outputs classes, or values per target
     * @return the architecture of {@link #build}'s network, without building it
     */
    static Architecture architecture(DataSettings s, int inputs, int outputs) {
        List<LayerConfig> recurrent = new ArrayList<>();
        for (int l = 0; l < s.layers(); l++) {
            recurrent.add(new LayerConfig(s.cell(), s.hidden(), Map.of()));
        }
        return new Architecture(inputs, null, recurrent, s.task() == Task.TAG ? null : "last_step",
                s.dense().layers(), new LayerConfig("dense", outputs, Map.of()), loss(s.task()), Map.of(),
                Reduction.MEAN, 0.0, s.seed());
    }

    /** The loss of a task. */
    private static String loss(Task task) {
        return switch (task) {
            case CLASSIFY -> "sparse_softmax_cross_entropy";
            case TAG -> "softmax_cross_entropy";
            case REGRESS, FORECAST -> "mse";
        };
    }
}
