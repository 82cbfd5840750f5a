package org.rnn4j.core.layers;

import java.util.Set;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;

/**
 * Makes the sequence heads ({@link SequenceHead}): {@code last_step}, {@code mean_pool} and
 * {@code max_pool}, one provider each. The only setting is {@code reverse_from}, which the
 * network builder sets when the layer below is bidirectional.
 */
public abstract sealed class HeadProvider implements LayerProvider
        permits LastStepProvider, MeanPoolProvider, MaxPoolProvider {

    /** The setting the network builder gives a head over a bidirectional layer. */
    public static final String REVERSE_FROM = "reverse_from";

    private final String name;
    private final SequenceHead.Mode mode;

    HeadProvider(String name, SequenceHead.Mode mode) {
        this.name = name;
        this.mode = mode;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean recurrent() {
        return false;
    }

    @Override
    public final boolean sequenceHead() {
        return true;
    }

    @Override
    public final Layer create(LayerSpec spec) {
        spec.options().requireOnly(Set.of(REVERSE_FROM));
        if (spec.outputSize() != spec.inputSize()) {
            throw new IllegalArgumentException("the " + name + " head passes its " + spec.inputSize()
                    + " features on unchanged; it cannot make " + spec.outputSize());
        }
        int reverseFrom = spec.options().integer(REVERSE_FROM, spec.inputSize(), 0, spec.inputSize());
        return new SequenceHead(name, mode, spec.inputSize(), reverseFrom);
    }
}
