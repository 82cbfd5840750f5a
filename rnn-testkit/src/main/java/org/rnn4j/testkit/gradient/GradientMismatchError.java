package org.rnn4j.testkit.gradient;

/** A failed gradient check: an {@link AssertionError} that carries the {@link Mismatch}. */
public final class GradientMismatchError extends AssertionError {

    private static final long serialVersionUID = 1L;

    /** The element that disagreed; not serialised with the error. */
    private final transient Mismatch mismatch;

    /**
     * @param context what was checked ({@code "elman (2 -> 3)"}), put before the mismatch
     * @param mismatch the first element that disagreed
     */
    public GradientMismatchError(String context, Mismatch mismatch) {
        super(context.isEmpty() ? mismatch.message() : context + ": " + mismatch.message());
        this.mismatch = mismatch;
    }

    /** @return the first element that disagreed */
    public Mismatch mismatch() {
        return mismatch;
    }
}
