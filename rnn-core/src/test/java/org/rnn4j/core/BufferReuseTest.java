package org.rnn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;

/** Layers reuse their buffers across calls; nothing of an earlier batch may leak into a later one. */
class BufferReuseTest {

    private static Network net(String kind, String bidirectional) {
        return Network.builder(Layers.REGISTRY).input(2).seed(3).loss("half_sse")
                .recurrent(kind, 3, Map.of("bidirectional", bidirectional)).recurrent(kind, 2).output(2).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm", "gru"})
    void aBatchGivesTheSameNumbersWhateverRanBefore(String kind) {
        for (String bidirectional : new String[] {"false", "true"}) {
            SplittableRandom r = new SplittableRandom(4);
            Sequence x = NetworkGradientTest.randomSequence(r, 4, 3, 2);
            Sequence d = NetworkGradientTest.randomSequence(r, 4, 3, 2);
            Sequence other = NetworkGradientTest.randomSequence(r, 2, 5, 2);
            Sequence otherD = NetworkGradientTest.randomSequence(r, 2, 5, 2);
            boolean[] wide = Cases.prefixMask(4, 4, 1, 3);
            boolean[] narrow = Cases.prefixMask(4, 2, 4, 4);

            Network fresh = net(kind, bidirectional);
            double expected = fresh.gradients(x.withMask(narrow), d, null);

            Network used = net(kind, bidirectional);
            used.gradients(x.withMask(wide), d, null);
            used.gradients(other, otherD, null);
            used.gradients(x.withMask(wide), d, null);
            assertEquals(expected, used.gradients(x.withMask(narrow), d, null), 0.0, kind + " loss");
            for (int i = 0; i < fresh.parameters().size(); i++) {
                Parameter p = fresh.parameters().get(i);
                assertArrayEquals(p.grad(), used.parameters().get(i).grad(), 0.0, kind + " " + p.name());
            }
            assertArrayEquals(fresh.inputGradient().data(), used.inputGradient().data(), 0.0, kind + " dx");
        }
    }
}
