package org.rnn4j.examples.training;

import org.rnn4j.core.Network;
import org.rnn4j.core.NetworkBuilder;
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
        NetworkBuilder b = Network.builder(registry).precision(s.precision()).input(inputs);
        for (int l = 0; l < s.layers(); l++) {
            b.recurrent(s.cell(), s.hidden());
        }
        if (s.task() != Task.TAG) {
            b.lastStep();
        }
        s.dense().addTo(b);
        return b.output(outputs).loss(loss(s.task())).seed(s.seed()).build();
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
