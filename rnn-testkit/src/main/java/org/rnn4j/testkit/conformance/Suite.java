package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.Activation;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.Loss;
import org.rnn4j.api.OptimizerProvider;
import org.rnn4j.api.Options;
import org.rnn4j.core.Plugin;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.gradient.Tolerance;
import org.rnn4j.testkit.property.Property;

/**
 * Every check of every plug-in, gathered by plug-in. The registry is enumerated, never listed
 * by hand: a plug-in installed tomorrow is checked without a change here.
 *
 * <p>Each plug-in gets its own checks; {@code withNetworks} adds random stacks in which it is
 * used everywhere it can be (every activation slot, every recurrent layer or the output layer,
 * the loss): their gradients against finite differences in float64, and the same stacks in
 * float32 against float64 ({@link PrecisionChecks}). {@link #installed} adds one family of
 * random stacks over everything at once.
 */
public final class Suite {

    /** The kind of the random-stack family. */
    public static final String NETWORK = "network";

    private Suite() {
    }

    /**
     * The checks of one activation.
     *
     * @param a the activation
     * @param registry the other plug-ins (for the networks); {@code a} takes the place of any of its name
     * @param withNetworks whether to add random stacks using {@code a} in every activation slot
     * @return the checks
     */
    public static PluginProperties activation(Activation a, Registry registry, boolean withNetworks) {
        Registry r = Registries.with(registry, a);
        List<Property<?>> ps = new ArrayList<>(List.of(
                Declarations.installed("activation", Activation.class, a.name(), a.getClass(), Registry::activations),
                ActivationChecks.derivative(a),
                ActivationChecks.bulkEqualsScalar(a),
                Float32ActivationChecks.bulkAgreesWithScalar(a)));
        if (withNetworks) {
            Choices only = Choices.of(r).onlyActivation(a.name());
            ps.add(NetworkChecks.gradients(a.name(), only, Tolerance.DEFAULT));
            ps.add(PrecisionChecks.agreement(a.name(), only));
        }
        return new PluginProperties("activation", a.name(), ps, r);
    }

    /**
     * The checks of one loss.
     *
     * @param l the loss
     * @param registry the other plug-ins (for the networks)
     * @param withNetworks whether to add random stacks trained with {@code l}
     * @return the checks
     */
    public static PluginProperties loss(Loss l, Registry registry, boolean withNetworks) {
        Registry r = Registries.with(registry, l);
        List<Property<?>> ps = new ArrayList<>(List.of(
                Declarations.installed("loss", Loss.class, l.name(), l.getClass(), Registry::losses),
                LossChecks.gradient(l)));
        if (l.target() != Loss.Target.CLASS_INDEX) {
            ps.add(LossChecks.perfectPrediction(l, LossChecks.defaultPerfectPrediction(l)));
        }
        ps.add(LossChecks.batchSumsRealRows(l));
        if (withNetworks) {
            Choices only = Choices.of(r).onlyLoss(l.name());
            ps.add(NetworkChecks.gradients(l.name(), only, Tolerance.DEFAULT));
            ps.add(PrecisionChecks.agreement(l.name(), only));
        }
        return new PluginProperties("loss", l.name(), ps, r);
    }

    /**
     * The checks of one layer kind.
     *
     * @param p the layer's provider
     * @param registry the other plug-ins (activations for its settings, the rest for the networks)
     * @param withNetworks whether to add random stacks made of {@code p}'s layers
     * @return the checks
     */
    public static PluginProperties layer(LayerProvider p, Registry registry, boolean withNetworks) {
        Registry r = Registries.with(registry, p);
        Choices choices = Choices.of(r);
        if (p.sequenceHead() || p.indexInput()) {
            // A head maps T steps to one row per sequence, an embedding reads indices: each is checked in random
            // stacks that all end in that head or start with that embedding.
            List<Property<?>> ps = new ArrayList<>(List.of(
                    Declarations.installed("layer", LayerProvider.class, p.name(), p.getClass(), Registry::layers)));
            if (withNetworks) {
                ps.add(NetworkChecks.gradients(p.name(), choices.onlyLayer(p.name()), Tolerance.DEFAULT));
                ps.add(PrecisionChecks.agreement(p.name(), choices.onlyLayer(p.name())));
            }
            return new PluginProperties("layer", p.name(), ps, r);
        }
        List<Property<?>> ps = new ArrayList<>(List.of(
                Declarations.installed("layer", LayerProvider.class, p.name(), p.getClass(), Registry::layers),
                LayerChecks.gradients(choices, p.name(), Tolerance.DEFAULT),
                LayerChecks.accumulates(choices, p.name()),
                LayerChecks.rejectsWrongShapes(r, p.name()),
                ShapeChecks.declaredShapes(choices, p.name())));
        if (p.recurrent()) {
            ps.add(LayerChecks.carriesState(choices, p.name()));
        }
        if (withNetworks) {
            ps.add(NetworkChecks.gradients(p.name(), choices.onlyLayer(p.name()), Tolerance.DEFAULT));
            ps.add(PrecisionChecks.agreement(p.name(), choices.onlyLayer(p.name())));
        }
        return new PluginProperties("layer", p.name(), ps, r);
    }

    /**
     * The checks of one optimizer, made with its default hyperparameters.
     *
     * @param p the optimizer's provider
     * @return the checks
     */
    public static PluginProperties optimizer(OptimizerProvider p) {
        Options settings = Options.none("optimizer '" + p.name() + "'");
        return new PluginProperties("optimizer", p.name(), List.of(
                Declarations.installed("optimizer", OptimizerProvider.class, p.name(), p.getClass(),
                        Registry::optimizers),
                OptimizerChecks.descends(p, settings),
                OptimizerChecks.zeroLearningRateAndGradientsKept(p, settings),
                OptimizerChecks.resetAndDeterminism(p, settings),
                OptimizerChecks.refusesBadInput(p, settings),
                OptimizerChecks.float32StepIsTheFloat64StepRounded(p, settings)),
                Registries.with(Registry.builder().build(), p));
    }

    /**
     * Random stacks over everything in the registry: gradients against finite differences, and
     * float32 against float64 ({@link PrecisionChecks}).
     *
     * @param registry the plug-ins
     * @return the family
     */
    public static PluginProperties networks(Registry registry) {
        Choices choices = Choices.of(registry);
        return new PluginProperties(NETWORK, "random stacks", List.of(
                NetworkChecks.gradients("networks", choices, Tolerance.DEFAULT),
                PrecisionChecks.agreement("networks", choices)), registry);
    }

    /**
     * Every activation, layer, loss and optimizer of the registry, then random stacks of all.
     *
     * @param registry the plug-ins
     * @param withNetworks whether each plug-in also gets random stacks of its own
     * @return the checks, activations first
     */
    public static List<PluginProperties> installed(Registry registry, boolean withNetworks) {
        List<PluginProperties> out = new ArrayList<>();
        for (Plugin<Activation> p : registry.activations()) {
            out.add(activation(p.instance(), registry, withNetworks));
        }
        for (Plugin<LayerProvider> p : registry.layers()) {
            out.add(layer(p.instance(), registry, withNetworks));
        }
        for (Plugin<Loss> p : registry.losses()) {
            out.add(loss(p.instance(), registry, withNetworks));
        }
        for (Plugin<OptimizerProvider> p : registry.optimizers()) {
            out.add(optimizer(p.instance()));
        }
        out.add(networks(registry));
        return out;
    }
}
