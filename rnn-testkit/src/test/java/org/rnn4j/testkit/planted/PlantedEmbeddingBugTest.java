package org.rnn4j.testkit.planted;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.Choices;
import org.rnn4j.testkit.conformance.NetworkCase;
import org.rnn4j.testkit.conformance.NetworkChecks;
import org.rnn4j.testkit.conformance.Registries;
import org.rnn4j.testkit.gradient.Tolerance;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/** The kit's random stacks catch an embedding that overwrites the gradient of a repeated index. */
class PlantedEmbeddingBugTest {

    @Test
    void anEmbeddingThatOverwritesIsCaughtWhereAnIndexRepeats() {
        Registry planted = Registries.with(Registry.installed(), new EmbeddingThatOverwrites());
        PropertyResult<NetworkCase> r = new PropertyRunner(RunSettings.defaults()).run(NetworkChecks.gradients(
                "embedding", Choices.of(planted).onlyLayer("embedding"), Tolerance.DEFAULT));

        assertFalse(r.passed(), "the planted embedding bug went unnoticed");
        NetworkCase c = r.failure().shrunk();
        assertNotNull(c.embedding(), r.report());
        assertTrue(c.steps() * c.batch() >= 2, "an index must be read twice: " + r.report());
        assertTrue(r.report().contains("embedding.weight"), r.report());
        assertDoesNotThrow(() -> NetworkChecks.check(c, Registry.installed(), Tolerance.DEFAULT),
                "the shrunk case passes with the real embedding");
    }
}
