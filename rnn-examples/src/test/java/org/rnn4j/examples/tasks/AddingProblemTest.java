package org.rnn4j.examples.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Registry;

/** An LSTM read at each sequence's last step learns the adding problem. */
class AddingProblemTest {

    @Test
    void theTaskIsWhatThePaperSays() {
        LabelledBatch b = AddingProblem.batch(new SplittableRandom(4), 40, 50);
        for (int s = 0; s < 50; s++) {
            int marks = 0;
            double sum = 0;
            int last = -1;
            for (int t = 0; t < 40; t++) {
                if (b.x().active(t * 50 + s)) {
                    last = t;
                    if (b.x().get(t, s, 1) == 1.0) {
                        marks++;
                        sum += b.x().get(t, s, 0);
                    }
                }
            }
            assertEquals(2, marks);
            assertEquals(sum, b.target().get(0, s, 0), 0.0);
            assertTrue(last >= 19, "at least T/2 steps");
        }
    }

    @Test
    void anLstmLearnsItFarBelowTheBaseline() {
        AddingProblem.Result r = AddingProblem.run(Registry.installed(), 30, 1000, 1);
        assertTrue(r.baselineMse() > 0.14 && r.baselineMse() < 0.19, r::toString);
        assertTrue(r.testMse() < 0.01, r::toString);
    }
}
