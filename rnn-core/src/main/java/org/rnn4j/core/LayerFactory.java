package org.rnn4j.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Options;
import org.rnn4j.api.Precision;
import org.rnn4j.core.init.LayerInit;
import org.rnn4j.core.layers.Bidirectional;

/**
 * Makes the layers a {@link NetworkBuilder} describes, each in the place its kind allows: an
 * index-reading layer first, recurrent layers in the stack, a sequence head after it, a
 * feed-forward layer at the output; anything else is refused with a message naming the place.
 */
final class LayerFactory {

    private final Registry registry;
    private final Precision precision;

    LayerFactory(Registry registry, Precision precision) {
        this.registry = registry;
        this.precision = precision;
    }

    /**
     * The index-reading first layer.
     *
     * @param embedding its description; its size is the embedding width
     * @param symbols V, the network's input size
     * @param random its initial weights' source
     * @return the layer
     */
    Layer embedding(LayerConfig embedding, int symbols, SplittableRandom random) {
        String owner = "embedding ('" + embedding.kind() + "')";
        LayerProvider p = registry.layer(embedding.kind());
        if (!p.indexInput()) {
            throw new IllegalArgumentException("the embedding is '" + embedding.kind() + "', which does not read"
                    + " indices; embeddings are the installed layer kinds that do (embedding)");
        }
        if (embedding.size() < 1) {
            throw new IllegalArgumentException(owner + " needs a size >= 1, got " + embedding.size());
        }
        return p.create(new LayerSpec(embedding.kind(), symbols, embedding.size(),
                new Options(owner, embedding.options()), registry::activation, random, precision));
    }

    /**
     * The head over the last layer, told where a bidirectional layer's backward half starts.
     *
     * @param head the head's kind
     * @param layers the recurrent layers made so far
     * @param width the features per step it reads
     * @return the layer
     */
    Layer head(String head, List<Layer> layers, int width) {
        LayerProvider p = registry.layer(head);
        if (!p.sequenceHead()) {
            throw new IllegalArgumentException("the head is '" + head + "', which is not a sequence head; heads are "
                    + "the installed layer kinds that are (last_step, mean_pool, max_pool)");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (!layers.isEmpty() && layers.get(layers.size() - 1) instanceof Bidirectional b) {
            settings.put("reverse_from", Integer.toString(b.forwardLayer().outputSize()));
        }
        return p.create(new LayerSpec(head, width, width, new Options("head ('" + head + "')", settings),
                registry::activation, new SplittableRandom(0), precision));
    }

    /**
     * A recurrent or output layer, with its initialisers applied and, for a recurrent layer with
     * {@code bidirectional=true}, wrapped in {@link Bidirectional}.
     *
     * @param d its description
     * @param in the features per step it reads
     * @param wantRecurrent whether the place needs a recurrent layer
     * @param where the place, for messages ({@code "recurrent layer 0"})
     * @param random its initial weights' source
     * @return the layer
     */
    Layer make(LayerConfig d, int in, boolean wantRecurrent, String where, SplittableRandom random) {
        LayerProvider p = registry.layer(d.kind());
        if (p.indexInput()) {
            throw new IllegalArgumentException(where + " is '" + d.kind() + "', which reads indices; put it first"
                    + " with embedding(...)");
        }
        if (p.sequenceHead()) {
            throw new IllegalArgumentException(where + " is '" + d.kind() + "', which is a sequence head; put it "
                    + "between the recurrent layers and the output layer with head(\"" + d.kind() + "\")");
        }
        if (p.recurrent() != wantRecurrent) {
            throw new IllegalArgumentException(where + " is '" + d.kind() + "', which is "
                    + (p.recurrent() ? "recurrent" : "not recurrent") + "; the " + where + " must "
                    + (wantRecurrent ? "be recurrent" : "not be recurrent"));
        }
        if (d.size() < 1) {
            throw new IllegalArgumentException(where + " ('" + d.kind() + "') needs a size >= 1, got " + d.size());
        }
        String owner = where + " ('" + d.kind() + "')";
        LayerInit init = LayerInit.parse(owner, d.options());
        Map<String, String> settings = LayerInit.without(d.options());
        boolean bidirectional = false;
        if (wantRecurrent && settings.containsKey("bidirectional")) {
            bidirectional = new Options(owner, Map.of("bidirectional", settings.remove("bidirectional")))
                    .flag("bidirectional", false);
        }
        Options options = new Options(owner, settings);
        Layer layer = p.create(new LayerSpec(d.kind(), in, d.size(), options, registry::activation, random, precision));
        if (bidirectional) {
            Layer reverse = p.create(new LayerSpec(d.kind(), in, d.size(), options, registry::activation, random.split(), precision));
            layer = new Bidirectional(layer, reverse);
        }
        if (!init.isEmpty()) {
            init.apply(owner, layer, wantRecurrent, random);
        }
        return layer;
    }
}
