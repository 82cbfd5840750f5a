package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.core.Reduction;
import org.rnn4j.testkit.property.Gen;

/**
 * Draws random stacks (depth 1-5, sizes 1-8, T 1-8, B 1-4, every activation slot from every
 * allowed activation, every loss with random valid settings ({@link LossSettings}), both
 * reductions, padded batches, given initial states, dropout between layers, bidirectional layers
 * where a kind accepts them, a sequence head in half of them, an embedding reading index inputs
 * in a quarter of them, one or two hidden feed-forward layers before the output layer in a third
 * of them) and shrinks a failing one: no embedding, fewer or plainer hidden dense layers, no head,
 * fewer layers, shorter T, smaller B, no padding, initial states or dropout, smaller sizes, then
 * plainer pieces (identity activations, the simplest recurrent kind, half_sse, SUM, no loss
 * settings).
 */
final class NetworkCases implements Gen<NetworkCase> {

    /** The dropout probabilities drawn (in a quarter of the stacks with two or more recurrent layers). */
    static final List<Double> DROPOUTS = List.of(0.25, 0.5);

    private final Choices choices;

    NetworkCases(Choices choices) {
        this.choices = choices;
    }

    @Override
    public NetworkCase generate(SplittableRandom r) {
        int depth = 1 + r.nextInt(Choices.MAX_DEPTH);
        List<LayerChoice> layers = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            layers.add(choices.stackLayer(r, Choices.pick(r, choices.recurrentLayers())));
        }
        LayerChoice output = choices.layer(r, Choices.pick(r, choices.feedForwardLayers()));
        int steps = 1 + r.nextInt(Choices.MAX_STEPS);
        int batch = 1 + r.nextInt(Choices.MAX_BATCH);
        int inputSize = 1 + r.nextInt(Choices.MAX_SIZE);
        String loss = Choices.pick(r, choices.losses());
        Reduction reduction = r.nextBoolean() ? Reduction.SUM : Reduction.MEAN;
        boolean masked = r.nextInt(3) == 0;
        boolean initialStates = r.nextBoolean();
        double dropout = depth > 1 && r.nextInt(4) == 0 ? Choices.pick(r, DROPOUTS) : 0;
        long valueSeed = r.nextLong();
        return new NetworkCase(inputSize, layers, output, loss, reduction, steps, batch, masked, initialStates, dropout,
                valueSeed, LossSettings.draw(r, choices.lossSettings(loss), output.size()), head(r), embedding(r), dense(r));
    }

    /**
     * One or two hidden feed-forward layers before the output layer in a third of the stacks
     * (drawn last, so that the rest of a stack is what the same seed drew before they existed).
     */
    private List<LayerChoice> dense(SplittableRandom r) {
        if (choices.feedForwardLayers().isEmpty() || r.nextInt(3) != 0) {
            return List.of();
        }
        List<LayerChoice> out = new ArrayList<>();
        for (int n = 1 + r.nextInt(2); n > 0; n--) {
            out.add(choices.layer(r, Choices.pick(r, choices.feedForwardLayers())));
        }
        return out;
    }

    /** A head in half of the stacks (in all when the choices say so), none in the rest. */
    private String head(SplittableRandom r) {
        if (choices.heads().isEmpty() || !(choices.alwaysHead() || r.nextBoolean())) {
            return null;
        }
        return Choices.pick(r, choices.heads());
    }

    /** An index-reading first layer in a quarter of the stacks (in all when the choices say so). */
    private LayerChoice embedding(SplittableRandom r) {
        if (choices.embeddings().isEmpty() || !(choices.alwaysEmbedding() || r.nextInt(4) == 0)) {
            return null;
        }
        return choices.layer(r, Choices.pick(r, choices.embeddings()));
    }

    @Override
    public List<NetworkCase> shrink(NetworkCase c) {
        List<NetworkCase> out = new ArrayList<>();
        if (c.embedding() != null && !choices.alwaysEmbedding()) {
            out.add(c.withEmbedding(null));
        }
        if (c.embedding() != null) {
            LayerShrinks.simpler(choices, c.embedding()).forEach(e -> out.add(c.withEmbedding(e)));
        }
        if (!c.dense().isEmpty()) {
            out.add(c.withDense(List.of()));
        }
        for (int i = 0; c.dense().size() > 1 && i < c.dense().size(); i++) {
            List<LayerChoice> fewer = new ArrayList<>(c.dense());
            fewer.remove(i);
            out.add(c.withDense(fewer));
        }
        for (int i = 0; i < c.dense().size(); i++) {
            for (LayerChoice l : LayerShrinks.simpler(choices, c.dense().get(i))) {
                List<LayerChoice> d = new ArrayList<>(c.dense());
                d.set(i, l);
                out.add(c.withDense(d));
            }
        }
        if (c.head() != null && !choices.alwaysHead()) {
            out.add(c.withHead(null));
        }
        for (int i = 0; c.depth() > 1 && i < c.depth(); i++) {
            out.add(c.withoutLayer(i));
        }
        Choices.smaller(c.steps(), 1).forEach(t -> out.add(c.withSteps(t)));
        Choices.smaller(c.batch(), 1).forEach(b -> out.add(c.withBatch(b)));
        if (c.masked()) {
            out.add(c.withMasked(false));
        }
        if (c.initialStates()) {
            out.add(c.withInitialStates(false));
        }
        if (c.dropout() > 0) {
            out.add(c.withDropout(0));
        }
        Choices.smaller(c.inputSize(), 1).forEach(n -> out.add(c.withInputSize(n)));
        for (int i = 0; i < c.depth(); i++) {
            for (LayerChoice l : LayerShrinks.simpler(choices, c.recurrent().get(i))) {
                out.add(c.withLayer(i, l));
            }
            for (LayerChoice l : LayerShrinks.simplerKind(choices, c.recurrent().get(i))) {
                out.add(c.withLayer(i, l));
            }
        }
        for (LayerChoice l : LayerShrinks.simpler(choices, c.output())) {
            out.add(c.withOutput(l));
        }
        if (!c.loss().equals(Choices.SIMPLEST_LOSS) && choices.losses().contains(Choices.SIMPLEST_LOSS)) {
            out.add(c.withLoss(Choices.SIMPLEST_LOSS));
        }
        if (!c.lossOptions().isEmpty()) {
            out.add(c.withLossOptions(Map.of()));
        }
        if (c.reduction() != Reduction.SUM) {
            out.add(c.withReduction(Reduction.SUM));
        }
        return out;
    }
}
