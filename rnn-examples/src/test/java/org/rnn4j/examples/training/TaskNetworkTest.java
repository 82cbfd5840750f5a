package org.rnn4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;
import org.rnn4j.core.NetworkBuilder;
import org.rnn4j.core.Registry;
import org.rnn4j.io.data.Task;

/**
 * The architecture a {@code --data} run describes without building its network (for the memory
 * check and the resume check) is the one the builder's calls make, for every task, with and
 * without dense layers: so checkpoints written by runs that built theirs call by call still resume.
 */
class TaskNetworkTest {

    @Test
    void theArchitectureIsTheOneTheBuildersCallsMake() {
        Registry registry = Registry.installed();
        for (Task task : Task.values()) {
            for (DenseLayers dense : List.of(DenseLayers.NONE, DenseLayers.parse("7,5", "tanh"))) {
                boolean forecast = task == Task.FORECAST;
                DataSettings s = new DataSettings(Path.of("d.csv"), task, forecast ? null : "id", "y", null, List.of(),
                        forecast ? 4 : 0, forecast ? 2 : 0, 0.2, 0.2, "gru", 2, 6, dense, 3, "0.01", 8, 1.0, 11,
                        Precision.FLOAT64);
                NetworkBuilder b = Network.builder(registry).precision(Precision.FLOAT64).input(3);
                b.recurrent("gru", 6).recurrent("gru", 6);
                if (task != Task.TAG) {
                    b.lastStep();
                }
                for (int size : dense.sizes()) {
                    b.dense(size, "tanh");
                }
                String loss = task == Task.CLASSIFY ? "sparse_softmax_cross_entropy"
                        : task == Task.TAG ? "softmax_cross_entropy" : "mse";
                Network called = b.output(4).loss(loss).seed(11).build();
                assertEquals(called.architecture(), TaskNetwork.architecture(s, 3, 4), task + " " + dense);
                assertEquals(called.architecture(), TaskNetwork.build(registry, s, 3, 4).architecture());
            }
        }
    }
}
