package org.rnn4j.examples.tasks;

import java.util.Map;
import java.util.function.LongFunction;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.ClipByNorm;

/**
 * The plain training loop of the tasks: for each step a fresh batch, the gradients through the
 * head and BPTT, the gradient norm clipped, an Adam step. Deterministic: the batches come from
 * the step's number, the weights from the network's seed.
 */
final class Fit {

    private Fit() {
    }

    /**
     * Trains {@code net} for {@code steps} steps.
     *
     * @param net the network, with a sequence head
     * @param registry where Adam is found
     * @param learningRate Adam's learning rate
     * @param steps how many batches
     * @param batches the batch of step s (from s alone, so that a run replays)
     * @return the mean training loss over the last tenth of the steps
     */
    static double train(Network net, Registry registry, double learningRate, int steps,
            LongFunction<LabelledBatch> batches) {
        Optimizer adam = registry.optimizer("adam").create(new Options("optimizer 'adam'",
                Map.of("lr", Double.toString(learningRate))));
        ClipByNorm clip = new ClipByNorm(1.0);
        double tail = 0;
        int counted = 0;
        for (int s = 0; s < steps; s++) {
            LabelledBatch b = batches.apply(s);
            double loss = net.parameterGradients(b.x(), b.target(), null);
            clip.clip(net.parameters());
            adam.step(net.parameters());
            if (s >= steps - Math.max(1, steps / 10)) {
                tail += loss;
                counted++;
            }
        }
        return tail / counted;
    }
}
