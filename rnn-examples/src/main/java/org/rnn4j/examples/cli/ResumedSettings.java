package org.rnn4j.examples.cli;

import static org.rnn4j.examples.cli.TrainOptions.requireEvery;
import static org.rnn4j.examples.cli.TrainOptions.requireSteps;

import java.nio.file.Path;
import java.util.Map;
import org.rnn4j.api.Precision;
import org.rnn4j.examples.training.DataCheckpoint;
import org.rnn4j.examples.training.DataSettings;
import org.rnn4j.examples.training.ResumeText;
import org.rnn4j.examples.training.TrainSettings;
import org.rnn4j.io.model.Checkpoint;

/**
 * The settings of a resumed run of {@code ./rnn4j train}: the checkpoint's, with the few changes a
 * resume allows (the length of the run, {@code --every}, {@code --save}, the text's path; for a
 * {@code --data} run the data file and {@code --epochs}); an option that says otherwise than the
 * checkpoint is an error naming both values.
 */
final class ResumedSettings {

    private ResumedSettings() {
    }

    /**
     * The settings of a resumed text or Reber run, and the text it reads.
     *
     * @param settings the checkpoint's, with the changes given
     * @param text the text the resume reads and why, or null for the Reber grammar
     */
    record Text(TrainSettings settings, ResumeText text) {
    }

    /**
     * @param o the options given
     * @param c the checkpoint of a text or Reber run
     * @return its settings; only the length of the run, --every, --save and the text's path may change
     */
    static Text text(TrainOptions o, Checkpoint c) {
        TrainSettings was = TrainSettings.fromMap(c.position(), c.optimizer().name(), c.optimizerSettings());
        same("--cell", o.cell(), was.cell());
        same("--layers", o.layers(), was.layers());
        same("--hidden", o.hidden(), was.hidden());
        same("--activation", o.activation(), was.activation());
        same("--optimizer", o.optimizer(), was.optimizer());
        same("--lr", o.lr(), was.optimizerOptions().get("lr"));
        same("--lr-decay", o.lrDecay(), was.lrDecay());
        same("--lr-decay-after", o.lrDecayAfter(), was.lrDecayAfter());
        for (Map.Entry<String, String> e : o.opt().entrySet()) {
            same("--opt " + e.getKey(), e.getValue(), was.optimizerOptions().get(e.getKey()));
        }
        same("--seq", o.seq(), was.seq());
        same("--batch", o.batch(), was.batch());
        same("--clip", o.clip(), was.clip());
        same("--dropout", o.dropout(), was.dropout());
        same("--val-fraction", o.valFraction(), was.valFraction());
        same("--seed", o.seed(), was.seed());
        samePrecision(o, was.precision(), c);
        if (o.text() != null && was.isReber()) {
            throw new IllegalArgumentException("the checkpoint was trained on the Reber grammar, not a text; drop --text");
        }
        ResumeText text = was.isReber() ? null : ResumeText.choose(o.resume(), o.text(), was.text());
        String file = text == null ? null : text.file().toString();
        int epochs = was.epochs();
        long steps = was.steps();
        if (o.epochs() != null || o.steps() != null) {
            epochs = o.epochs() != null ? o.epochs() : epochs;
            steps = o.steps() != null ? requireSteps(o.steps()) : 0;
        }
        return new Text(o.keepBestFits(new TrainSettings(file, was.cell(), was.layers(), was.hidden(),
                was.activation(), was.optimizer(), was.optimizerOptions(), was.seq(), was.batch(), epochs, steps,
                was.clip(), was.dropout(), was.valFraction(), was.seed(),
                o.every() != null ? requireEvery(o.every()) : was.every(), was.lrDecay(), was.lrDecayAfter(),
                was.precision())), text);
    }

    /**
     * @param o the options given
     * @param data the {@code --data} options
     * @param c the checkpoint of a --data run
     * @return its settings, on the file --data names, with any --epochs
     */
    static DataSettings data(TrainOptions o, DataOptions data, Checkpoint c) {
        NewRunSettings.requireNone(NewRunSettings.textRunOptions(o));
        Path file = data.file();
        if (file == null) {
            throw new IllegalArgumentException(o.resume() + " is the checkpoint of a --data run; give the data again "
                    + "with --data FILE.csv (the file it was trained on, unchanged: its SHA-256 is checked)");
        }
        DataSettings was = DataCheckpoint.settings(c.position(), file);
        data.requireSame(was);
        same("--cell", o.cell(), was.cell());
        same("--layers", o.layers(), was.layers());
        same("--hidden", o.hidden(), was.hidden());
        same("--lr", o.lr(), was.lr());
        same("--batch", o.batch(), was.batch());
        same("--clip", o.clip(), was.clip());
        same("--val-fraction", o.valFraction(), was.valFraction());
        same("--seed", o.seed(), was.seed());
        samePrecision(o, was.precision(), c);
        int epochs = o.epochs() != null ? o.epochs() : was.epochs();
        return new DataSettings(file, was.task(), was.id(), was.target(), was.time(), was.features(), was.window(),
                was.horizon(), was.testFraction(), was.valFraction(), was.cell(), was.layers(), was.hidden(),
                was.dense(), epochs, was.lr(), was.batch(), was.clip(), was.seed(), was.precision());
    }

    /**
     * A resume keeps its checkpoint's precision: the one its settings record must be its network's,
     * and --precision, if given, the same.
     */
    private static void samePrecision(TrainOptions o, Precision recorded, Checkpoint c) {
        Precision inCheckpoint = c.model().network().precision();
        if (recorded != inCheckpoint) {
            throw new IllegalArgumentException(o.resume() + " records run.precision " + recorded + " but holds a "
                    + inCheckpoint + " network; the two must agree");
        }
        same("--precision", o.givenPrecision(), inCheckpoint);
    }

    /**
     * @param option the option, as the error names it
     * @param given its value, null if not given
     * @param was the checkpoint's
     * @throws IllegalArgumentException if given and not the checkpoint's
     */
    static <T> void same(String option, T given, T was) {
        if (given != null && !given.equals(was)) {
            throw new IllegalArgumentException(option + " cannot change when resuming: the checkpoint was trained with "
                    + (was == null ? "none" : was) + ", got " + given);
        }
    }
}
