package org.rnn4j.testkit.planted;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Activation;
import org.rnn4j.api.Layer;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.LayerSpec;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.OptimizerProvider;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.ActivationChecks;
import org.rnn4j.testkit.conformance.Choices;
import org.rnn4j.testkit.conformance.LayerChecks;
import org.rnn4j.testkit.conformance.LossChecks;
import org.rnn4j.testkit.conformance.OptimizerChecks;
import org.rnn4j.testkit.conformance.Registries;
import org.rnn4j.testkit.conformance.ShapeChecks;
import org.rnn4j.testkit.conformance.Suite;
import org.rnn4j.testkit.gradient.GradientMismatchError;
import org.rnn4j.testkit.gradient.Tolerance;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;

/**
 * Every generic conformance check fails on a plug-in that breaks the rule it checks (and the
 * same checks pass on the real plug-ins in the *Properties classes).
 */
class ChecksCanFailTest {

    private final PropertyRunner runner = new PropertyRunner(RunSettings.defaults());
    private final Registry installed = Registry.installed();

    private String fails(Property<?> p) {
        PropertyResult<?> r = runner.run(p);
        assertFalse(r.passed(), p.name() + " passed a broken plug-in");
        return r.report();
    }

    // ---- activations

    @Test
    void aBulkApplyThatRoundsToFloatIsCaught() {
        Activation tanh = installed.activation("tanh");
        Activation sloppy = new Activation() {
            @Override
            public String name() {
                return "tanh";
            }

            @Override
            public double apply(double x) {
                return tanh.apply(x);
            }

            @Override
            public double derivative(double x, double y) {
                return tanh.derivative(x, y);
            }

            @Override
            public void apply(double[] x, double[] y, int from, int to) {
                for (int i = from; i < to; i++) {
                    y[i] = (float) Math.tanh(x[i]);
                }
            }
        };
        String report = fails(ActivationChecks.bulkEqualsScalar(sloppy));
        assertTrue(report.contains("bulk apply gave"), report);
    }

    @Test
    void anActivationServiceLoaderDoesNotFindIsCaught() {
        Activation swoosh = new Activation() {
            @Override
            public String name() {
                return "swoosh";
            }

            @Override
            public double apply(double x) {
                return x;
            }

            @Override
            public double derivative(double x, double y) {
                return 1;
            }
        };
        Property<?> declaration = Suite.activation(swoosh, installed, false).properties().get(0);
        String report = fails(declaration);
        assertTrue(report.contains("ServiceLoader finds no activation named 'swoosh': declare it with 'provides"
                + " org.rnn4j.api.Activation with"), report);

        String impostor = fails(Suite.activation(new SigmoidWithWrongDerivative(), installed, false).properties().get(0));
        assertTrue(impostor.contains("the activation named 'sigmoid' that ServiceLoader finds is"
                + " org.rnn4j.activations.Sigmoid"), impostor);
    }

    // ---- losses

    /** half_sse that adds its gradient to what the array held, or puts its minimum off d. */
    private static Loss halfSse(boolean adds, double offset) {
        return new Loss() {
            @Override
            public String name() {
                return "half_sse";
            }

            @Override
            public double evaluate(double[] y, int yOff, double[] d, int dOff, double[] grad, int gOff, int n) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double e = y[yOff + i] - d[dOff + i] - offset;
                    sum += 0.5 * e * e;
                    grad[gOff + i] = adds ? grad[gOff + i] + e : e;
                }
                return sum;
            }
        };
    }

    @Test
    void aLossThatAddsIntoItsGradientIsCaught() {
        String report = fails(LossChecks.gradient(halfSse(true, 0)));
        assertTrue(report.contains("must be overwritten, not added to"), report);
        assertTrue(runner.run(LossChecks.gradient(halfSse(false, 0))).passed(), "the same loss writing is fine");
    }

    @Test
    void aLossWhoseMinimumIsNotThePerfectPredictionIsCaught() {
        Loss offCentre = halfSse(false, 0.1);
        String report = fails(LossChecks.perfectPrediction(offCentre, LossChecks.defaultPerfectPrediction(offCentre)));
        assertTrue(report.contains("at the perfect prediction"), report);
    }

    // ---- optimizers

    /** Plain SGD, momentum 0.9, with one rule of the contract broken on request. */
    private static OptimizerProvider sgd(boolean ascends, boolean keepsStateOnReset, boolean zeroesGradients) {
        return new OptimizerProvider() {
            @Override
            public String name() {
                return "broken_sgd";
            }

            @Override
            public Optimizer create(Options hyperparameters) {
                return new Optimizer() {
                    private double lr = 0.01;
                    private double[][] velocity;

                    @Override
                    public String name() {
                        return "broken_sgd";
                    }

                    @Override
                    public void step(List<Parameter> parameters) {
                        if (velocity == null) {
                            velocity = new double[parameters.size()][];
                            for (int p = 0; p < velocity.length; p++) {
                                velocity[p] = new double[parameters.get(p).size()];
                            }
                        }
                        for (int p = 0; p < velocity.length; p++) {
                            Parameter param = parameters.get(p);
                            for (int i = 0; i < param.size(); i++) {
                                velocity[p][i] = 0.9 * velocity[p][i] + param.grad()[i];
                                param.value()[i] += (ascends ? lr : -lr) * velocity[p][i];
                            }
                            if (zeroesGradients) {
                                param.zeroGrad();
                            }
                        }
                    }

                    @Override
                    public void reset() {
                        if (!keepsStateOnReset) {
                            velocity = null;
                        }
                    }

                    @Override
                    public double learningRate() {
                        return lr;
                    }

                    @Override
                    public void setLearningRate(double value) {
                        lr = value;
                    }
                };
            }
        };
    }

    @Test
    void anOptimizerThatClimbsIsCaught() {
        Options none = Options.none("optimizer 'broken_sgd'");
        String report = fails(OptimizerChecks.descends(sgd(true, false, false), none));
        assertTrue(report.contains("it must go down"), report);
        assertTrue(runner.run(OptimizerChecks.descends(sgd(false, false, false), none)).passed());
    }

    @Test
    void anOptimizerWhoseResetKeepsItsMomentumIsCaught() {
        Options none = Options.none("optimizer 'broken_sgd'");
        String report = fails(OptimizerChecks.resetAndDeterminism(sgd(false, true, false), none));
        assertTrue(report.contains("after reset() it went"), report);
        assertTrue(runner.run(OptimizerChecks.resetAndDeterminism(sgd(false, false, false), none)).passed());
    }

    @Test
    void anOptimizerThatZeroesGradientsIsCaught() {
        Options none = Options.none("optimizer 'broken_sgd'");
        String report = fails(OptimizerChecks.zeroLearningRateAndGradientsKept(sgd(false, false, true), none));
        assertTrue(report.contains("changed the gradients"), report);
    }

    /** Plain SGD through value()/grad(), stepping {@code float32Factor} times as far on float32 parameters. */
    private static OptimizerProvider precisionSgd(double float32Factor) {
        return new OptimizerProvider() {
            @Override
            public String name() {
                return "precision_sgd";
            }

            @Override
            public Optimizer create(Options hyperparameters) {
                return new Optimizer() {
                    private double lr = 0.01;

                    @Override
                    public String name() {
                        return "precision_sgd";
                    }

                    @Override
                    public void step(List<Parameter> parameters) {
                        for (Parameter p : parameters) {
                            double f = p.precision() == Precision.FLOAT32 ? float32Factor : 1;
                            for (int i = 0; i < p.size(); i++) {
                                p.value()[i] -= f * lr * p.grad()[i];
                            }
                        }
                    }

                    @Override
                    public void reset() {
                    }

                    @Override
                    public double learningRate() {
                        return lr;
                    }

                    @Override
                    public void setLearningRate(double value) {
                        lr = value;
                    }
                };
            }
        };
    }

    @Test
    void anOptimizerThatStepsOtherwiseOnFloat32ParametersIsCaught() {
        Options none = Options.none("optimizer 'precision_sgd'");
        String report = fails(OptimizerChecks.float32StepIsTheFloat64StepRounded(precisionSgd(2), none));
        assertTrue(report.contains("the float64 step from the same numbers gives"), report);
        assertTrue(runner.run(OptimizerChecks.float32StepIsTheFloat64StepRounded(precisionSgd(1), none)).passed(),
                "a plug-in written against value()/grad() steps float32 parameters as float64 ones, rounded");
    }

    @Test
    void anOptimizerThatTakesAnyListAndAnyLearningRateIsCaught() {
        String report = fails(OptimizerChecks.refusesBadInput(sgd(false, false, false),
                Options.none("optimizer 'broken_sgd'")));
        assertTrue(report.contains("setLearningRate(-0.001) was accepted"), report);
    }

    // ---- layers

    /** The installed layer of that kind, wrapped by {@code wrap}. */
    private LayerProvider wrapped(String kind, UnaryOperator<Layer> wrap) {
        LayerProvider real = installed.layer(kind);
        return new LayerProvider() {
            @Override
            public String name() {
                return kind;
            }

            @Override
            public boolean recurrent() {
                return real.recurrent();
            }

            @Override
            public Layer create(LayerSpec spec) {
                return wrap.apply(real.create(spec));
            }
        };
    }

    @Test
    void aLayerThatOverwritesParameterGradientsIsCaught() {
        LayerProvider overwriting = wrapped("dense", l -> new ForwardingLayer(l) {
            @Override
            public Sequence backward(Sequence dy) {
                delegate.parameters().forEach(Parameter::zeroGrad);
                return delegate.backward(dy);
            }
        });
        Registry r = Registries.with(installed, overwriting);
        String report = fails(LayerChecks.accumulates(Choices.of(r), "dense"));
        assertTrue(report.contains("backward must add dL/dparameter into grad(), never overwrite it"), report);
    }

    @Test
    void aLayerThatIgnoresItsInitialStateIsCaught() {
        LayerProvider forgetful = wrapped("elman", l -> new ForwardingLayer(l) {
            @Override
            public Sequence forward(Sequence x, State initial) {
                return delegate.forward(x, null);
            }
        });
        Registry r = Registries.with(installed, forgetful);
        String report = fails(LayerChecks.carriesState(Choices.of(r), "elman"));
        assertTrue(report.contains("from the final state of the first call"), report);
        PropertyResult<?> gradients = runner.run(LayerChecks.gradients(Choices.of(r), "elman",
                Tolerance.DEFAULT));
        assertFalse(gradients.passed(), "dL/dh0 of a layer that ignores h0 is 0, its finite difference is not");
        assertInstanceOf(GradientMismatchError.class, gradients.failure().error());
        assertTrue(gradients.report().contains("initial state 0"), gradients.report());
    }

    @Test
    void aLayerThatAcceptsAnyWidthIsCaught() {
        LayerProvider lax = wrapped("dense", l -> new ForwardingLayer(l) {
            @Override
            public Sequence forward(Sequence x, State initial) {
                int in = delegate.inputSize();
                double[] fitted = new double[x.rows() * in];
                for (int r = 0; r < x.rows(); r++) {
                    System.arraycopy(x.data(), r * x.features(), fitted, r * in, Math.min(in, x.features()));
                }
                return delegate.forward(Sequence.wrap(x.steps(), x.batch(), in, fitted), initial);
            }
        });
        String report = fails(LayerChecks.rejectsWrongShapes(Registries.with(installed, lax), "dense"));
        assertTrue(report.contains("accepted an input of 4 features per step where it expects 3"), report);
    }

    @Test
    void aLayerThatDeclaresOtherShapesThanItMakesIsCaught() {
        LayerProvider real = installed.layer("gru");
        LayerProvider lying = new LayerProvider() {
            @Override
            public String name() {
                return "gru";
            }

            @Override
            public boolean recurrent() {
                return true;
            }

            @Override
            public Layer create(LayerSpec spec) {
                return real.create(spec);
            }

            @Override
            public Optional<Map<String, long[]>> parameterShapes(int inputSize, int outputSize, Options options) {
                Map<String, long[]> m = new LinkedHashMap<>(real.parameterShapes(inputSize, outputSize, options)
                        .orElseThrow());
                m.put("weight_hh", new long[] {outputSize, outputSize});
                return Optional.of(m);
            }
        };
        String report = fails(ShapeChecks.declaredShapes(Choices.of(Registries.with(installed, lying)), "gru"));
        assertTrue(report.contains("declares parameters [weight_ih["), report);
        assertTrue(report.contains("but makes [weight_ih["), report);
    }
}
