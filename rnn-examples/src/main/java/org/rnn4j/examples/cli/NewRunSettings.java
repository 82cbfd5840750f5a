package org.rnn4j.examples.cli;

import static org.rnn4j.examples.cli.TrainOptions.or;
import static org.rnn4j.examples.cli.TrainOptions.requireEvery;
import static org.rnn4j.examples.cli.TrainOptions.requireSteps;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.training.DataSettings;
import org.rnn4j.examples.training.TrainSettings;

/**
 * The settings of a new run of {@code ./rnn4j train}: the options given over the defaults of
 * its kind (the Reber grammar, a {@code --text}, or {@code --data}), and an error for an option
 * that does not apply to that kind.
 */
final class NewRunSettings {

    private NewRunSettings() {
    }

    /**
     * @param o the options given
     * @return the settings of a Reber or text run
     */
    static TrainSettings text(TrainOptions o) {
        TrainSettings d = o.text() == null ? TrainSettings.reber()
                : TrainSettings.text(o.text().toAbsolutePath().toString());
        if (o.text() == null && o.seq() != null) {
            throw new IllegalArgumentException("--seq applies to --text only: each Reber string is one whole sequence");
        }
        String name = or(o.optimizer(), d.optimizer());
        Map<String, String> options = new LinkedHashMap<>(name.equals(d.optimizer()) ? d.optimizerOptions() : Map.of());
        if (o.lr() != null && o.opt().containsKey("lr")) {
            throw new IllegalArgumentException("give the learning rate once: --lr " + o.lr() + " or --opt lr="
                    + o.opt().get("lr"));
        }
        options.putAll(o.opt());
        if (o.lr() != null) {
            options.put("lr", o.lr());
        }
        if (o.lrDecayAfter() != null && o.lrDecay() == null) {
            throw new IllegalArgumentException("--lr-decay-after " + o.lrDecayAfter() + " needs --lr-decay, the factor "
                    + "per epoch (e.g. --lr-decay 0.97)");
        }
        int epochs = o.epochs() != null ? o.epochs() : d.epochs();
        long steps = o.steps() != null ? requireSteps(o.steps()) : 0;
        return new TrainSettings(d.text(), or(o.cell(), d.cell()), or(o.layers(), d.layers()),
                or(o.hidden(), d.hidden()), or(o.activation(), d.activation()), name, options, or(o.seq(), d.seq()),
                or(o.batch(), d.batch()), epochs, steps, or(o.clip(), d.clip()), or(o.dropout(), d.dropout()),
                or(o.valFraction(), d.valFraction()), or(o.seed(), d.seed()),
                o.every() != null ? requireEvery(o.every()) : d.every(), or(o.lrDecay(), d.lrDecay()),
                or(o.lrDecayAfter(), d.lrDecayAfter()), o.precisionOrDefault());
    }

    /**
     * @param o the options given
     * @param data the {@code --data} options
     * @return the settings of a --data run; the options of text and Reber runs do not apply
     */
    static DataSettings data(TrainOptions o, DataOptions data) {
        data.requireComplete();
        requireNone(new Object[][] {{"--resume", o.resume()}});
        requireNone(textRunOptions(o));
        return data.settings(or(o.valFraction(), DataSettings.VAL_FRACTION), or(o.cell(), DataSettings.CELL),
                or(o.layers(), DataSettings.LAYERS), or(o.hidden(), DataSettings.HIDDEN), Registry.installed(),
                o.epochs() != null ? o.epochs() : DataSettings.EPOCHS, or(o.lr(), DataSettings.LR),
                or(o.batch(), DataSettings.BATCH), or(o.clip(), DataSettings.CLIP), or(o.seed(), DataSettings.SEED),
                o.precisionOrDefault());
    }

    /**
     * The options of text and Reber runs that a --data run, new or resumed, does not take.
     *
     * @param o the options given
     * @return pairs of an option and its value, null where not given
     */
    static Object[][] textRunOptions(TrainOptions o) {
        return new Object[][] {{"--text", o.text()}, {"--seq", o.seq()}, {"--every", o.every()},
            {"--steps", o.steps()}, {"--optimizer", o.optimizer()}, {"--activation", o.activation()},
            {"--lr-decay", o.lrDecay()}, {"--lr-decay-after", o.lrDecayAfter()}, {"--dropout", o.dropout()},
            {"--keep-best", o.keepBest() ? true : null}, {"--opt", o.opt().isEmpty() ? null : o.opt()}};
    }

    /**
     * @param others pairs of an option and its value, null where not given
     * @throws IllegalArgumentException naming the first given, which a --data run does not take
     */
    static void requireNone(Object[][] others) {
        requireNone(others, " does not apply to --data runs (they train with Adam and keep the best validation "
                + "epoch's model); see ./rnn4j train --help");
    }

    /**
     * @param options pairs of an option and its value, null where not given
     * @param why the rest of the error, after the option's name
     * @throws IllegalArgumentException naming the first option given
     */
    static void requireNone(Object[][] options, String why) {
        for (Object[] o : options) {
            if (o[1] != null) {
                throw new IllegalArgumentException(o[0] + why);
            }
        }
    }
}
