package org.rnn4j.core.layers;

/**
 * Makes {@code last_step} heads: each sequence's last real step (PyTorch's {@code output[:, -1]}
 * taken at each sequence's own length; for a bidirectional layer below, {@code h_n} of both
 * directions). See {@link HeadProvider}.
 */
public final class LastStepProvider extends HeadProvider {

    /** For {@link java.util.ServiceLoader}. */
    public LastStepProvider() {
        super("last_step", SequenceHead.Mode.LAST);
    }
}
