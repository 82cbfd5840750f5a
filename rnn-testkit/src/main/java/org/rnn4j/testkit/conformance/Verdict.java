package org.rnn4j.testkit.conformance;

import java.util.List;
import java.util.stream.Collectors;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;

/**
 * What one property of a plug-in found, and, when it failed, whom the failure is blamed on
 * ({@link Culprits}): a failure in the checks of a built-in that only a plug-in installed beside
 * it causes is that plug-in's, not the built-in's.
 *
 * @param owner the plug-in whose property it is
 * @param result the run
 * @param blame the culprits, when the run failed; null when it passed
 */
public record Verdict(PluginProperties owner, PropertyResult<?> result, Blame blame) {

    /**
     * Culprits of a failure.
     *
     * @param culprits the plug-ins blamed, at least one
     * @param evidence why, for the report; empty when the check concerns the owner alone
     */
    public record Blame(List<Culprit> culprits, String evidence) {
        /** Copies the list. */
        public Blame {
            culprits = List.copyOf(culprits);
        }
    }

    /**
     * Runs a property of a plug-in and, on failure, attributes it.
     *
     * @param owner the plug-in, with the registry its cases name plug-ins from
     * @param property one of {@code owner}'s properties
     * @param runner tries and seed
     * @param <T> the case type
     * @return the verdict
     */
    public static <T> Verdict of(PluginProperties owner, Property<T> property, PropertyRunner runner) {
        PropertyResult<T> r = runner.run(property);
        return new Verdict(owner, r, r.passed() ? null : Culprits.blame(owner, property, r.failure().shrunk()));
    }

    /** @return whether every case passed */
    public boolean passed() {
        return result.passed();
    }

    /** @return whether the failure is the owner's own (false when it passed or is blamed on other plug-ins only) */
    public boolean ownersFault() {
        return blame != null && blame.culprits().stream()
                .anyMatch(c -> c.kind().equals(owner.kind()) && c.name().equals(owner.name()));
    }

    /**
     * The property's report ({@link PropertyResult#report()}) and, on failure, a line
     * {@code "  culprit: activation sigmoid (module): the smallest case passes with activation sigmoid replaced by tanh"}.
     *
     * @return the report
     */
    public String report() {
        if (blame == null) {
            return result.report();
        }
        return result.report() + "\n  culprit: " + blame.culprits().stream().map(Culprit::toString)
                .collect(Collectors.joining(" and ")) + (blame.evidence().isEmpty() ? "" : ": " + blame.evidence());
    }
}
