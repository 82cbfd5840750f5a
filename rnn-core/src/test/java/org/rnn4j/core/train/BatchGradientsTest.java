package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;

/** {@link Trainer#gradientsFrom}: the trainer steps with what the source computes, and only that. */
class BatchGradientsTest {

    private static final int V = 4;

    /** The trainer's own computation, done by a source: (truncated) BPTT of the batch on the network. */
    private static final class SameAsTrainer implements BatchGradients {
        private final Network net;
        private final TruncatedBptt bptt;
        int calls;
        int carriedCalls;

        SameAsTrainer(Network net, int k) {
            this.net = net;
            this.bptt = new TruncatedBptt(k);
        }

        @Override
        public double gradients(Batch batch, List<State> initial) {
            calls++;
            carriedCalls += initial == null ? 0 : 1;
            return bptt.gradients(net, batch.input(), batch.target(), initial);
        }

        @Override
        public List<State> finalStates() {
            return bptt.finalStates();
        }
    }

    @Test
    void aSourceComputingTheSameGivesTheSameRunBitForBit() {
        Dataset data = StreamDataset.of(Toy.twoSuccessorText(300, V, 5), V, 3, 6);
        TrainingConfig cfg = TrainingConfig.defaults().epochs(2).truncation(2).clipNorm(1);
        Network own = Toy.net(V, 5, 1);
        Network sourced = Toy.net(V, 5, 1);
        new Trainer(own, Toy.optimizer("sgd", "0.3"), cfg).fit(data);
        SameAsTrainer source = new SameAsTrainer(sourced, 2);
        new Trainer(sourced, Toy.optimizer("sgd", "0.3"), cfg).gradientsFrom(source).fit(data);
        int perEpoch = data.batchesPerEpoch();
        assertEquals(2 * perEpoch, source.calls, "one call per step");
        assertEquals(2 * (perEpoch - 1), source.carriedCalls, "every batch but an epoch's first starts from carried states");
        for (int p = 0; p < own.parameters().size(); p++) {
            assertArrayEquals(own.parameters().get(p).value(), sourced.parameters().get(p).value());
        }
    }

    @Test
    void theStepAppliesTheSourcesGradientNotTheNetworks() {
        Network net = Toy.net(V, 5, 2);
        List<double[]> before = new ArrayList<>();
        net.parameters().forEach(p -> before.add(p.value().clone()));
        BatchGradients none = new BatchGradients() {
            @Override
            public double gradients(Batch batch, List<State> initial) {
                net.zeroGradients();
                return 1.25;
            }

            @Override
            public List<State> finalStates() {
                return net.zeroStates(2);
            }
        };
        List<Double> losses = new ArrayList<>();
        new Trainer(net, Toy.optimizer("sgd", "0.5"), TrainingConfig.defaults().epochs(1)).gradientsFrom(none)
                .addListener(new TrainingListener() {
                    @Override
                    public void onStep(StepEvent e) {
                        losses.add(e.loss());
                    }
                }).fit(StreamDataset.of(Toy.twoSuccessorText(100, V, 1), V, 2, 5));
        assertEquals(List.of(1.25, 1.25, 1.25, 1.25, 1.25, 1.25, 1.25, 1.25, 1.25), losses);
        List<Parameter> ps = net.parameters();
        for (int p = 0; p < ps.size(); p++) {
            assertArrayEquals(before.get(p), ps.get(p).value(), "zero gradients leave " + ps.get(p).name());
        }
    }
}
