package org.rnn4j.activations;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.rnn4j.api.Activation;

/** What the tests expect this module to provide, written out independently of module-info. */
final class Catalog {

    /** The kinks each function must declare; a name not listed must declare none. */
    private static final Map<String, double[]> KINKS = Map.of(
            "relu", new double[] {0.0},
            "leaky_relu", new double[] {0.0},
            "elu", new double[] {0.0},
            "hard_sigmoid", new double[] {-3.0, 3.0});

    private Catalog() {
    }

    /**
     * One fresh instance of every activation of the module.
     *
     * @return the activations
     */
    static List<Activation> all() {
        return List.of(new Sigmoid(), new Tanh(), new Identity(), new Relu(), new LeakyRelu(),
                new Elu(), new Softplus(), new Softsign(), new HardSigmoid());
    }

    /**
     * The activations named for parameterized tests.
     *
     * @return the activations, each named by its {@link Activation#name()}
     */
    static Stream<Named<Activation>> named() {
        return all().stream().map(a -> Named.of(a.name(), a));
    }

    /**
     * The kinks an activation must declare.
     *
     * @param name the activation's name
     * @return the kinks in increasing order, possibly empty
     */
    static double[] expectedKinks(String name) {
        return KINKS.getOrDefault(name, new double[0]).clone();
    }
}
