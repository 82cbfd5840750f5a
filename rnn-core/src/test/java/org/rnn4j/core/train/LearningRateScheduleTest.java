package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Schedules against rates worked out by hand. */
class LearningRateScheduleTest {

    @Test
    void stepDecayAsPyTorchStepLR() {
        LearningRateSchedule s = LearningRateSchedule.step(3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.rate(0.1, e), 1e-17, "epoch " + e);
        }
    }

    @Test
    void exponentialDecayAsPyTorchExponentialLR() {
        LearningRateSchedule s = LearningRateSchedule.exponential(0.9);
        assertEquals(1.0, s.rate(1.0, 0), 0.0);
        assertEquals(0.9, s.rate(1.0, 1), 1e-15, "to rounding");
        assertEquals(0.81, s.rate(1.0, 2), 1e-15);
        assertEquals(0.729, s.rate(1.0, 3), 1e-15);
    }

    @Test
    void charRnnKeepsTenEpochsThenDecaysByPointNineSevenPerEpoch() {
        // char-rnn train.lua: at the end of epoch n (counted from 1), if n >= 10: lr = lr * 0.97.
        LearningRateSchedule s = LearningRateSchedule.charRnn();
        double lr = 2e-3;
        double simulated = lr;
        for (int e = 0; e < 15; e++) {
            assertEquals(simulated, s.rate(lr, e), 1e-18, "epoch " + e + " (counted from 0)");
            int finishedCountedFromOne = e + 1;
            if (finishedCountedFromOne >= 10) {
                simulated *= 0.97;
            }
        }
        assertEquals(2e-3, s.rate(lr, 9), 0.0, "the tenth epoch still runs at the base rate");
        assertEquals(2e-3 * 0.97, s.rate(lr, 10), 1e-18);
    }

    @Test
    void badSettingsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5));
        assertTrue(e.getMessage().contains("step_size"), e.getMessage());
        for (double gamma : new double[] {0, -0.5, 1.5, Double.NaN}) {
            e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(gamma));
            assertTrue(e.getMessage().contains("gamma must be in (0, 1]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new StepDecay(2, gamma));
            assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.97, 0));
        assertTrue(e.getMessage().contains("decay_after"), e.getMessage());
    }
}
