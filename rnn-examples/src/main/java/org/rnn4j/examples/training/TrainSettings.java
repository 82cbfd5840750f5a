package org.rnn4j.examples.training;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.rnn4j.api.Precision;

/**
 * Everything that decides a training run of {@code ./rnn4j train}, checked: the data (the
 * embedded Reber grammar, or a text file), the network, the optimizer and the loop. A checkpoint
 * keeps these (see {@link #toMap()}) so that {@code --resume} continues the same run.
 *
 * @param text the UTF-8 text file to train on, or null for the embedded Reber grammar
 * @param cell the recurrent layer kind ({@code elman}, {@code lstm}, {@code gru} or a plug-in)
 * @param layers recurrent layers, 1 to {@value #MAX_LAYERS}
 * @param hidden units per recurrent layer, 1 to {@value #MAX_HIDDEN}
 * @param activation the layers' {@code activation} option (Elman's nonlinearity, the gated
 *     cells' candidate activation), or null for the layer's default (tanh)
 * @param optimizer the optimizer's name
 * @param optimizerOptions its hyperparameters ({@code lr} among them), validated by the optimizer
 * @param seq T, characters per stream per step (text only; Reber strings are whole sequences)
 * @param batch B, streams of the text or strings per step
 * @param epochs passes over the training data
 * @param steps a step limit, 0 for none
 * @param clip the maximum global gradient norm, 0 for no clipping
 * @param dropout the dropout probability between recurrent layers, in [0, 1)
 * @param valFraction the last fraction of the data held out for validation, in [0, 1)
 * @param seed the seed of the weights, the data order, the Reber strings and the samples
 * @param every checkpoint, validate and print a sample every this many steps, 0 for never
 * @param lrDecay the learning rate's factor per epoch once the decay starts, in (0, 1]; 1 keeps
 *     it constant (char-rnn's {@code learning_rate_decay}, for example 0.97)
 * @param lrDecayAfter how many epochs run at the base rate before the decay starts, at least 1
 *     (char-rnn's {@code learning_rate_decay_after}, 10 by default)
 * @param precision the network's precision ({@code --precision}; {@link #DEFAULT_PRECISION}, float32,
 *     as PyTorch)
 */
public record TrainSettings(String text, String cell, int layers, int hidden, String activation, String optimizer,
        Map<String, String> optimizerOptions, int seq, int batch, int epochs, long steps, double clip, double dropout,
        double valFraction, long seed, int every, double lrDecay, int lrDecayAfter, Precision precision) {

    /** The precision of {@code ./rnn4j train} without {@code --precision}: float32, as PyTorch. */
    public static final Precision DEFAULT_PRECISION = Precision.FLOAT32;

    /** The most recurrent layers a run may ask for. */
    public static final int MAX_LAYERS = 64;
    /** The most units per layer a run may ask for. */
    public static final int MAX_HIDDEN = 65_536;
    /** No decay: the learning rate stays at its base. */
    public static final double NO_DECAY = 1;
    /** char-rnn's epochs at the base rate before the decay starts. */
    public static final int DECAY_AFTER = 10;

    /** Checks every number; the messages name the command-line option. */
    public TrainSettings {
        require(layers >= 1 && layers <= MAX_LAYERS, "--layers", "in [1, " + MAX_LAYERS + "]", layers);
        require(hidden >= 1 && hidden <= MAX_HIDDEN, "--hidden", "in [1, " + MAX_HIDDEN + "]", hidden);
        require(seq >= 1, "--seq", ">= 1 character", seq);
        require(batch >= 1, "--batch", ">= 1", batch);
        require(epochs >= 1, "--epochs", ">= 1", epochs);
        require(steps >= 0, "--steps", ">= 1", steps);
        require(clip >= 0 && Double.isFinite(clip), "--clip", "a finite number >= 0 (0 = no clipping)", clip);
        require(dropout >= 0 && dropout < 1, "--dropout", "in [0, 1)", dropout);
        require(valFraction >= 0 && valFraction < 1, "--val-fraction", "in [0, 1)", valFraction);
        require(every >= 0, "--every", ">= 1 step", every);
        require(lrDecay > 0 && lrDecay <= 1, "--lr-decay", "in (0, 1] (the factor per epoch; 1 = no decay)", lrDecay);
        require(lrDecayAfter >= 1, "--lr-decay-after", ">= 1 epoch", lrDecayAfter);
        if (dropout > 0 && layers < 2) {
            throw new IllegalArgumentException("--dropout acts between recurrent layers, so it needs --layers >= 2, "
                    + "got --layers " + layers + " with --dropout " + dropout);
        }
        optimizerOptions = Map.copyOf(optimizerOptions);
        Objects.requireNonNull(precision, "precision");
    }

    /**
     * Settings in the default precision ({@link #DEFAULT_PRECISION}).
     *
     * @param text the text file, or null for the Reber grammar
     * @param cell the recurrent layer kind
     * @param layers recurrent layers
     * @param hidden units per recurrent layer
     * @param activation the layers' activation, or null
     * @param optimizer the optimizer's name
     * @param optimizerOptions its hyperparameters
     * @param seq T
     * @param batch B
     * @param epochs passes over the data
     * @param steps a step limit, 0 for none
     * @param clip the maximum gradient norm, 0 for none
     * @param dropout the dropout probability
     * @param valFraction the fraction held out for validation
     * @param seed the seed
     * @param every the save interval in steps, 0 for never
     * @param lrDecay the learning rate's factor per epoch
     * @param lrDecayAfter epochs before the decay starts
     */
    public TrainSettings(String text, String cell, int layers, int hidden, String activation, String optimizer,
            Map<String, String> optimizerOptions, int seq, int batch, int epochs, long steps, double clip,
            double dropout, double valFraction, long seed, int every, double lrDecay, int lrDecayAfter) {
        this(text, cell, layers, hidden, activation, optimizer, optimizerOptions, seq, batch, epochs, steps, clip,
                dropout, valFraction, seed, every, lrDecay, lrDecayAfter, DEFAULT_PRECISION);
    }

    /**
     * The embedded default: a one-layer LSTM of 32 that learns the embedded Reber grammar in about
     * 30,000 strings (15 epochs of 2,000), well inside two minutes on two cores.
     *
     * @return the settings of {@code ./rnn4j train} with no options
     */
    public static TrainSettings reber() {
        return new TrainSettings(null, "lstm", 1, 32, null, "adam", Map.of("lr", "0.01"), 1, 16, 15, 0, 5, 0, 0.2,
                42, 0, NO_DECAY, DECAY_AFTER);
    }

    /**
     * The defaults for a text: a two-layer LSTM of 128, T = 64, B = 32, Adam at 2e-3, clipped at 5
     * (char-rnn's settings, smaller), one epoch.
     *
     * @param file the text file
     * @return the settings of {@code ./rnn4j train --text FILE}
     */
    public static TrainSettings text(String file) {
        return new TrainSettings(file, "lstm", 2, 128, null, "adam", Map.of("lr", "2e-3"), 64, 32, 1, 0, 5, 0, 0.1,
                42, 0, NO_DECAY, DECAY_AFTER);
    }

    /** @return whether this is the embedded Reber grammar */
    public boolean isReber() {
        return text == null;
    }

    /** @return the layers' options: the activation, if one was chosen */
    public Map<String, String> layerOptions() {
        return activation == null ? Map.of() : Map.of("activation", activation);
    }

    /**
     * The settings as strings, for a checkpoint's position (keys {@code run.<name>}).
     *
     * @return the entries, sorted
     */
    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        if (text != null) {
            m.put("run.text", text);
        }
        m.put("run.cell", cell);
        m.put("run.layers", Integer.toString(layers));
        m.put("run.hidden", Integer.toString(hidden));
        if (activation != null) {
            m.put("run.activation", activation);
        }
        m.put("run.seq", Integer.toString(seq));
        m.put("run.batch", Integer.toString(batch));
        m.put("run.epochs", Integer.toString(epochs));
        m.put("run.steps", Long.toString(steps));
        m.put("run.clip", Double.toString(clip));
        m.put("run.dropout", Double.toString(dropout));
        m.put("run.val_fraction", Double.toString(valFraction));
        m.put("run.seed", Long.toString(seed));
        m.put("run.every", Integer.toString(every));
        m.put("run.lr_decay", Double.toString(lrDecay));
        m.put("run.lr_decay_after", Integer.toString(lrDecayAfter));
        m.put("run.precision", precision.label());
        return m;
    }

    /**
     * Reads what {@link #toMap()} wrote; the optimizer comes from the checkpoint's own entries. A
     * checkpoint from before the learning-rate decay existed has no decay entries, and had none;
     * one from before float32 existed has no precision entry, and was float64.
     *
     * @param m a checkpoint's position
     * @param optimizer the checkpoint's optimizer name
     * @param optimizerOptions the checkpoint's optimizer settings
     * @return the settings
     * @throws IllegalArgumentException if an entry is missing or malformed
     */
    public static TrainSettings fromMap(Map<String, String> m, String optimizer, Map<String, String> optimizerOptions) {
        RecordedSettings r = new RecordedSettings(m, "it was not written by ./rnn4j train");
        return new TrainSettings(r.optional("run.text"), r.text("run.cell"), r.whole("run.layers"),
                r.whole("run.hidden"), r.optional("run.activation"), optimizer, optimizerOptions, r.whole("run.seq"),
                r.whole("run.batch"), r.whole("run.epochs"), r.wholeLong("run.steps"), r.real("run.clip"),
                r.real("run.dropout"), r.real("run.val_fraction"), r.wholeLong("run.seed"), r.whole("run.every"),
                r.has("run.lr_decay") ? r.real("run.lr_decay") : NO_DECAY,
                r.has("run.lr_decay_after") ? r.whole("run.lr_decay_after") : DECAY_AFTER,
                r.has("run.precision") ? r.precision("run.precision") : Precision.FLOAT64);
    }

    /**
     * The settings in one line, as {@code ./rnn4j train} prints them before it starts.
     *
     * @return for example {@code lstm 2 x 128, adam {lr=2e-3}, T 64, B 32, clip 5.0, ..., seed 42, float32}
     */
    public String describe() {
        Map<String, String> opt = new TreeMap<>(optimizerOptions);
        StringBuilder s = new StringBuilder();
        s.append(cell).append(' ').append(layers).append(" x ").append(hidden);
        if (activation != null) {
            s.append(" (").append(activation).append(')');
        }
        s.append(", ").append(optimizer).append(' ').append(opt);
        if (lrDecay < 1) {
            s.append(", lr x ").append(lrDecay).append(" per epoch after epoch ").append(lrDecayAfter);
        }
        if (!isReber()) {
            s.append(", T ").append(seq);
        }
        s.append(", B ").append(batch);
        s.append(steps > 0 ? ", " + steps + " steps" : ", " + epochs + " epoch" + (epochs == 1 ? "" : "s"));
        s.append(clip > 0 ? ", clip " + clip : ", no clipping");
        if (dropout > 0) {
            s.append(", dropout ").append(dropout);
        }
        s.append(String.format(Locale.ROOT, ", validation %.0f%%", valFraction * 100));
        s.append(", seed ").append(seed);
        s.append(", ").append(precision.label());
        return s.toString();
    }

    private static void require(boolean ok, String option, String allowed, Object got) {
        if (!ok) {
            throw new IllegalArgumentException(option + " must be " + allowed + ", got " + got);
        }
    }
}
