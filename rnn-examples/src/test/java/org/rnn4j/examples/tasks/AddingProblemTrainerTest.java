package org.rnn4j.examples.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Options;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingConfig;
import org.rnn4j.core.train.TrainingResult;

/** The adding problem learned through the {@link Trainer}, from a dataset with one target per sequence. */
class AddingProblemTrainerTest {

    @Test
    void theTrainerFitsAnLstmWithAHeadFarBelowTheBaseline() {
        Registry registry = Registry.installed();
        fitsFarBelowTheBaseline(registry, AddingProblem.network(registry, 1));
    }

    /** The same bar with a hidden relu layer between the head and the output layer. */
    @Test
    void aHiddenDenseLayerAfterTheHeadReachesTheSameBar() {
        Registry registry = Registry.installed();
        Network net = Network.builder(registry).input(2).recurrent("lstm", 32).lastStep().dense(16).output(1)
                .loss("mse").seed(1).build();
        assertEquals(1, net.denseLayers().size());
        fitsFarBelowTheBaseline(registry, net);
    }

    private static void fitsFarBelowTheBaseline(Registry registry, Network net) {
        LabelledBatch train = AddingProblem.batch(new SplittableRandom(11), 30, 3200);
        LabelledBatch test = AddingProblem.batch(new SplittableRandom(12), 30, 1000);
        Trainer trainer = new Trainer(net, registry.optimizer("adam").create(new Options("optimizer 'adam'",
                Map.of("lr", "0.01"))), TrainingConfig.defaults().epochs(10).seed(3).clipNorm(1.0)
                        .validationFraction(0.1));
        TrainingResult r = trainer.fit(train.dataset(32));
        assertEquals(StopReason.COMPLETED, r.reason(), r.message());

        net.setTraining(false);
        double testMse = net.loss(test.x(), test.target(), null);
        double baseline = 0;
        for (double d : test.target().data()) {
            baseline += (d - 1) * (d - 1) / 1000;
        }
        String figures = "test MSE " + testMse + ", always answering 1: " + baseline + ", last epoch "
                + r.lastEpoch();
        assertTrue(baseline > 0.14 && baseline < 0.19, figures);
        assertTrue(testMse < 0.01, figures);
        assertTrue(r.lastEpoch().validationLoss() < 0.01, "validation is a mean over sequences: " + figures);
        assertEquals(trainer.evaluate(test.dataset(100)), testMse, 1e-12, "evaluate is the mean over sequences");
    }
}
