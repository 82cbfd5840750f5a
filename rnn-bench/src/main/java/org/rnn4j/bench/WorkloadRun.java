package org.rnn4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;
import org.rnn4j.core.NetworkBuilder;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.ClipByValue;
import org.rnn4j.core.train.GradientClip;
import org.rnn4j.examples.tutorial.TutorialNetwork;
import org.rnn4j.examples.tutorial.TutorialReport;

/**
 * A workload ready to run: its network, optimizer and data, and the state carried from batch to
 * batch. {@link #train()} is one training step as docs/BENCHMARKS.md counts it (forward, backward,
 * clip, optimizer step, and in float32 the rounding of the parameters to float32 that the trainer
 * does after every step), {@link #infer()} a forward pass over a batch of the same shape. The
 * network is built in the precision asked for ({@code NetworkBuilder.precision}; W1's tutorial
 * network is converted with {@code Network.to}).
 *
 * <ul>
 *   <li>W1 is the tutorial: its network and weights, the word "he" as input and target, the
 *       initial state zero at every step, sgd with lr 1.</li>
 *   <li>W2-W6 read the synthetic text in char-rnn's batches with the hidden state carried
 *       from step to step (reset at each epoch), softmax cross-entropy averaged over the T x B
 *       characters, every gradient clipped to +-5 (min-char-rnn's and char-rnn's default),
 *       then adagrad lr 0.1 (W2) or adam lr 2e-3 (W3-W6). W2-W4 stack Elman layers with
 *       tanh, W5 LSTM and W6 GRU layers with their default activations.</li>
 * </ul>
 */
public final class WorkloadRun {

    /** Symbols of synthetic text behind W2-W6: 2^20, enough for 255 batches of W4 per epoch. */
    static final int TEXT_LENGTH = 1 << 20;

    /** Gradient clipping bound of W2-W6. */
    static final double CLIP = 5;
    /** The clip itself, by value as min-char-rnn and char-rnn do. */
    private static final GradientClip CLIPPING = new ClipByValue(CLIP);

    private final Workload workload;
    private final Precision precision;
    private final Network net;
    private final Optimizer optimizer;
    private final CharBatches batches;
    private final Sequence tutorialWord;
    private final List<State> carried;

    /**
     * The workload in float64.
     *
     * @param workload what to run
     * @param registry where the layers, activations, loss and optimizer come from
     */
    public WorkloadRun(Workload workload, Registry registry) {
        this(workload, Precision.FLOAT64, registry);
    }

    /**
     * @param workload what to run
     * @param precision what the network computes in
     * @param registry where the layers, activations, loss and optimizer come from
     */
    public WorkloadRun(Workload workload, Precision precision, Registry registry) {
        this.workload = workload;
        this.precision = precision;
        if (workload.isTutorial()) {
            Network tutorial = TutorialNetwork.create(registry);
            net = precision == tutorial.precision() ? tutorial : tutorial.to(precision);
            optimizer = registry.optimizer("sgd").create(new Options("W1 optimizer", Map.of("lr", "1")));
            tutorialWord = TutorialNetwork.oneHot(TutorialReport.WORD);
            batches = null;
            carried = null;
        } else {
            net = build(workload, precision, registry);
            boolean w2 = workload.id().equals("W2");
            optimizer = w2
                    ? registry.optimizer("adagrad").create(new Options("W2 optimizer", Map.of("lr", "0.1")))
                    : registry.optimizer("adam").create(new Options(workload.id() + " optimizer", Map.of("lr", "2e-3")));
            tutorialWord = null;
            batches = new CharBatches(SyntheticText.symbols(TEXT_LENGTH), workload.steps(), workload.batch(),
                    workload.vocab());
            carried = net.zeroStates(workload.batch());
        }
    }

    private static Network build(Workload w, Precision precision, Registry registry) {
        NetworkBuilder builder = Network.builder(registry).input(w.vocab()).precision(precision);
        // Elman's tanh is spelled out (the workloads' definition); LSTM and GRU keep their defaults
        Map<String, String> options = w.cell().equals("elman") ? Map.of("activation", "tanh") : Map.of();
        for (int l = 0; l < w.layers(); l++) {
            builder.recurrent(w.cell(), w.hidden(), options);
        }
        return builder.output(w.vocab()).loss("softmax_cross_entropy").seed(42).build();
    }

    /** @return the workload */
    public Workload workload() {
        return workload;
    }

    /** @return what the network computes in */
    public Precision precision() {
        return precision;
    }

    /** @return the network */
    public Network network() {
        return net;
    }

    /** @return the optimizer */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * One training step: the next batch, forward, loss, backward through time, clipping and
     * the optimizer's update; the final state is kept for the next batch.
     *
     * @return the loss of the batch (mean per character for W2-W6)
     */
    public double train() {
        if (workload.isTutorial()) {
            double loss = net.parameterGradients(tutorialWord, tutorialWord, null);
            optimizer.step(net.parameters());
            net.roundParameters();
            return loss;
        }
        nextBatch();
        double loss = net.parameterGradients(batches.input(), batches.target(), carried);
        CLIPPING.clip(net.parameters());
        optimizer.step(net.parameters());
        net.roundParameters();
        net.copyFinalStates(carried);
        return loss;
    }

    /**
     * A forward pass over the next batch (the output layer's scores, no loss), carrying the
     * state.
     *
     * @return the scores, valid until the next call
     */
    public Sequence infer() {
        if (workload.isTutorial()) {
            return net.forward(tutorialWord, null);
        }
        nextBatch();
        Sequence y = net.forward(batches.input(), carried);
        net.copyFinalStates(carried);
        return y;
    }

    private void nextBatch() {
        if (batches.next()) {
            for (State s : carried) {
                for (double[] part : s.parts()) {
                    Arrays.fill(part, 0.0);
                }
            }
        }
    }
}
