package org.rnn4j.testkit.planted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.Choices;
import org.rnn4j.testkit.conformance.Culprit;
import org.rnn4j.testkit.conformance.NetworkChecks;
import org.rnn4j.testkit.conformance.PluginProperties;
import org.rnn4j.testkit.conformance.Registries;
import org.rnn4j.testkit.conformance.Suite;
import org.rnn4j.testkit.conformance.Verdict;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/**
 * A failure is blamed on the plug-in(s) its smallest case cannot do without: with one broken
 * plug-in installed beside rnn4j's own, every failure of the whole suite names that plug-in and
 * no built-in, and the built-ins whose checks failed are not at fault.
 */
class CulpritsTest {

    /** Few tries: each plug-in's stacks still meet the planted one in their first cases. */
    private final PropertyRunner runner = new PropertyRunner(new RunSettings(5, OptionalLong.empty()));

    private List<Verdict> failures(Registry registry) {
        List<Verdict> out = new ArrayList<>();
        for (PluginProperties plugin : Suite.installed(registry, true)) {
            for (Property<?> p : plugin.properties()) {
                Verdict v = Verdict.of(plugin, p, runner);
                if (!v.passed()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    @Test
    void aBrokenActivationIsBlamedForEveryFailureAndNoBuiltInIs() {
        Registry planted = Registry.installed().toBuilder().replace(new SigmoidWithWrongDerivative()).build();

        List<Verdict> failed = failures(planted);

        assertFalse(failed.isEmpty(), "the planted sigmoid went unnoticed");
        List<String> builtInsThatFailed = new ArrayList<>();
        for (Verdict v : failed) {
            List<Culprit> culprits = v.blame().culprits();
            assertEquals(1, culprits.size(), v.report());
            assertEquals(List.of("activation", "sigmoid", false),
                    List.of(culprits.get(0).kind(), culprits.get(0).name(), culprits.get(0).builtIn()), v.report());
            assertTrue(v.report().contains("\n  culprit: activation sigmoid ("), v.report());
            if (!v.owner().name().equals("sigmoid")) {
                assertFalse(v.ownersFault(), v.report());
                assertTrue(v.report().contains("passes with activation sigmoid replaced by tanh"), v.report());
                builtInsThatFailed.add(v.owner().kind() + " " + v.owner().name());
            }
        }
        assertTrue(builtInsThatFailed.size() >= 3,
                "the sigmoid breaks the checks of built-ins too (so blame is put to the test): " + builtInsThatFailed);
    }

    @Test
    void aBrokenLayerIsBlamedForItsOwnChecksAndForStacksAroundOthers() {
        Registry planted = Registries.with(Registry.installed(), new ElmanWithoutRecurrentGradient());

        List<Verdict> failed = failures(planted);

        assertFalse(failed.isEmpty(), "the planted elman went unnoticed");
        boolean others = false;
        for (Verdict v : failed) {
            List<Culprit> culprits = v.blame().culprits();
            assertEquals(1, culprits.size(), v.report());
            assertEquals(List.of("layer", "elman", false),
                    List.of(culprits.get(0).kind(), culprits.get(0).name(), culprits.get(0).builtIn()), v.report());
            assertEquals(v.owner().name().equals("elman"), v.ownersFault(), v.report());
            others |= !v.owner().name().equals("elman");
        }
        assertTrue(others, "stacks around other plug-ins meet the planted elman too");
    }

    @Test
    void aFailureWithBuiltInsOnlyIsTheCheckedFamilysOwn() {
        Registry installed = Registry.installed();
        Property<?> alwaysFails = new Property<>("networks: always fails",
                NetworkChecks.cases(Choices.of(installed)), c -> {
                    throw new AssertionError("no");
                });
        PluginProperties family = new PluginProperties(Suite.NETWORK, "random stacks", List.of(alwaysFails), installed);

        Verdict v = Verdict.of(family, alwaysFails, runner);

        assertTrue(v.ownersFault(), v.report());
        assertTrue(v.report().endsWith("culprit: network random stacks: the smallest case uses rnn4j's own plug-ins only"),
                v.report());
    }
}
