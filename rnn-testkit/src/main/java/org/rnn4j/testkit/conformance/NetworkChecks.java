package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.rnn4j.api.Layer;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.NetworkBuilder;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.gradient.GradientChecker;
import org.rnn4j.testkit.gradient.GradientMismatchError;
import org.rnn4j.testkit.gradient.Mismatch;
import org.rnn4j.testkit.gradient.Tolerance;
import org.rnn4j.testkit.property.Gen;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.RunSettings;

/**
 * Random stacked networks, every analytic gradient against central finite differences: every
 * element of every parameter of every layer, and every element of every given initial state,
 * through the network's own forward, loss and BPTT ({@link Network#gradients}), sequence heads
 * included (targets then one row per sequence).
 *
 * <p>When an element disagrees, the check finds the first time step at which it does: it
 * repeats the comparison on the first 1, 2, ... steps of the batch (recurrent layers are causal,
 * so a prefix is a smaller problem of the same network) and reports the last step of the
 * shortest prefix that already disagrees.
 */
public final class NetworkChecks {

    private NetworkChecks() {
    }

    /**
     * The property over random stacks drawn from {@code choices}, with the default tolerance.
     *
     * @param choices what the stacks are made of
     * @return the property
     */
    public static Property<NetworkCase> gradients(Choices choices) {
        return gradients("networks", choices, Tolerance.DEFAULT);
    }

    /**
     * The property over random stacks drawn from {@code choices}.
     *
     * @param label what the stacks are, for the property's name ({@code "networks"}, {@code "swish"})
     * @param choices what the stacks are made of
     * @param tolerance the checker's step and rule
     * @return the property
     */
    public static Property<NetworkCase> gradients(String label, Choices choices, Tolerance tolerance) {
        String name = label + ": gradients of random stacks match finite differences";
        if (choices.recurrentLayers().isEmpty() || choices.feedForwardLayers().isEmpty() || choices.losses().isEmpty()
                || choices.activations().isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one recurrent layer, one feed-forward layer, one"
                    + " loss and one activation; the registry has recurrent " + choices.recurrentLayers()
                    + ", feed-forward " + choices.feedForwardLayers() + ", losses " + choices.losses()
                    + ", activations " + choices.activations());
        }
        return new Property<>(name, cases(choices), c -> check(c, choices.registry(), tolerance));
    }

    /**
     * The generator and shrinker of random stacks, for other front ends.
     *
     * @param choices what the stacks are made of
     * @return the generator
     */
    public static Gen<NetworkCase> cases(Choices choices) {
        return new NetworkCases(choices);
    }

    /**
     * Checks one case: draws its numbers, then holds every analytic gradient against its
     * finite difference. When a difference moves an activation's argument across a kink
     * ({@link KinkWatch}), the case's numbers are redrawn from the next seed derived from the
     * case's, up to {@value KinkWatch#ATTEMPTS} times.
     *
     * @param c the case
     * @param registry where its names are looked up
     * @param tolerance the checker's step and rule
     * @throws GradientMismatchError naming the first element that disagrees
     * @throws IllegalStateException when no draw keeps its differences off kinks
     */
    public static void check(NetworkCase c, Registry registry, Tolerance tolerance) {
        KinkWatch watch = new KinkWatch();
        Registry watched = watch.wrap(registry);
        KinkWatch.onSomeDraw(c, attempt -> {
            Built b = draw(c, watched, attempt);
            watch.reference(b::loss);
            check(b, watch, tolerance);
        });
    }

    private static void check(Built b, KinkWatch watch, Tolerance tolerance) {
        Network net = b.net();
        net.gradients(b.x(), b.target(), b.initial());
        Map<String, double[]> analytic = new LinkedHashMap<>();
        net.namedParameters().forEach((name, p) -> analytic.put(name, p.grad().clone()));
        List<State> stateGradients = b.initial() == null ? List.of() : copies(net.initialStateGradients());

        GradientChecker checker = new GradientChecker(tolerance);
        DoubleSupplier loss = watch.guard(b::loss);
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            Parameter p = e.getValue();
            Optional<Mismatch> m = checker.firstMismatch(e.getKey(), p.value(), analytic.get(e.getKey()),
                    GradientChecker.tensorPosition(p.shape()), loss);
            if (m.isPresent()) {
                int i = m.get().index();
                throw located(b, watch, checker, m.get(), p.value(), () -> p.grad()[i]);
            }
        }
        for (int l = 0; l < stateGradients.size(); l++) {
            State s = b.initial().get(l);
            for (int k = 0; k < s.parts().length; k++) {
                double[] values = s.part(k);
                Optional<Mismatch> m = checker.firstMismatch("initial state " + k + " of layer" + l, values,
                        stateGradients.get(l).part(k), GradientChecker.statePosition(values.length / b.x().batch()),
                        loss);
                if (m.isPresent()) {
                    int layer = l;
                    int part = k;
                    int i = m.get().index();
                    throw located(b, watch, checker, m.get(), values,
                            () -> net.initialStateGradients().get(layer).part(part)[i]);
                }
            }
        }
    }

    /** A drawn case: the network and its batch. */
    record Built(Network net, Sequence x, Sequence target, List<State> initial) {
        double loss() {
            return net.loss(x, target, initial);
        }
    }

    /**
     * Builds the network of a case and draws its numbers from the {@code attempt}-th seed
     * derived from the case's. Dropout masks are held: the network is one fixed function.
     */
    static Built draw(NetworkCase c, Registry registry, int attempt) {
        return draw(c, registry, attempt, Precision.FLOAT64);
    }

    /**
     * {@link #draw(NetworkCase, Registry, int)} for a network of the given precision: the same
     * numbers, with the weights, feature inputs, value targets and initial states rounded to it
     * (class indices and distributions are kept as drawn).
     */
    static Built draw(NetworkCase c, Registry registry, int attempt, Precision precision) {
        SplittableRandom r = new SplittableRandom(RunSettings.mix(c.valueSeed() + attempt));
        NetworkBuilder nb = Network.builder(registry).input(c.inputSize()).loss(c.loss(), c.lossOptions())
                .reduction(c.reduction()).precision(precision)
                .seed(r.nextLong()).dropout(c.dropout());
        if (c.embedding() != null) {
            nb.embedding(c.embedding().kind(), c.embedding().size(), c.embedding().options());
        }
        for (LayerChoice l : c.recurrent()) {
            nb.recurrent(l.kind(), l.size(), l.options());
        }
        nb.head(c.head());
        for (LayerChoice l : c.dense()) {
            nb.dense(l.kind(), l.size(), l.options());
        }
        Network net = nb.output(c.output().kind(), c.output().size(), c.output().options()).build();
        net.holdDropoutMasks(true);
        Values.fill(net.parameters(), r);
        net.roundParameters();
        Sequence x = c.embedding() == null ? Values.sequence(r, c.steps(), c.batch(), c.inputSize())
                : Values.targets(r, Loss.Target.CLASS_INDEX, c.steps(), c.batch(), c.inputSize());
        precision.round(x.data());
        if (c.masked()) {
            x = x.withMask(Values.mask(r, c.steps(), c.batch()));
        }
        Sequence target = Values.targets(r, net.loss().target(), c.head() == null ? c.steps() : 1, c.batch(),
                c.output().size());
        if (net.loss().target() == Loss.Target.VALUES) {
            precision.round(target.data());
        }
        List<State> initial = null;
        if (c.initialStates()) {
            initial = new ArrayList<>();
            for (Layer layer : net.recurrentLayers()) {
                State s = Values.state(r, c.batch(), layer.stateSizes());
                for (double[] part : s.parts()) {
                    precision.round(part);
                }
                initial.add(s);
            }
        }
        return new Built(net, x, target, initial);
    }

    /**
     * The mismatch, with the first time step at which it appears: the comparison repeated on
     * the first 1, 2, ... steps, the later ones masked out (the same shape, so held dropout
     * masks stay valid; padding adds nothing to the loss). A prefix whose difference crosses a
     * kink is skipped.
     */
    private static GradientMismatchError located(Built b, KinkWatch watch, GradientChecker checker, Mismatch m,
            double[] values, DoubleSupplier analyticElement) {
        int steps = b.x().steps();
        for (int t = 1; t < steps; t++) {
            Built prefix = new Built(b.net(), Values.upTo(b.x(), t), b.target(), b.initial());
            prefix.net().gradients(prefix.x(), prefix.target(), prefix.initial());
            double analytic = analyticElement.getAsDouble();
            watch.reference(prefix::loss);
            try {
                if (!checker.agree(analytic, checker.centralDifference(values, m.index(), watch.guard(prefix::loss)))) {
                    return new GradientMismatchError("", m.atStep(t - 1));
                }
            } catch (KinkWatch.Redraw e) {
                // This prefix cannot be differenced; a longer one may.
            }
        }
        return new GradientMismatchError("", m.atStep(steps - 1));
    }

    private static List<State> copies(List<State> states) {
        List<State> out = new ArrayList<>();
        for (State s : states) {
            out.add(s.copy());
        }
        return out;
    }
}
