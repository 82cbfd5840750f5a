package org.rnn4j.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Options;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.Batch;
import org.rnn4j.core.train.SequenceDataset;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingConfig;
import org.rnn4j.io.csv.SequenceColumns;
import org.rnn4j.io.csv.SequenceCsv;
import org.rnn4j.io.synthetic.MackeyGlass;

/** The adapter to the trainer's datasets, and today's network learning from it. */
class PerStepDataTest {

    @Test
    void taggingGivesStandardisedInputsAndOneHotTargetsPerStep() {
        SequenceTable t = SequenceCsv.read("tags.csv", new StringReader("""
                id,x,tag
                a,1,low
                a,3,high
                b,5,high
                """), SequenceColumns.of(Task.TAG, "id", "tag", null));
        Standardizer s = Standardizer.fit(t, new int[] {0, 1});
        SequenceDataset d = PerStepData.tagging(t, new int[] {0, 1}, s, 2);
        Batch b = d.batch(0, 1);
        double sd = Math.sqrt(8.0 / 3);
        // time-major rows: (t0,a) (t0,b) (t1,a) (t1,b, padded)
        assertArrayEquals(new double[] {(1 - 3) / sd, (5 - 3) / sd, (3 - 3) / sd, 0}, b.input().data(), 1e-12);
        assertArrayEquals(new double[] {0, 1, 1, 0, 1, 0, 0, 0}, b.target().data(), "labels sorted: high = 0, low = 1");
        assertArrayEquals(new boolean[] {true, true, true, false}, b.input().mask());
    }

    @Test
    void aStandardisationOfOtherFeaturesIsRefused() {
        SequenceTable t = SequenceCsv.read("tags.csv", new StringReader("id,x,tag\na,1,A\n"),
                SequenceColumns.of(Task.TAG, "id", "tag", null));
        Standardizer other = Standardizer.fromMap(Map.of("standardize.count", "1", "standardize.0.name", "y",
                "standardize.0.mean", "0", "standardize.0.std", "1"));
        assertThrows(IllegalArgumentException.class, () -> PerStepData.tagging(t, new int[] {0}, other, 1));
    }

    @Test
    void forecastWindowsTrainTodaysNetworkPastTheNaiveForecast() {
        ForecastWindows w = new ForecastWindows(MackeyGlass.standard().series(700, 1), 25, 1);
        WindowSplit split = WindowSplit.chronological(w, 0.2, 0);
        Standardizer s = Standardizer.fit(w.series(), split.trainSteps(w));
        SequenceDataset train = PerStepData.forecasting(w, split.train(), s, true, 16);
        SequenceDataset test = PerStepData.forecasting(w, split.test(), s, true, 16);

        // The naive forecast (the last value again) on the same per-step targets, standardised.
        double naive = 0;
        long n = 0;
        for (int i = split.test().from(); i < split.test().to(); i++) {
            double[][] x = w.inputs(i);
            double[][] y = w.stepTargets(i);
            for (int t = 0; t < x.length; t++) {
                double e = (y[t][0] - x[t][0]) / s.scale(0);
                naive += e * e;
                n++;
            }
        }
        naive /= n;

        Registry registry = Registry.installed();
        Network net = Network.builder(registry).input(1).seed(3).recurrent("gru", 16).output(1).loss("mse").build();
        Trainer trainer = new Trainer(net, registry.optimizer("adam").create(new Options("adam", Map.of("lr", "0.01"))),
                TrainingConfig.defaults().epochs(15).seed(5));
        trainer.fit(train);
        double loss = trainer.evaluate(test);
        assertTrue(loss < naive / 4, "test MSE " + loss + " against the naive forecast's " + naive);
        assertEquals(w.series().targetName(), s.names().get(0));
    }
}
