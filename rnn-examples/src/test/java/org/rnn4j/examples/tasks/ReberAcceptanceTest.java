package org.rnn4j.examples.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.reber.EmbeddedReber;

/** An LSTM read at each string's last step learns to recognise embedded Reber strings from class indices. */
class ReberAcceptanceTest {

    @Test
    void theLabelsAreTheGrammars() {
        SplittableRandom r = new SplittableRandom(2);
        int longRange = 0;
        for (int i = 0; i < 500; i++) {
            ReberAcceptance.Example e = ReberAcceptance.example(r);
            assertEquals(e.grammatical(), EmbeddedReber.accepts(e.text()), e::toString);
            if (e.longRange()) {
                longRange++;
                String t = e.text();
                int i2 = EmbeddedReber.longRangeIndex(t);
                assertTrue(EmbeddedReber.accepts(t.substring(0, i2) + t.charAt(1) + t.substring(i2 + 1)), t);
            }
        }
        assertTrue(longRange > 80 && longRange < 170, "about a quarter: " + longRange);
    }

    @Test
    void anLstmLearnsItFarAboveTheMajorityClass() {
        ReberAcceptance.Result r = ReberAcceptance.run(Registry.installed(), 2000, 1);
        assertTrue(r.majorityAccuracy() < 0.55, r::toString);
        assertTrue(r.testAccuracy() > 0.95, r::toString);
        assertTrue(r.longRangeAccuracy() > 0.95, "the long-range bit is carried: " + r);
    }
}
