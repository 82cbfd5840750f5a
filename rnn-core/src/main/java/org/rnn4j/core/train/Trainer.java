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
import org.rnn4j.core.Reduction;

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
    private final TruncatedBptt truncated;
    /**
     * The network's parameters in their order, as views named as in
     * {@link Network#namedParameters()} ({@code layer0.weight_ih}), so that an optimizer's message
     * about a refused step names the layer.
     */
    private final List<Parameter> qualified = new ArrayList<>();
    private final List<TrainingListener> listeners = new ArrayList<>();

    // Where the run is (see TrainingState). epoch counts the epochs completed: the one in
    // progress is epoch + 1, the number listeners, metrics and messages show.
    private int epoch;
    private int batch;
    private long step;
    private List<State> carried;
    private double epochLossSum;
    private long epochRealSteps;
    private EarlyStopping early;
    private List<EpochMetrics> history = new ArrayList<>();
    private double baseRate;
    private BestWeights best;
    private BestWeights resumedBest;
    private BatchGradients elsewhere;

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
        this.truncated = config.truncation() > 0 ? new TruncatedBptt(config.truncation()) : null;
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
        this.elsewhere = source;
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
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("training: a validation dataset was given and the validation fraction is "
                    + config.validationFraction() + "; use one or the other");
        }
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
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("training: a validation dataset was given and the validation fraction is "
                    + config.validationFraction() + "; use one or the other");
        }
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
        Objects.requireNonNull(epoch, "epoch");
        List<Parameter> params = net.parameters();
        boolean fits = weights.size() == params.size();
        for (int i = 0; fits && i < params.size(); i++) {
            fits = weights.get(i).length == params.get(i).size();
        }
        if (!fits) {
            throw new IllegalArgumentException("training: the best weights so far do not fit the network's "
                    + params.size() + " parameters");
        }
        this.resumedBest = new BestWeights(epoch, weights);
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
        return new TrainingState(epoch, batch, step, carried == null ? List.of() : carried, epochLossSum,
                epochRealSteps, early.best(), early.waited(), history, baseRate);
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
            return meanLoss(data);
        } finally {
            net.setTraining(wasTraining);
        }
    }

    private double meanLoss(Dataset data) {
        double sum = 0;
        long n = 0;
        List<State> states = null;
        Iterator<Batch> it = data.epoch(null, 0);
        while (it.hasNext()) {
            Batch b = it.next();
            int real = b.lossRows();
            sum += perStep(net.loss(b.input(), b.target(), states), real) * real;
            n += real;
            if (data.carriesState()) {
                states = net.finalStates();
                if (NonFiniteStop.firstNonFinite(states) != null) {
                    return Double.NaN;
                }
            }
        }
        return sum / n;
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
        if (config.patience() > 0 && validation == null) {
            throw new IllegalArgumentException("training: early stopping needs validation data; set a validation "
                    + "fraction in (0, 1) or pass a validation dataset");
        }
        if (train.carriesState()) {
            TruncatedBptt.requireUnidirectional(net, "carrying the state from batch to batch (a stream dataset)");
        }
        if (truncated != null) {
            TruncatedBptt.requireUnidirectional(net, "truncated BPTT");
            if (net.head() != null) {
                throw new IllegalArgumentException("training: truncated BPTT cuts each sequence into chunks, but the "
                        + "network's sequence head reads whole sequences; train it without truncation");
            }
        }
        if (config.restoreBestWeights() && validation == null) {
            throw new IllegalArgumentException("training: restoring the best weights needs validation data; set a "
                    + "validation fraction in (0, 1) or pass a validation dataset");
        }
        if (from.batch() > train.batchesPerEpoch()) {
            throw new IllegalArgumentException("training: cannot resume at batch " + from.batch() + " of an epoch of "
                    + train.batchesPerEpoch() + " batches");
        }
        restore(from);
        best = !config.restoreBestWeights() ? null : resumedBest != null
                ? new BestWeights(resumedBest.epoch(), resumedBest.weights()) : new BestWeights();
        List<Parameter> params = net.parameters();
        int perEpoch = train.batchesPerEpoch();
        TrainingPlan plan = new TrainingPlan(config.epochs(), perEpoch, config.maxSteps(), epoch + 1, step,
                validation != null);
        listeners.forEach(l -> l.onTrainStart(plan));
        while (epoch < config.epochs()) {
            if (config.schedule() != null) {
                optimizer.setLearningRate(config.schedule().rate(baseRate, epoch));
            }
            double lr = optimizer.learningRate();
            int e = epoch + 1; // as users count epochs: from 1
            listeners.forEach(l -> l.onEpochStart(e, lr));
            long started = System.nanoTime();
            long realRun = 0;
            boolean limited = atLimit();
            Iterator<Batch> it = train.epoch(config.shuffle() ? Seeds.forEpoch(config.seed(), epoch) : null, batch);
            while (!limited && it.hasNext()) {
                Batch b = it.next();
                double loss = gradients(b, train.carriesState());
                double norm = config.clip().clip(params);
                List<State> after = train.carriesState() || truncated != null ? statesAfterBatch() : null;
                String badState = after == null ? null : NonFiniteStop.firstNonFinite(after);
                if (!Double.isFinite(loss) || !Double.isFinite(norm) || badState != null) {
                    return end(StopReason.NON_FINITE, NonFiniteStop.beforeStep(e, batch, step, loss, norm,
                            badState), state());
                }
                Optional<String> refused = optimizer.stepIfFinite(qualified);
                if (refused.isPresent()) {
                    return end(StopReason.NON_FINITE, NonFiniteStop.refusedStep(e, batch, step, refused.get(), loss,
                            norm), state());
                }
                net.roundParameters();
                if (train.carriesState()) {
                    carried = after;
                }
                int real = b.realSteps();
                int rows = b.lossRows(); // real steps, or sequences for per-sequence targets
                double perStep = perStep(loss, rows);
                epochLossSum += perStep * rows;
                epochRealSteps += rows;
                realRun += real;
                batch++;
                step++;
                StepEvent ev = new StepEvent(e, batch, perEpoch, step, perStep, norm, lr, real,
                        realRun / seconds(started));
                listeners.forEach(l -> l.onStep(ev));
                limited = atLimit();
            }
            TrainingState beforeEnd = state();
            boolean cut = batch < perEpoch;
            double seconds = seconds(started);
            double val = validation == null ? Double.NaN : evaluate(validation);
            EpochMetrics m = new EpochMetrics(e, step, batch, epochLossSum / epochRealSteps, val, lr, seconds,
                    realRun / seconds);
            history.add(m);
            if (best != null) {
                best.offer(m, params);
            }
            listeners.forEach(l -> l.onEpochEnd(m));
            epoch++;
            batch = 0;
            carried = null;
            epochLossSum = 0;
            epochRealSteps = 0;
            if (validation != null && !Double.isFinite(val)) {
                return end(StopReason.NON_FINITE, NonFiniteStop.validation(m.epoch(), step, val), state());
            }
            if (config.patience() > 0 && early.update(val)) {
                return end(StopReason.EARLY_STOPPED, "early stopping after epoch " + m.epoch() + ": no validation loss "
                        + "below " + early.best() + " - " + config.minDelta() + " for " + config.patience() + " epoch(s)",
                        state());
            }
            if (limited && (cut || epoch < config.epochs())) {
                return end(StopReason.STEP_LIMIT, "reached the limit of " + config.maxSteps() + " steps", beforeEnd);
            }
        }
        return end(StopReason.COMPLETED, "trained " + config.epochs() + " epoch(s), " + step + " steps", state());
    }

    /** BPTT (or truncated BPTT) of one batch, from the carried state for streams. */
    private double gradients(Batch b, boolean carry) {
        List<State> initial = carry ? carried : null;
        net.setDropoutPosition(step, 0); // the step's masks, however many forwards ran before
        if (elsewhere != null) {
            return elsewhere.gradients(b, initial);
        }
        return truncated != null ? truncated.gradients(net, b.input(), b.target(), initial)
                : net.parameterGradients(b.input(), b.target(), initial);
    }

    /** The states after the batch just run, to carry into the next. */
    private List<State> statesAfterBatch() {
        if (elsewhere != null) {
            return elsewhere.finalStates();
        }
        return truncated != null ? truncated.finalStates() : net.finalStates();
    }

    /** The network's loss as a mean per real step, whatever its reduction. */
    private double perStep(double loss, int real) {
        return net.reduction() == Reduction.SUM ? loss / real : loss;
    }

    private boolean atLimit() {
        return config.maxSteps() > 0 && step >= config.maxSteps();
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
        EpochMetrics restoring = best == null ? null : best.pending(step);
        String note = BestWeights.note(new TrainingResult(reason, message, step, history, where, restoring));
        TrainingResult r = new TrainingResult(reason, note.isEmpty() ? message
                : message + (message.endsWith(".") ? " " : ". ") + note, step, history, where, restoring);
        listeners.forEach(l -> l.onTrainEnd(r));
        if (restoring != null) {
            best.restore(net.parameters());
        }
        return r;
    }

    private void restore(TrainingState s) {
        if (!s.carried().isEmpty() && s.carried().size() != net.recurrentLayers().size()) {
            throw new IllegalArgumentException("training: the state to resume carries " + s.carried().size()
                    + " layer state(s) but the network has " + net.recurrentLayers().size() + " recurrent layer(s)");
        }
        epoch = s.epoch();
        batch = s.batch();
        step = s.step();
        carried = s.carried().isEmpty() ? null : new ArrayList<>(s.carried());
        epochLossSum = s.epochLossSum();
        epochRealSteps = s.epochRealSteps();
        early = new EarlyStopping(config.patience(), config.minDelta(), s.bestValidationLoss(), s.epochsWithoutImprovement());
        history = new ArrayList<>(s.history());
        baseRate = Double.isNaN(s.baseLearningRate()) ? optimizer.learningRate() : s.baseLearningRate();
    }
}
