package org.rnn4j.core.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.State;
import org.rnn4j.core.Network;

/**
 * The training loop: epochs of mini-batches, each step
 *
 * <pre>
 *   loss, dL/dtheta = BPTT of the batch (truncated to chunks of k if configured),
 *                     from the state carried out of the previous batch for streams
 *   ||g||           = clip(dL/dtheta)                   (the norm before clipping)
 *   stop            if loss, ||g|| or the carried state is NaN or infinite (the step is not applied)
 *   theta           = optimizer.stepIfFinite(theta)    (stop if it would not be finite: not applied)
 * </pre>
 *
 * then, after each epoch, the validation loss, the metrics, listeners and early stopping; the
 * learning rate of each epoch comes from the schedule. See {@link TrainingConfig} for the
 * settings, {@link TrainingListener} for progress, {@link TrainingState} for resuming.
 *
 * <p>Modes: steps run in the network's training mode (dropout on, if it has any), validation
 * in evaluation mode; {@code fit} leaves the network in the mode it found it in. Step s draws
 * the dropout masks of step s ({@link Network#setDropoutPosition}), so a resumed run draws the
 * masks of the uninterrupted one, and a cluster's workers those of one process.
 *
 * <p>The best epoch: a result says when the run ended far above its lowest validation loss
 * ({@link TrainingResult#endedFarAboveBest()}); with {@link TrainingConfig#restoreBestWeights}
 * the network ends with the weights of that epoch instead of the last ones
 * ({@link TrainingResult#restored()}).
 *
 * <p>Non-finite values: the loss, the gradient norm and the recurrent state carried out of the
 * batch (streams, truncated BPTT) are checked before the optimizer step, and the step itself is
 * taken with {@link Optimizer#stepIfFinite(List)}, which applies nothing if it would leave a NaN
 * or an infinity in a parameter or in the optimizer's state. So the parameters and the
 * optimizer's state are always finite, and after a stop exactly those of the last good step;
 * the run ends with {@link StopReason#NON_FINITE} and a message whose advice fits the cause.
 * Checking costs one pass over the gradients, which the norm needs anyway, and about one pass
 * over the parameters in the optimizer. A non-finite validation loss (including a state that
 * overflows while carried through the validation data) also stops, after the step that caused
 * it: the parameters are finite, nothing is rolled back.
 *
 * <pre>{@code
 * Trainer t = new Trainer(net, adam, TrainingConfig.defaults().epochs(10).validationFraction(0.1).clipNorm(5));
 * t.addListener(new TrainingListener() {
 *     public void onEpochEnd(EpochMetrics m) { System.out.println(m); }
 * });
 * TrainingResult r = t.fit(StreamDataset.of(tokens, 65, 32, 64));
 * }</pre>
 *
 * A trainer drives one network and one optimizer from one thread.
 */
public final class Trainer {

    private final Network net;
    private final Optimizer optimizer;
    private final TrainingConfig config;
    private final StepGradients gradients;
    /**
     * The network's parameters in their order, as views named as in
     * {@link Network#namedParameters()} ({@code layer0.weight_ih}), so that an optimizer's message
     * about a refused step names the layer.
     */
    private final List<Parameter> qualified = new ArrayList<>();
    private final List<TrainingListener> listeners = new ArrayList<>();

    private final RunPosition at = new RunPosition(); // where the run is (see TrainingState)
    private BestWeights best;
    private BestWeights resumedBest;

    /**
     * @param net the network to train
     * @param optimizer its optimizer; its learning rate when a run begins is the schedule's base
     *     rate (a resumed run keeps the base rate of its {@link TrainingState})
     * @param config the settings
     */
    public Trainer(Network net, Optimizer optimizer, TrainingConfig config) {
        this.net = Objects.requireNonNull(net, "net");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.config = Objects.requireNonNull(config, "config");
        this.gradients = new StepGradients(net, config.truncation());
        net.namedParameters().forEach((name, p) -> qualified.add(p.renamed(name)));
        restore(TrainingState.start());
    }

    /**
     * @param listener called as training goes, in the order listeners were added
     * @return this
     */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Takes each step's loss and gradient from {@code source} instead of this thread's BPTT (for
     * example from a cluster's workers, see {@link BatchGradients}); everything else stays.
     *
     * @param source where gradients come from, or null for this thread's BPTT (the default)
     * @return this
     */
    public Trainer gradientsFrom(BatchGradients source) {
        gradients.from(source);
        return this;
    }

    /** @return the settings */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains from the start, holding out the config's validation fraction (the last part of
     * the data) for validation.
     *
     * @param data the data
     * @return how training ended
     * @throws IllegalArgumentException on settings that do not fit the data
     */
    public TrainingResult fit(Dataset data) {
        return resume(data, TrainingState.start());
    }

    /**
     * Continues a run from a saved position, splitting the data as {@link #fit(Dataset)} does.
     * With the parameters and optimizer state of that moment restored, the run continues
     * exactly as it would have without the interruption.
     *
     * @param data the same data as the interrupted run
     * @param from the position, from {@link #state()} or {@link TrainingResult#state()}
     * @return how training ended
     */
    public TrainingResult resume(Dataset data, TrainingState from) {
        if (config.validationFraction() > 0) {
            Dataset.Split s = data.split(config.validationFraction());
            return run(s.train(), s.validation(), from);
        }
        return run(data, null, from);
    }

    /**
     * Trains from the start with a separate validation set (the config's validation fraction
     * must then be 0).
     *
     * @param train the training data
     * @param validation the validation data, or null for none
     * @return how training ended
     */
    public TrainingResult fit(Dataset train, Dataset validation) {
        RunRequirements.noValidationFraction(config);
        return run(train, validation, TrainingState.start());
    }

    /**
     * Continues a run from a saved position with a separate validation set, as
     * {@link #fit(Dataset, Dataset)} trains from the start (the config's validation fraction must
     * then be 0). With the parameters and optimizer state of that moment restored (and, for
     * {@link TrainingConfig#restoreBestWeights}, the best epoch so far given by
     * {@link #bestSoFar}), the run continues exactly as it would have without the interruption.
     *
     * @param train the same training data as the interrupted run
     * @param validation the same validation data, or null for none
     * @param from the position, from {@link #state()} or {@link TrainingResult#state()}
     * @return how training ended
     */
    public TrainingResult resume(Dataset train, Dataset validation, TrainingState from) {
        RunRequirements.noValidationFraction(config);
        return run(train, validation, Objects.requireNonNull(from, "from"));
    }

    /**
     * For a resumed run with {@link TrainingConfig#restoreBestWeights}: the epoch with the lowest
     * validation loss before the position resumed from and its weights (as {@link #keptEpoch()}
     * and {@link #keptWeights()} gave them when the checkpoint was written), so that the weights
     * put back at the end are those an uninterrupted run puts back.
     *
     * @param epoch that epoch
     * @param weights its weights, one array per parameter of the network, in its order
     * @return this
     * @throws IllegalArgumentException if the weights do not fit the network's parameters
     */
    public Trainer bestSoFar(EpochMetrics epoch, List<double[]> weights) {
        this.resumedBest = BestWeights.resumed(Objects.requireNonNull(epoch, "epoch"), weights, net.parameters());
        return this;
    }

    /**
     * @return the epoch whose weights {@link TrainingConfig#restoreBestWeights} keeps so far (call
     *     it from a listener, for a checkpoint), or null
     */
    public EpochMetrics keptEpoch() {
        return best == null ? null : best.epoch();
    }

    /** @return copies of the weights of {@link #keptEpoch()}, one array per parameter, or null */
    public List<double[]> keptWeights() {
        return best == null || best.epoch() == null ? null : best.weights();
    }

    /**
     * Where the run is now: call it from a listener for a checkpoint.
     *
     * @return a snapshot (copies)
     */
    public TrainingState state() {
        return at.state();
    }

    /**
     * The mean loss per real step of the network on a dataset, forward only, in evaluation
     * mode (no dropout; no gradient or parameter changes; the state is carried across batches
     * for streams, from zero). The network's mode is restored afterwards.
     *
     * @param data the data
     * @return the loss; NaN or infinite for a network that diverges on the data, including when
     *     the state carried from batch to batch stops being finite (the batches after it are not run)
     */
    public double evaluate(Dataset data) {
        boolean wasTraining = net.isTraining();
        net.setTraining(false);
        try {
            return MeanLoss.over(net, data);
        } finally {
            net.setTraining(wasTraining);
        }
    }

    private TrainingResult run(Dataset train, Dataset validation, TrainingState from) {
        boolean wasTraining = net.isTraining();
        net.setTraining(true);
        try {
            return loop(train, validation, from);
        } finally {
            net.setTraining(wasTraining);
        }
    }

    private TrainingResult loop(Dataset train, Dataset validation, TrainingState from) {
        RunRequirements.check(config, net, gradients.truncates(), train, validation, from);
        restore(from);
        best = !config.restoreBestWeights() ? null : resumedBest != null
                ? new BestWeights(resumedBest.epoch(), resumedBest.weights()) : new BestWeights();
        List<Parameter> params = net.parameters();
        int perEpoch = train.batchesPerEpoch();
        TrainingPlan plan = new TrainingPlan(config.epochs(), perEpoch, config.maxSteps(), at.epoch + 1, at.step,
                validation != null);
        listeners.forEach(l -> l.onTrainStart(plan));
        while (at.epoch < config.epochs()) {
            if (config.schedule() != null) {
                optimizer.setLearningRate(config.schedule().rate(at.baseRate, at.epoch));
            }
            double lr = optimizer.learningRate();
            int e = at.epoch + 1; // as users count epochs: from 1
            listeners.forEach(l -> l.onEpochStart(e, lr));
            long started = System.nanoTime();
            long realRun = 0;
            boolean limited = atLimit();
            Iterator<Batch> it = train.epoch(config.shuffle() ? Seeds.forEpoch(config.seed(), at.epoch) : null, at.batch);
            while (!limited && it.hasNext()) {
                Batch b = it.next();
                double loss = gradients.of(b, train.carriesState() ? at.carried : null, at.step);
                double norm = config.clip().clip(params);
                List<State> after = train.carriesState() || gradients.truncates() ? gradients.statesAfterBatch() : null;
                String badState = after == null ? null : NonFiniteStop.firstNonFinite(after);
                if (!Double.isFinite(loss) || !Double.isFinite(norm) || badState != null) {
                    return end(StopReason.NON_FINITE, NonFiniteStop.beforeStep(e, at.batch, at.step, loss, norm,
                            badState), state());
                }
                Optional<String> refused = optimizer.stepIfFinite(qualified);
                if (refused.isPresent()) {
                    return end(StopReason.NON_FINITE, NonFiniteStop.refusedStep(e, at.batch, at.step, refused.get(), loss,
                            norm), state());
                }
                net.roundParameters();
                if (train.carriesState()) {
                    at.carried = after;
                }
                int real = b.realSteps();
                int rows = b.lossRows(); // real steps, or sequences for per-sequence targets
                double perStep = MeanLoss.perStep(net, loss, rows);
                at.epochLossSum += perStep * rows;
                at.epochRealSteps += rows;
                realRun += real;
                at.batch++;
                at.step++;
                StepEvent ev = new StepEvent(e, at.batch, perEpoch, at.step, perStep, norm, lr, real,
                        realRun / seconds(started));
                listeners.forEach(l -> l.onStep(ev));
                limited = atLimit();
            }
            TrainingState beforeEnd = state();
            boolean cut = at.batch < perEpoch;
            double seconds = seconds(started);
            double val = validation == null ? Double.NaN : evaluate(validation);
            EpochMetrics m = new EpochMetrics(e, at.step, at.batch, at.epochLossSum / at.epochRealSteps, val, lr,
                    seconds, realRun / seconds);
            at.history.add(m);
            if (best != null) {
                best.offer(m, params);
            }
            listeners.forEach(l -> l.onEpochEnd(m));
            at.nextEpoch();
            if (validation != null && !Double.isFinite(val)) {
                return end(StopReason.NON_FINITE, NonFiniteStop.validation(m.epoch(), at.step, val), state());
            }
            if (config.patience() > 0 && at.early.update(val)) {
                return end(StopReason.EARLY_STOPPED, "early stopping after epoch " + m.epoch() + ": no validation loss "
                        + "below " + at.early.best() + " - " + config.minDelta() + " for " + config.patience() + " epoch(s)",
                        state());
            }
            if (limited && (cut || at.epoch < config.epochs())) {
                return end(StopReason.STEP_LIMIT, "reached the limit of " + config.maxSteps() + " steps", beforeEnd);
            }
        }
        return end(StopReason.COMPLETED, "trained " + config.epochs() + " epoch(s), " + at.step + " steps", state());
    }

    private boolean atLimit() {
        return config.maxSteps() > 0 && at.step >= config.maxSteps();
    }

    private static double seconds(long since) {
        return Math.max(1e-9, (System.nanoTime() - since) / 1e9);
    }

    /**
     * Ends the run: the result (its message noting a drift away from the best validation loss),
     * the listeners, then with {@link TrainingConfig#restoreBestWeights} the best weights put
     * back, after {@code onTrainEnd} so that a checkpoint written there holds the last ones.
     */
    private TrainingResult end(StopReason reason, String message, TrainingState where) {
        EpochMetrics restoring = best == null ? null : best.pending(at.step);
        String note = BestWeights.note(new TrainingResult(reason, message, at.step, at.history, where, restoring));
        TrainingResult r = new TrainingResult(reason, note.isEmpty() ? message
                : message + (message.endsWith(".") ? " " : ". ") + note, at.step, at.history, where, restoring);
        listeners.forEach(l -> l.onTrainEnd(r));
        if (restoring != null) {
            best.restore(net.parameters());
        }
        return r;
    }

    private void restore(TrainingState s) {
        at.restore(s, net, config, optimizer.learningRate());
    }
}
