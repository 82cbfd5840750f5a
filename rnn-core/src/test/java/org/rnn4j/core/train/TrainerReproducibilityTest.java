package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Network;

/**
 * Same seeds, same bits: parameters after N steps are identical between runs, and a run
 * stopped after k steps and resumed from its {@link TrainingState} ends where the uninterrupted
 * run ends, bit for bit.
 */
class TrainerReproducibilityTest {

    private static final int V = 5;

    private static TrainingConfig sequenceConfig(long seed) {
        return TrainingConfig.defaults().epochs(4).seed(seed).validationFraction(0.25).clipNorm(1.0).truncation(3)
                .schedule(LearningRateSchedule.step(1, 0.7)).earlyStopping(10, 0);
    }

    private static TrainingConfig streamConfig() {
        return TrainingConfig.defaults().epochs(3).validationFraction(0.2).clipValue(5)
                .schedule(LearningRateSchedule.exponential(0.9));
    }

    private static StreamDataset stream() {
        return StreamDataset.of(Toy.twoSuccessorText(600, V, 3), V, 3, 7);
    }

    private static List<double[]> values(Network net) {
        List<double[]> v = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            v.add(p.value().clone());
        }
        return v;
    }

    private static void assertBitsEqual(List<double[]> a, List<double[]> b) {
        assertEquals(a.size(), b.size());
        for (int p = 0; p < a.size(); p++) {
            TruncatedBpttTest.assertBitsEqual(a.get(p), b.get(p), "parameter " + p);
        }
    }

    private static boolean anyDifferent(List<double[]> a, List<double[]> b) {
        for (int p = 0; p < a.size(); p++) {
            if (!Arrays.equals(a.get(p), b.get(p))) {
                return true;
            }
        }
        return false;
    }

    private static List<double[]> train(long netSeed, TrainingConfig cfg, Dataset data) {
        Network net = Toy.net(V, 6, netSeed);
        new Trainer(net, Toy.optimizer("adam", "0.02"), cfg).fit(data);
        return values(net);
    }

    @Test
    void theSameSeedsGiveBitIdenticalParameters() {
        SequenceDataset data = Toy.echo(40, V, 1, 4);
        List<double[]> a = train(7, sequenceConfig(11), data);
        List<double[]> b = train(7, sequenceConfig(11), data);
        assertBitsEqual(a, b);
        assertTrue(anyDifferent(a, train(7, sequenceConfig(12), data)), "another shuffling seed, other parameters");
        assertTrue(anyDifferent(a, train(8, sequenceConfig(11), data)), "other initial weights, other parameters");
        assertBitsEqual(train(7, streamConfig(), stream()), train(7, streamConfig(), stream()));
    }

    @Test
    void dropoutMasksAreSeededTooAndValidationRunsWithoutThem() {
        SequenceDataset data = Toy.echo(40, V, 1, 4);
        List<List<double[]>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Network net = Network.builder(RandomCase.REGISTRY).input(V).seed(3)
                    .recurrent("lstm", 6).recurrent("gru", 5).dropout(0.3).output(V).build();
            Trainer t = new Trainer(net, Toy.optimizer("adam", "0.02"), sequenceConfig(4).epochs(2));
            t.fit(data);
            assertTrue(net.isTraining(), "fit leaves the network in the mode it found");
            double a = t.evaluate(data);
            double b = t.evaluate(data);
            assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b), "no masks in evaluation");
            net.setTraining(false);
            assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(t.evaluate(data)));
            assertFalse(net.isTraining(), "evaluate restores the mode");
            runs.add(values(net));
        }
        assertBitsEqual(runs.get(0), runs.get(1));
    }

    @Test
    void aDropoutRunResumedIntoARebuiltNetworkDrawsTheUninterruptedRunsMasks() {
        // the rebuilt network has drawn no masks: step s's masks must come from s, not from a count of draws
        SequenceDataset data = Toy.echo(40, V, 1, 4);
        TrainingConfig cfg = sequenceConfig(6);
        Network straight = dropped();
        new Trainer(straight, Toy.optimizer("sgd", "0.3"), cfg.maxSteps(14)).fit(data);
        Network first = dropped();
        Optimizer sgd = Toy.optimizer("sgd", "0.3");
        TrainingResult part = new Trainer(first, sgd, cfg.maxSteps(5)).fit(data);
        Network rebuilt = dropped();
        List<Parameter> from = first.parameters();
        for (int p = 0; p < from.size(); p++) {
            System.arraycopy(from.get(p).value(), 0, rebuilt.parameters().get(p).value(), 0, from.get(p).size());
        }
        assertTrue(rebuilt.dropoutStep() != first.dropoutStep(), "the rebuilt network starts elsewhere");
        new Trainer(rebuilt, sgd, cfg.maxSteps(14)).resume(data, part.state());
        assertBitsEqual(values(straight), values(rebuilt));
        Network noDropout = Network.builder(RandomCase.REGISTRY).input(V).seed(3).recurrent("lstm", 6)
                .recurrent("gru", 5).output(V).build();
        new Trainer(noDropout, Toy.optimizer("sgd", "0.3"), cfg.maxSteps(14)).fit(data);
        assertTrue(anyDifferent(values(straight), values(noDropout)), "the masks mattered");
    }

    private static Network dropped() {
        return Network.builder(RandomCase.REGISTRY).input(V).seed(3).recurrent("lstm", 6).recurrent("gru", 5)
                .dropout(0.3).output(V).build();
    }

    /** Straight to N steps, versus k steps then a new trainer resumed from the result's state. */
    private static void resumeEqualsStraight(TrainingConfig cfg, Dataset data, long n, long k) {
        Network straight = Toy.net(V, 6, 21);
        TrainingResult whole = new Trainer(straight, Toy.optimizer("adam", "0.02"), cfg.maxSteps(n)).fit(data);

        Network split = Toy.net(V, 6, 21);
        Optimizer adam = Toy.optimizer("adam", "0.02");
        TrainingResult first = new Trainer(split, adam, cfg.maxSteps(k)).fit(data);
        assertEquals(StopReason.STEP_LIMIT, first.reason());
        assertFalse(Arrays.equals(values(straight).get(0), values(split).get(0)), "the first part stopped early");
        TrainingResult rest = new Trainer(split, adam, cfg.maxSteps(n)).resume(data, first.state());

        assertEquals(whole.steps(), rest.steps());
        assertBitsEqual(values(straight), values(split));
        assertEquals(whole.history().size(), rest.history().size(), "epochs");
        for (int e = 0; e < whole.history().size(); e++) {
            EpochMetrics a = whole.history().get(e);
            EpochMetrics b = rest.history().get(e);
            String at = "epoch " + e;
            assertEquals(a.step(), b.step(), at);
            assertEquals(a.batches(), b.batches(), at);
            assertEquals(Double.doubleToRawLongBits(a.trainLoss()), Double.doubleToRawLongBits(b.trainLoss()), at + " train loss");
            assertEquals(Double.doubleToRawLongBits(a.validationLoss()), Double.doubleToRawLongBits(b.validationLoss()),
                    at + " validation loss");
            assertEquals(a.learningRate(), b.learningRate(), 0.0, at);
        }
    }

    @Test
    void aResumedSequenceRunEndsWhereTheUninterruptedOneDoes() {
        // 40 sequences, 30 train in batches of 4: 8 batches per epoch; stop inside epoch 1, end inside epoch 3.
        resumeEqualsStraight(sequenceConfig(5), Toy.echo(40, V, 1, 4), 27, 11);
        resumeEqualsStraight(sequenceConfig(5), Toy.echo(40, V, 1, 4), 20, 8);
    }

    @Test
    void aResumedStreamRunCarriesItsStateAcross() {
        // 480 training tokens in 3 streams of 160, T = 7: 22 batches per epoch.
        resumeEqualsStraight(streamConfig(), stream(), 50, 30);
    }

    @Test
    void aCheckpointTakenByAListenerResumesIntoFreshObjects() {
        // As a checkpoint would: parameters and position saved at step k, restored into a new
        // network and a new (stateless) optimizer.
        TrainingConfig cfg = streamConfig().maxSteps(40);
        Network straight = Toy.net(V, 6, 31);
        List<double[]> savedValues = new ArrayList<>();
        List<TrainingState> saved = new ArrayList<>();
        Trainer t = new Trainer(straight, Toy.optimizer("sgd", "0.3"), cfg);
        t.addListener(new TrainingListener() {
            @Override
            public void onStep(StepEvent s) {
                if (s.step() == 13) {
                    saved.add(t.state());
                    savedValues.addAll(values(straight));
                }
            }
        });
        t.fit(stream());

        Network restored = Toy.net(V, 6, 999);
        for (int p = 0; p < savedValues.size(); p++) {
            restored.parameters().get(p).set(savedValues.get(p));
        }
        TrainingResult r = new Trainer(restored, Toy.optimizer("sgd", "0.3"), cfg).resume(stream(), saved.get(0));
        assertEquals(40, r.steps());
        assertEquals(13, saved.get(0).step());
        assertFalse(saved.get(0).carried().isEmpty(), "a stream checkpoint carries the hidden state");
        assertBitsEqual(values(straight), values(restored));
    }
}
