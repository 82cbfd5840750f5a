package org.rnn4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code --steps N} becomes whole epochs without overflow, up to the largest N the option takes. */
class EpochsForTest {

    @Test
    void stepsRoundUpToWholeEpochsAndTheLargestStepCountDoesNotWrap() {
        assertEquals(1, TrainRun.epochsFor(1, 125));
        assertEquals(1, TrainRun.epochsFor(125, 125));
        assertEquals(2, TrainRun.epochsFor(126, 125));
        assertEquals(Integer.MAX_VALUE, TrainRun.epochsFor(Long.MAX_VALUE, 125));
        assertEquals(Integer.MAX_VALUE, TrainRun.epochsFor(Long.MAX_VALUE, 1));
        assertEquals(4_294_967_296L / 2, TrainRun.epochsFor(4_294_967_296L, 2) + 1L);
    }
}
