package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;

/** The loop's contract: listener order, schedules, limits, early stopping, non-finite losses, bad settings. */
class TrainerTest {

    private static final int V = 4;

    /** Records every call as a line. */
    private static final class Recorder implements TrainingListener {
        final List<String> calls = new ArrayList<>();
        final List<StepEvent> steps = new ArrayList<>();
        final List<EpochMetrics> epochs = new ArrayList<>();
        TrainingResult result;

        @Override
        public void onTrainStart(TrainingPlan plan) {
            calls.add("start " + plan.epochs() + "x" + plan.batchesPerEpoch() + " total " + plan.totalSteps()
                    + (plan.validating() ? " validating" : ""));
        }

        @Override
        public void onEpochStart(int epoch, double learningRate) {
            calls.add("epoch " + epoch + " lr " + learningRate);
        }

        @Override
        public void onStep(StepEvent s) {
            calls.add("step " + s.step() + " (" + s.epoch() + ":" + s.batch() + "/" + s.batchesPerEpoch() + ")");
            steps.add(s);
        }

        @Override
        public void onEpochEnd(EpochMetrics m) {
            calls.add("end of epoch " + m.epoch() + (m.validated() ? " with validation" : ""));
            epochs.add(m);
        }

        @Override
        public void onTrainEnd(TrainingResult r) {
            calls.add("end " + r.reason());
            result = r;
        }
    }

    private static SequenceDataset echo() {
        return Toy.echo(30, V, 8, 4);
    }

    @Test
    void listenersAreCalledInOrderWithTheNumbersOfEachStep() {
        Recorder rec = new Recorder();
        Recorder second = new Recorder();
        TrainingConfig cfg = TrainingConfig.defaults().epochs(2).validationFraction(0.2)
                .schedule(LearningRateSchedule.step(1, 0.5));
        TrainingResult r = new Trainer(Toy.net(V, 5, 1), Toy.optimizer("sgd", "0.1"), cfg)
                .addListener(rec).addListener(second).fit(echo());
        // 30 sequences, 24 train in batches of 4: 6 batches per epoch.
        // Epochs are numbered from 1 wherever a listener sees them.
        List<String> expected = new ArrayList<>(List.of("start 2x6 total 12 validating", "epoch 1 lr 0.1"));
        for (int s = 1; s <= 6; s++) {
            expected.add("step " + s + " (1:" + s + "/6)");
        }
        expected.add("end of epoch 1 with validation");
        expected.add("epoch 2 lr 0.05");
        for (int s = 7; s <= 12; s++) {
            expected.add("step " + s + " (2:" + (s - 6) + "/6)");
        }
        expected.add("end of epoch 2 with validation");
        expected.add("end COMPLETED");
        assertEquals(expected, rec.calls);
        assertEquals(expected, second.calls, "every listener sees every call");
        assertEquals(StopReason.COMPLETED, r.reason());
        assertEquals(12, r.steps());
        assertEquals(r, rec.result);
        assertEquals(0.05, rec.steps.get(11).learningRate(), 0.0);
        double sum = 0;
        long real = 0;
        for (StepEvent s : rec.steps.subList(0, 6)) {
            assertTrue(s.loss() > 0 && s.gradientNorm() > 0 && s.realSteps() > 0);
            sum += s.loss() * s.realSteps();
            real += s.realSteps();
        }
        assertEquals(sum / real, rec.epochs.get(0).trainLoss(), 1e-12, "the epoch's loss is the mean per real step");
        assertEquals(rec.epochs, r.history());
    }

    @Test
    void aStepLimitCutsTheEpochButStillEndsItWithValidation() {
        Recorder rec = new Recorder();
        TrainingResult r = new Trainer(Toy.net(V, 5, 1), Toy.optimizer("sgd", "0.1"),
                TrainingConfig.defaults().epochs(5).maxSteps(8).validationFraction(0.2)).addListener(rec).fit(echo());
        assertEquals(StopReason.STEP_LIMIT, r.reason(), r.message());
        assertEquals(8, r.steps());
        assertEquals(2, r.history().size());
        assertEquals(2, r.lastEpoch().batches());
        assertTrue(r.lastEpoch().validated());
        assertEquals("end STEP_LIMIT", rec.calls.get(rec.calls.size() - 1));
        assertEquals(1, r.state().epoch(), "resume inside the second epoch, one completed");
        assertEquals(List.of(1, 2), r.history().stream().map(EpochMetrics::epoch).toList());
        assertEquals(2, r.state().batch());
        TrainingResult lastEpochCut = new Trainer(Toy.net(V, 5, 1), Toy.optimizer("sgd", "0.1"),
                TrainingConfig.defaults().epochs(1).maxSteps(3)).fit(echo());
        assertEquals(StopReason.STEP_LIMIT, lastEpochCut.reason(), "a limit inside the last epoch is still a limit");
        TrainingResult exact = new Trainer(Toy.net(V, 5, 1), Toy.optimizer("sgd", "0.1"),
                TrainingConfig.defaults().epochs(1).maxSteps(8)).fit(echo());
        assertEquals(StopReason.COMPLETED, exact.reason(), "a limit at the end of the last epoch completes it");
    }

    @Test
    void earlyStoppingEndsAfterPatienceEpochsWithoutImprovement() {
        // A learning rate of 0 keeps the validation loss constant: epoch 1 sets the best, then
        // three epochs without improvement (2, 3, 4) stop a run configured for 50.
        Recorder rec = new Recorder();
        TrainingResult r = new Trainer(Toy.net(V, 5, 1), Toy.optimizer("sgd", "0"),
                TrainingConfig.defaults().epochs(50).validationFraction(0.2).earlyStopping(3, 0)).addListener(rec)
                .fit(echo());
        assertEquals(StopReason.EARLY_STOPPED, r.reason());
        assertEquals(4, r.history().size());
        assertTrue(r.message().contains("early stopping after epoch 4:"), r.message());
        // A min_delta larger than any progress stops a run that is learning, just as soon.
        TrainingResult learning = new Trainer(Toy.net(V, 5, 1), Toy.optimizer("adam", "0.02"),
                TrainingConfig.defaults().epochs(50).validationFraction(0.2).earlyStopping(2, 10)).fit(echo());
        assertEquals(StopReason.EARLY_STOPPED, learning.reason());
        assertEquals(3, learning.history().size());
        assertTrue(learning.lastEpoch().validationLoss() < learning.history().get(0).validationLoss());
        // Patience that is never exhausted lets the run complete.
        TrainingResult patient = new Trainer(Toy.net(V, 5, 1), Toy.optimizer("adam", "0.02"),
                TrainingConfig.defaults().epochs(4).validationFraction(0.2).earlyStopping(4, 0)).fit(echo());
        assertEquals(StopReason.COMPLETED, patient.reason());
    }

    @Test
    void aNanLossStopsTrainingWithTheParametersOfTheLastGoodStep() {
        Network net = Toy.net(V, 5, 1);
        List<double[]> atInjection = new ArrayList<>();
        Recorder rec = new Recorder();
        Trainer t = new Trainer(net, Toy.optimizer("adam", "0.01"), TrainingConfig.defaults().epochs(3));
        t.addListener(new TrainingListener() {
            @Override
            public void onStep(StepEvent s) {
                if (s.step() == 3) {
                    net.namedParameters().get("layer0.weight_ih").value()[0] = Double.NaN;
                    for (Parameter p : net.parameters()) {
                        atInjection.add(p.value().clone());
                    }
                }
            }
        }).addListener(rec);
        TrainingResult r = t.fit(echo());
        assertEquals(StopReason.NON_FINITE, r.reason());
        assertEquals(3, r.steps());
        assertTrue(r.message().contains("at epoch 1, batch 4 (step 4)") && r.message().contains("the loss is NaN")
                && r.message().contains("not applied") && r.message().contains("after step 3"), r.message());
        for (int p = 0; p < atInjection.size(); p++) {
            assertArrayEquals(atInjection.get(p), net.parameters().get(p).value(), 0.0, "parameter " + p + " untouched");
        }
        assertEquals(List.of("step 3 (1:3/8)", "end NON_FINITE"), rec.calls.subList(rec.calls.size() - 2, rec.calls.size()));
        assertEquals(3, r.state().step());
    }

    @Test
    void aStreamStoppedByANanLossKeepsTheStateOfTheLastGoodStep() {
        Network net = Toy.net(V, 5, 1);
        List<TrainingState> atStep3 = new ArrayList<>();
        Trainer t = new Trainer(net, Toy.optimizer("sgd", "0.1"), TrainingConfig.defaults());
        t.addListener(new TrainingListener() {
            @Override
            public void onStep(StepEvent s) {
                if (s.step() == 3) {
                    atStep3.add(t.state());
                    net.namedParameters().get("layer0.weight_hh").value()[0] = Double.NaN;
                }
            }
        });
        TrainingResult r = t.fit(StreamDataset.of(Toy.twoSuccessorText(400, V, 1), V, 2, 5));
        assertEquals(StopReason.NON_FINITE, r.reason());
        List<State> good = atStep3.get(0).carried();
        List<State> kept = r.state().carried();
        assertEquals(1, kept.size());
        assertArrayEquals(good.get(0).part(0), kept.get(0).part(0), 0.0, "the state carried out of step 3, not step 4's");
        assertTrue(Arrays.stream(kept.get(0).part(0)).allMatch(Double::isFinite));
    }

    @Test
    void anInfiniteLossStopsTrainingToo() {
        Network net = Network.builder(RandomCase.REGISTRY).input(V).seed(2)
                .recurrent("elman", 3, Map.of()).output(V).loss("half_sse").build();
        net.namedParameters().get("output.bias").value()[0] = 1e200;
        TrainingResult r = new Trainer(net, Toy.optimizer("sgd", "0.1"), TrainingConfig.defaults()).fit(echo());
        assertEquals(StopReason.NON_FINITE, r.reason());
        assertEquals(0, r.steps());
        assertTrue(r.message().contains("the loss is Infinity"), r.message());
        assertEquals(1e200, net.namedParameters().get("output.bias").value()[0], 0.0);
    }

    @Test
    void badSettingsAreRejectedNamingTheSettingAndItsRange() {
        TrainingConfig d = TrainingConfig.defaults();
        rejects(() -> d.epochs(0), "epochs must be >= 1");
        rejects(() -> d.maxSteps(0), "steps must be >= 1");
        rejects(() -> d.validationFraction(-0.1), "validation fraction must be in [0, 1)");
        rejects(() -> d.validationFraction(1.0), "validation fraction must be in [0, 1)");
        rejects(() -> d.validationFraction(Double.NaN), "validation fraction must be in [0, 1)");
        rejects(() -> d.earlyStopping(0, 0), "patience must be >= 1");
        rejects(() -> d.earlyStopping(2, -1), "min_delta must be a finite number >= 0");
        rejects(() -> d.truncation(0), "k must be >= 1");
        rejects(() -> d.clipNorm(-1), "max_norm must be a finite number > 0");
        rejects(() -> d.clipValue(0), "clip value must be a finite number > 0");
        Trainer noValidation = new Trainer(Toy.net(V, 3, 1), Toy.optimizer("sgd", "0.1"), d.earlyStopping(2, 0));
        rejects(() -> noValidation.fit(echo()), "early stopping needs validation data");
        Trainer both = new Trainer(Toy.net(V, 3, 1), Toy.optimizer("sgd", "0.1"), d.validationFraction(0.1));
        rejects(() -> both.fit(echo(), echo()), "use one or the other");
        Trainer wrongShape = new Trainer(Toy.net(V + 1, 3, 1), Toy.optimizer("sgd", "0.1"), d);
        rejects(() -> wrongShape.fit(echo()), "expects 5 features per step");
        Network bidirectional = Network.builder(RandomCase.REGISTRY).input(V).recurrent("gru", 3, Map.of("bidirectional", "true"))
                .output(V).build();
        Trainer streamed = new Trainer(bidirectional, Toy.optimizer("sgd", "0.1"), d);
        rejects(() -> streamed.fit(StreamDataset.of(Toy.twoSuccessorText(100, V, 1), V, 2, 5)),
                "recurrent layer 0 is bidirectional");
        Trainer truncated = new Trainer(bidirectional, Toy.optimizer("sgd", "0.1"), d.truncation(2));
        rejects(() -> truncated.fit(echo()), "truncated BPTT gives it only part of the sequence");
        TrainingResult whole = new Trainer(bidirectional, Toy.optimizer("sgd", "0.1"), d).fit(echo());
        assertEquals(StopReason.COMPLETED, whole.reason(), "whole sequences are fine");
    }

    private static void rejects(Executable e, String fragment) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(fragment), "'" + x.getMessage() + "' should say '" + fragment + "'");
    }
}
