package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rnn4j.testkit.property.Gen;

/** Draws one layer of a given kind on a random batch, and shrinks it like {@link NetworkCases}. */
final class LayerCases implements Gen<LayerCase> {

    private final Choices choices;
    private final String kind;
    private final int minSteps;
    private final boolean padding;

    /**
     * @param choices what settings draw from
     * @param kind the layer kind
     * @param minSteps the shortest sequence (2 where a sequence is split)
     * @param padding whether batches may be padded
     */
    LayerCases(Choices choices, String kind, int minSteps, boolean padding) {
        this.choices = choices;
        this.kind = kind;
        this.minSteps = minSteps;
        this.padding = padding;
    }

    @Override
    public LayerCase generate(SplittableRandom r) {
        LayerChoice layer = choices.layer(r, kind);
        int steps = minSteps + r.nextInt(Choices.MAX_STEPS - minSteps + 1);
        int batch = 1 + r.nextInt(Choices.MAX_BATCH);
        boolean recurrent = choices.registry().layer(kind).recurrent();
        return new LayerCase(layer, 1 + r.nextInt(Choices.MAX_SIZE), steps, batch, padding && r.nextInt(3) == 0,
                recurrent && r.nextBoolean(), r.nextLong());
    }

    @Override
    public List<LayerCase> shrink(LayerCase c) {
        List<LayerCase> out = new ArrayList<>();
        Choices.smaller(c.steps(), minSteps).forEach(t -> out.add(c.withSteps(t)));
        Choices.smaller(c.batch(), 1).forEach(b -> out.add(c.withBatch(b)));
        if (c.masked()) {
            out.add(c.withMasked(false));
        }
        if (c.initialState()) {
            out.add(c.withInitialState(false));
        }
        Choices.smaller(c.inputSize(), 1).forEach(n -> out.add(c.withInputSize(n)));
        for (LayerChoice l : LayerShrinks.simpler(choices, c.layer())) {
            out.add(c.withLayer(l));
        }
        return out;
    }
}
