package org.rnn4j.core.layers;

/**
 * Makes {@code mean_pool} heads: the mean over each sequence's real steps. See {@link HeadProvider}.
 */
public final class MeanPoolProvider extends HeadProvider {

    /** For {@link java.util.ServiceLoader}. */
    public MeanPoolProvider() {
        super("mean_pool", SequenceHead.Mode.MEAN);
    }
}
