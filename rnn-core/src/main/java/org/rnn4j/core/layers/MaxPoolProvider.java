package org.rnn4j.core.layers;

/**
 * Makes {@code max_pool} heads: the element-wise maximum over each sequence's real steps. See {@link HeadProvider}.
 */
public final class MaxPoolProvider extends HeadProvider {

    /** For {@link java.util.ServiceLoader}. */
    public MaxPoolProvider() {
        super("max_pool", SequenceHead.Mode.MAX);
    }
}
