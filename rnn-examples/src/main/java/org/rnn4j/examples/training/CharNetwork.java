package org.rnn4j.examples.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.ExponentialDecay;
import org.rnn4j.core.train.TrainingConfig;

/**
 * The network, optimizer and training configuration of a text or Reber run ({@link TrainRun}):
 * {@code --layers} recurrent layers of {@code --cell} with {@code --hidden} units on one-hot
 * characters and a dense output of logits over the vocabulary, trained with softmax
 * cross-entropy (the mean per character), in {@code --precision}. The {@code --data} runs'
 * counterpart is {@link TaskNetwork}.
 */
final class CharNetwork {

    private CharNetwork() {
    }

    /**
     * @param s the run's settings
     * @param vocabulary V, the characters of its data
     * @return the network the settings describe, without building it
     */
    static Architecture architecture(TrainSettings s, int vocabulary) {
        List<LayerConfig> layers = new ArrayList<>();
        for (int l = 0; l < s.layers(); l++) {
            layers.add(new LayerConfig(s.cell(), s.hidden(), s.layerOptions()));
        }
        return new Architecture(vocabulary, layers, new LayerConfig("dense", vocabulary, Map.of()),
                "softmax_cross_entropy", Reduction.MEAN, s.dropout(), s.seed());
    }

    /**
     * @param registry the installed plug-ins
     * @param s the run's settings
     * @param vocabulary V
     * @return a new network, seeded by {@code --seed}, in the settings' precision
     */
    static Network build(Registry registry, TrainSettings s, int vocabulary) {
        return architecture(s, vocabulary).builder(registry).precision(s.precision()).build();
    }

    /**
     * @param registry the installed plug-ins
     * @param s the run's settings
     * @return a new optimizer of {@code --optimizer} with its options
     */
    static Optimizer optimizer(Registry registry, TrainSettings s) {
        String name = s.optimizer();
        return registry.optimizer(name).create(new Options("optimizer '" + name + "'", s.optimizerOptions()));
    }

    /**
     * @param s the run's settings
     * @param perEpoch batches per epoch
     * @param keepBest whether the best validation epoch's weights are put back at the end
     * @return the trainer's configuration: seed, validation, length, learning-rate decay, clipping
     */
    static TrainingConfig config(TrainSettings s, int perEpoch, boolean keepBest) {
        TrainingConfig c = TrainingConfig.defaults().seed(s.seed()).validationFraction(s.valFraction())
                .restoreBestWeights(keepBest);
        if (s.steps() > 0) {
            c = c.maxSteps(s.steps()).epochs(epochsFor(s.steps(), perEpoch));
        } else {
            c = c.epochs(s.epochs());
        }
        if (s.lrDecay() < 1) {
            c = c.schedule(new ExponentialDecay(s.lrDecay(), s.lrDecayAfter()));
        }
        return s.clip() > 0 ? c.clipNorm(s.clip()) : c;
    }

    /**
     * @param steps a step limit, at least 1
     * @param perEpoch batches per epoch, at least 1
     * @return the epochs that hold that many steps, at most Integer.MAX_VALUE (computed so that
     *     no step count up to Long.MAX_VALUE overflows)
     */
    static int epochsFor(long steps, int perEpoch) {
        return (int) Math.min(Integer.MAX_VALUE, (steps - 1) / perEpoch + 1);
    }
}
