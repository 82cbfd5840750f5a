package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code adamw} against torch.optim.AdamW's algorithm box. */
final class AdamWTest {

    static final Harness.Spec SPEC = new Harness.Spec("adamw", 1e-3, s -> AdamTest.reference(s, true, 1e-2));

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",
        "weight_decay=0",
        "lr=0.01 weight_decay=0.1",
        "lr=0.01 amsgrad=true beta2=0.5",
        "lr=0.01 beta1=0.8 beta2=0.6 eps=1e-6 weight_decay=0.3 amsgrad=true",
    })
    void followsThePublishedEquations(String settings) {
        Harness.assertMatchesReference(SPEC, settings);
    }

    @Test
    void decoupledDecayIsNotL2Decay() {
        String settings = "lr=0.01 weight_decay=0.1";
        assertFalse(Arrays.deepEquals(trajectory("adam", settings), trajectory("adamw", settings)));
    }

    @Test
    void withoutDecayItIsAdam() {
        String settings = "lr=0.01 weight_decay=0 amsgrad=true";
        double[][] adam = trajectory("adam", settings);
        double[][] adamw = trajectory("adamw", settings);
        for (int t = 0; t < adam.length; t++) {
            assertArrayEquals(adam[t], adamw[t], 0.0, "step " + (t + 1));
        }
    }

    private static double[][] trajectory(String name, String settings) {
        return Harness.run(Harness.create(name, settings), Harness.parameters(), Harness.GRADS, Harness.KEEP_LR);
    }
}
