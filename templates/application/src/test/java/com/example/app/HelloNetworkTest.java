package com.example.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs the README's network: it builds from installed plug-ins, and a step of SGD lowers the loss. */
class HelloNetworkTest {

    @Test
    void oneStepOfSgdLowersTheLoss() {
        double[] losses = HelloNetwork.lossBeforeAndAfterOneStep();
        assertTrue(losses[1] < losses[0], () -> "loss " + losses[0] + " then " + losses[1]);
    }
}
