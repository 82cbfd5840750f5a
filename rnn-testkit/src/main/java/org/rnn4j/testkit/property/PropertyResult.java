package org.rnn4j.testkit.property;

/**
 * What running a property found.
 *
 * @param property the property's name
 * @param cases how many cases ran (up to and including a failing one)
 * @param runSeed the seed the run started from
 * @param failure the counterexample, or null when every case passed
 * @param <T> the case type
 */
public record PropertyResult<T>(String property, int cases, long runSeed, Failure<T> failure) {

    /** @return whether every case passed */
    public boolean passed() {
        return failure == null;
    }

    /**
     * A report a person can act on: the smallest failing case, why it fails, the case first
     * found, and how to replay it.
     *
     * @return the report; "passed" with the counts when nothing failed
     */
    public String report() {
        if (failure == null) {
            return "'" + property + "' passed " + cases + " case(s) from seed " + runSeed;
        }
        Throwable e = failure.error();
        // An assertion's message says it all; anything else thrown is a crash, named by its class.
        String reason = e instanceof AssertionError && e.getMessage() != null ? e.getMessage() : e.toString();
        return "'" + property + "' failed on case " + (failure.caseIndex() + 1) + " of the run from seed " + runSeed
                + "\n  " + failure.shrinkSummary() + ": " + failure.shrunk()
                + "\n  because: " + reason
                + "\n  case first found: " + failure.original()
                + "\n  replay it: -D" + RunSettings.SEED_PROPERTY + "=" + failure.caseSeed() + " (mvn) or --seed "
                + failure.caseSeed() + " (./rnn4j gradcheck)";
    }

    /**
     * A failing case and the smallest one it shrank to.
     *
     * @param caseIndex which case of the run failed, from 0
     * @param caseSeed the seed that draws the original case (and replays it as case 0)
     * @param original the case as drawn
     * @param shrunk the smallest case found that fails the same way
     * @param shrinkSteps how many times a simpler failing case was found
     * @param minimal whether shrinking ended at a local minimum (no simpler candidate fails), rather
     *     than at the runner's limit on candidates
     * @param shrinkAttempts how many candidates were tried
     * @param error why {@code shrunk} fails
     * @param <T> the case type
     */
    public record Failure<T>(int caseIndex, long caseSeed, T original, T shrunk, int shrinkSteps, boolean minimal,
            int shrinkAttempts, Throwable error) {

        /**
         * @return {@code "smallest failing case (3 shrink step(s))"}, or, when the limit stopped
         *     shrinking, {@code "failing case, shrinking stopped after 999 steps (2000 candidates), not minimal"}
         */
        public String shrinkSummary() {
            return minimal ? "smallest failing case (" + shrinkSteps + " shrink step(s))"
                    : "failing case, shrinking stopped after " + shrinkSteps + " steps (" + shrinkAttempts
                            + " candidates), not minimal";
        }
    }
}
