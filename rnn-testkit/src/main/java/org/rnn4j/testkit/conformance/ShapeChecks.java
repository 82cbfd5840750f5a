package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.property.Property;

/**
 * A layer kind that declares its parameter shapes ({@link LayerProvider#parameterShapes}) declares
 * what {@link LayerProvider#create} makes: the same names, in the same order, of the same shapes,
 * and gives {@code outputSize} features per step. The model loader trusts the declaration to
 * check a file before it allocates anything, so a wrong one would reject good files or let a
 * file's shapes go unchecked. A kind that declares nothing passes.
 */
public final class ShapeChecks {

    private ShapeChecks() {
    }

    /**
     * @param choices settings to draw from
     * @param kind the layer kind
     * @return the property
     */
    public static Property<LayerCase> declaredShapes(Choices choices, String kind) {
        return new Property<>(kind + ": the declared parameter shapes are those of the layer made",
                new LayerCases(choices, kind, 1, false), c -> check(c, choices.registry()));
    }

    static void check(LayerCase c, Registry registry) {
        LayerChoice l = c.layer();
        LayerProvider provider = registry.layer(l.kind());
        Options options = new Options("layer '" + l.kind() + "'", l.options());
        Optional<Map<String, long[]>> declared = provider.parameterShapes(c.inputSize(), l.size(), options);
        if (declared.isEmpty()) {
            return;
        }
        Layer layer = provider.create(new LayerSpec(l.kind(), c.inputSize(), l.size(), options, registry::activation,
                new SplittableRandom(c.valueSeed())));
        List<String> made = new ArrayList<>();
        for (Parameter p : layer.parameters()) {
            made.add(p.name() + Arrays.toString(p.shape()));
        }
        List<String> said = new ArrayList<>();
        declared.get().forEach((name, shape) -> said.add(name + Arrays.toString(shape)));
        String what = l.kind() + " " + c.inputSize() + " -> " + l.size() + " " + l.options();
        if (!made.equals(said)) {
            throw new AssertionError(what + " declares parameters " + said + " but makes " + made);
        }
        if (layer.outputSize() != l.size()) {
            throw new AssertionError(what + " declares its shapes but gives " + layer.outputSize()
                    + " features per step, not " + l.size());
        }
    }
}
