package org.rnn4j.io.model;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Structure-aware fuzzing of the loaders (Jazzer): {@link AdversarialFiles} turns the fuzzer's
 * bytes into a well-formed file with an adversarial architecture and shapes, so that the fuzzer
 * spends its time past the container checks, where sizes meet the architecture. Loading must
 * succeed (and round-trip) or fail with a one-line {@link InvalidModelFileException}, as in
 * {@link ModelFileFuzzTest}, and may never allocate more than {@link Allocation#budget} of the
 * file's size: a load that does is a finding, found before it grows into an out-of-memory error.
 *
 * <p>{@code mvn verify} replays {@code ModelShapeFuzzTestInputs/adversarialShapes}; to fuzz, see
 * the README ("Fuzzing the loader").
 */
class ModelShapeFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void adversarialShapes(FuzzedDataProvider data) {
        byte[] file = AdversarialFiles.generate(data);
        if (file == null) {
            return;
        }
        Allocation.requireWithinBudget(file.length, "a well-formed file", () -> ModelFileFuzzTest.loadBoth(file));
    }
}
