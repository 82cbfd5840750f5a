package org.rnn4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code --steps N} becomes whole epochs without overflow, up to the largest N the option takes. */
class EpochsForTest {

    @Test
    void stepsRoundUpToWholeEpochsAndTheLargestStepCountDoesNotWrap() {
        assertEquals(1, CharNetwork.epochsFor(1, 125));
        assertEquals(1, CharNetwork.epochsFor(125, 125));
        assertEquals(2, CharNetwork.epochsFor(126, 125));
        assertEquals(Integer.MAX_VALUE, CharNetwork.epochsFor(Long.MAX_VALUE, 125));
        assertEquals(Integer.MAX_VALUE, CharNetwork.epochsFor(Long.MAX_VALUE, 1));
        assertEquals(4_294_967_296L / 2, CharNetwork.epochsFor(4_294_967_296L, 2) + 1L);
    }
}
