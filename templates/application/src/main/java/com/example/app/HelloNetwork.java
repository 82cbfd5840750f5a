package com.example.app;

import java.util.Map;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/** rnn4j's README, "A network in code": one step of SGD on "hello", each letter predicting the next. */
public final class HelloNetwork {

    private HelloNetwork() {
    }

    /**
     * Prints the loss before and after one training step.
     *
     * @param args none
     */
    public static void main(String[] args) {
        double[] losses = lossBeforeAndAfterOneStep();
        System.out.printf("loss %.4f, after one step of sgd %.4f%n", losses[0], losses[1]);
    }

    /** @return the loss of the first step and the loss after it */
    static double[] lossBeforeAndAfterOneStep() {
        Sequence x = oneHot("hell");
        Sequence targets = oneHot("ello");

        Registry plugins = Registry.installed();
        Network net = Network.builder(plugins)
            .input(65)
            .recurrent("elman", 256, Map.of("activation", "tanh"))
            .recurrent("elman", 256, Map.of("activation", "sigmoid"))   // any depth, any activation per layer
            .output("dense", 65, Map.of())
            .loss("softmax_cross_entropy")
            .seed(42)
            .build();
        Optimizer sgd = plugins.optimizer("sgd").create(new Options("sgd", Map.of("lr", "0.1")));

        double loss = net.gradients(x, targets, null);   // forward, loss, BPTT; dL/dtheta in every Parameter
        sgd.step(net.parameters());

        return new double[] {loss, net.loss(x, targets, null)};
    }

    /** Letters as one-hot rows of 65 features (a to z are 0 to 25), one time step each. */
    private static Sequence oneHot(String letters) {
        double[][] rows = new double[letters.length()][65];
        for (int t = 0; t < letters.length(); t++) {
            rows[t][letters.charAt(t) - 'a'] = 1;
        }
        return Sequence.of(rows);
    }
}
