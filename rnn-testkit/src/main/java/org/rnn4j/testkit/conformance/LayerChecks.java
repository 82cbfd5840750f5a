package org.rnn4j.testkit.conformance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.gradient.Difference;
import org.rnn4j.testkit.gradient.GradientChecker;
import org.rnn4j.testkit.gradient.GradientMismatchError;
import org.rnn4j.testkit.gradient.Mismatch;
import org.rnn4j.testkit.gradient.Tolerance;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.RunSettings;

/**
 * The {@link Layer} contract, through the SPI alone, on random batches.
 *
 * <p>Gradients are checked with a probe loss, a fixed random weighting of the outputs:
 * <pre>
 *   L = sum over real rows r and features j of w_rj y_rj,     dL/dy = w (0 on padded rows)
 * </pre>
 * so that every output of every step carries its own weight into the gradient. Every element of
 * every parameter, of the input and of the initial state is held against its finite difference.
 * A parameter or state element that disagrees is located in time: the comparison is repeated
 * with the probe on the outputs of one step at a time, and the first step whose output's
 * gradient disagrees is reported (for an input element, its own step).
 */
public final class LayerChecks {

    /** How close two runs of the same arithmetic must be, relative to max(1, |value|). */
    static final double SAME = 1e-12;

    private LayerChecks() {
    }

    /**
     * Parameter, input and initial-state gradients through backward (BPTT for a recurrent layer)
     * against finite differences.
     *
     * @param choices settings to draw from
     * @param kind the layer kind
     * @param tolerance the checker's step and rule
     * @return the property
     */
    public static Property<LayerCase> gradients(Choices choices, String kind, Tolerance tolerance) {
        return new Property<>(kind + ": parameter, input and initial-state gradients match finite differences",
                new LayerCases(choices, kind, 1, true), c -> checkGradients(c, choices.registry(), tolerance));
    }

    /**
     * A recurrent layer run over a sequence in two calls, the second starting from the first's
     * {@link Layer#finalState()}, gives the outputs and final state of one call over the whole.
     *
     * @param choices settings to draw from
     * @param kind a recurrent layer kind
     * @return the property
     */
    public static Property<LayerCase> carriesState(Choices choices, String kind) {
        return new Property<>(kind + ": state carried across calls equals one call over the whole sequence",
                new LayerCases(choices, kind, 2, false), c -> checkCarry(c, choices.registry()));
    }

    /**
     * Backward adds into parameter gradients (a second forward and backward doubles them) and
     * returns dL/d(input) afresh (the same both times).
     *
     * @param choices settings to draw from
     * @param kind the layer kind
     * @return the property
     */
    public static Property<LayerCase> accumulates(Choices choices, String kind) {
        return new Property<>(kind + ": backward adds into parameter gradients and returns dL/dx afresh",
                new LayerCases(choices, kind, 1, true), c -> checkAccumulates(c, choices.registry()));
    }

    /**
     * An input with the wrong number of features is an {@link IllegalArgumentException} that
     * names the layer.
     *
     * @param registry the plug-ins
     * @param kind the layer kind
     * @return the property
     */
    public static Property<Property.Fixed> rejectsWrongShapes(Registry registry, String kind) {
        return Property.once(kind + ": an input of the wrong width is an IllegalArgumentException naming the layer", () -> {
            LayerProvider p = registry.layer(kind);
            Layer layer = p.create(new LayerSpec(kind, 3, 2, new Options("layer '" + kind + "'", Map.of()),
                    registry::activation, new SplittableRandom(1)));
            try {
                layer.forward(Sequence.zeros(2, 1, 4), null);
            } catch (IllegalArgumentException e) {
                String msg = String.valueOf(e.getMessage());
                if (!msg.contains(kind) || !msg.contains("3") || !msg.contains("4")) {
                    throw new AssertionError(kind + " rejected 4 features where it expects 3, but its message does not"
                            + " name the layer, the expected and the actual width: " + msg, e);
                }
                return;
            }
            throw new AssertionError(kind + " accepted an input of 4 features per step where it expects 3");
        });
    }

    /** A built case: the layer with its numbers, the batch, the initial state and the probe. */
    record Built(Layer layer, Sequence x, State initial, double[] probe) {
    }

    static void checkGradients(LayerCase c, Registry registry, Tolerance tolerance) {
        KinkWatch watch = new KinkWatch();
        Registry watched = watch.wrap(registry);
        KinkWatch.onSomeDraw(c, attempt -> {
            Built b = draw(c, watched, attempt);
            watch.reference(() -> probe(b, b.layer().forward(b.x(), b.initial()), -1));
            checkGradients(b, watch, tolerance);
        });
    }

    /** Checks drawn numbers; differences are guarded by {@code watch} (the locating of a mismatch repeats them). */
    private static void checkGradients(Built b, KinkWatch watch, Tolerance tolerance) {
        Layer layer = b.layer();
        String context = describe(layer);
        double[] dx = forwardBackward(b, -1);
        double[][] analytic = Values.gradients(layer.parameters());
        State stateGradient = b.initial() == null ? null : layer.initialStateGradient().copy();

        GradientChecker checker = new GradientChecker(tolerance);
        DoubleSupplier loss = watch.guard(() -> probe(b, layer.forward(b.x(), b.initial()), -1));
        List<Parameter> ps = layer.parameters();
        for (int k = 0; k < ps.size(); k++) {
            Parameter p = ps.get(k);
            Optional<Mismatch> m = checker.firstMismatch(p.name(), p.value(), analytic[k],
                    GradientChecker.tensorPosition(p.shape()), loss);
            if (m.isPresent()) {
                int i = m.get().index();
                throw new GradientMismatchError(context, locate(b, checker, m.get(), p.value(), () -> p.grad()[i]));
            }
        }
        Sequence x = b.x();
        Optional<Mismatch> mx = checker.firstMismatch("input", x.data(), dx,
                GradientChecker.sequencePosition(x.batch(), x.features()), loss);
        if (mx.isPresent()) {
            int t = GradientChecker.stepOf(mx.get().index(), x.batch(), x.features());
            throw new GradientMismatchError(context, mx.get().atStep(t));
        }
        if (stateGradient != null) {
            for (int k = 0; k < stateGradient.parts().length; k++) {
                double[] values = b.initial().part(k);
                Optional<Mismatch> m = checker.firstMismatch("initial state " + k, values, stateGradient.part(k),
                        GradientChecker.statePosition(values.length / x.batch()), loss);
                if (m.isPresent()) {
                    int part = k;
                    int i = m.get().index();
                    throw new GradientMismatchError(context, locate(b, checker, m.get(), values,
                            () -> layer.initialStateGradient().part(part)[i]));
                }
            }
        }
    }

    static void checkCarry(LayerCase c, Registry registry) {
        Built b = draw(c, registry, 0);
        Layer layer = b.layer();
        int steps = b.x().steps();
        int k = steps / 2;
        double[] whole = layer.forward(b.x(), b.initial()).data().clone();
        State end = layer.finalState().copy();
        layer.forward(Values.prefix(b.x(), k), b.initial());
        State middle = layer.finalState().copy();
        double[] second = layer.forward(Values.slice(b.x(), k, steps), middle).data().clone();
        State end2 = layer.finalState().copy();
        int offset = whole.length - second.length;
        for (int i = 0; i < second.length; i++) {
            if (!same(whole[offset + i], second[i])) {
                int row = (offset + i) / layer.outputSize();
                throw new AssertionError(describe(layer) + ": run as steps [0, " + k + ") then [" + k + ", " + steps
                        + ") from the final state of the first call, the output at step " + row / b.x().batch()
                        + ", sequence " + row % b.x().batch() + ", feature " + i % layer.outputSize() + " is "
                        + second[i] + "; one call over all steps gives " + whole[offset + i]);
            }
        }
        for (int p = 0; p < end.parts().length; p++) {
            for (int i = 0; i < end.part(p).length; i++) {
                if (!same(end.part(p)[i], end2.part(p)[i])) {
                    throw new AssertionError(describe(layer) + ": the final state block " + p + "[" + i
                            + "] after two calls is " + end2.part(p)[i] + ", after one call " + end.part(p)[i]);
                }
            }
        }
    }

    static void checkAccumulates(LayerCase c, Registry registry) {
        Built b = draw(c, registry, 0);
        Layer layer = b.layer();
        double[] dx1 = forwardBackward(b, -1);
        double[][] g1 = Values.gradients(layer.parameters());
        layer.forward(b.x(), b.initial());
        double[] dx2 = layer.backward(probeGradient(b, -1)).data().clone();
        List<Parameter> ps = layer.parameters();
        for (int k = 0; k < ps.size(); k++) {
            double[] g2 = ps.get(k).grad();
            for (int i = 0; i < g2.length; i++) {
                if (!same(2 * g1[k][i], g2[i])) {
                    throw new AssertionError(describe(layer) + ": after two backward passes without zeroing, "
                            + ps.get(k).name() + "[" + i + "] holds " + g2[i] + ", not twice the first pass's " + g1[k][i]
                            + " (backward must add dL/dparameter into grad(), never overwrite it)");
                }
            }
        }
        for (int i = 0; i < dx1.length; i++) {
            if (!same(dx1[i], dx2[i])) {
                throw new AssertionError(describe(layer) + ": the second backward returned dL/dx[" + i + "] = " + dx2[i]
                        + ", the first " + dx1[i] + " (dL/dx is returned, not accumulated)");
            }
        }
    }

    /** Makes the layer of a case and draws its numbers from the {@code attempt}-th seed derived from the case's. */
    static Built draw(LayerCase c, Registry registry, int attempt) {
        LayerChoice l = c.layer();
        LayerProvider provider = registry.layer(l.kind());
        SplittableRandom r = new SplittableRandom(RunSettings.mix(c.valueSeed() + attempt));
        Layer layer = provider.create(new LayerSpec(l.kind(), c.inputSize(), l.size(),
                new Options("layer '" + l.kind() + "'", l.options()), registry::activation, r.split()));
        Values.fill(layer.parameters(), r);
        Sequence x = Values.sequence(r, c.steps(), c.batch(), c.inputSize());
        if (c.masked()) {
            x = x.withMask(Values.mask(r, c.steps(), c.batch()));
        }
        State initial = c.initialState() && provider.recurrent() ? Values.state(r, c.batch(), layer.stateSizes()) : null;
        double[] probe = Values.uniform(r, c.steps() * c.batch() * layer.outputSize(), 1.0);
        return new Built(layer, x, initial, probe);
    }

    /** Zeroes the gradients, runs forward and backward with the probe (on one step, or all if -1), returns dL/dx. */
    private static double[] forwardBackward(Built b, int onlyStep) {
        b.layer().parameters().forEach(Parameter::zeroGrad);
        b.layer().forward(b.x(), b.initial());
        return b.layer().backward(probeGradient(b, onlyStep)).data().clone();
    }

    /** The probe loss of output y, over all steps or only {@code onlyStep}. */
    private static double probe(Built b, Sequence y, int onlyStep) {
        int n = y.features();
        double[] v = y.data();
        double sum = 0;
        for (int r = 0; r < y.rows(); r++) {
            if (b.x().active(r) && (onlyStep < 0 || r / y.batch() == onlyStep)) {
                for (int j = 0; j < n; j++) {
                    sum += b.probe()[r * n + j] * v[r * n + j];
                }
            }
        }
        return sum;
    }

    /** dL/dy of the probe loss. */
    private static Sequence probeGradient(Built b, int onlyStep) {
        Sequence x = b.x();
        int n = b.layer().outputSize();
        double[] g = new double[x.rows() * n];
        for (int r = 0; r < x.rows(); r++) {
            if (x.active(r) && (onlyStep < 0 || r / x.batch() == onlyStep)) {
                System.arraycopy(b.probe(), r * n, g, r * n, n);
            }
        }
        return Sequence.wrap(x.steps(), x.batch(), n, g, x.mask());
    }

    /** The mismatch with the first output step whose gradient of this element disagrees. */
    private static Mismatch locate(Built b, GradientChecker checker, Mismatch m, double[] values,
            DoubleSupplier analyticElement) {
        for (int t = 0; t < b.x().steps(); t++) {
            int step = t;
            forwardBackward(b, step);
            double analytic = analyticElement.getAsDouble();
            Difference d = checker.centralDifference(values, m.index(),
                    () -> probe(b, b.layer().forward(b.x(), b.initial()), step));
            if (!checker.agree(analytic, d)) {
                return m.atStep(t);
            }
        }
        return m;
    }

    private static boolean same(double a, double b) {
        return Math.abs(a - b) <= SAME * Math.max(1, Math.abs(a));
    }

    private static String describe(Layer layer) {
        return layer.kind() + " (" + layer.inputSize() + " -> " + layer.outputSize() + ")";
    }
}
