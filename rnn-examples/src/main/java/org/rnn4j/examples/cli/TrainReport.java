package org.rnn4j.examples.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.core.train.TrainingResult;
import org.rnn4j.examples.reber.ReberEvaluation;
import org.rnn4j.examples.training.RunFiles;
import org.rnn4j.examples.training.TrainRun;

/**
 * What {@code ./rnn4j train} prints when a text or Reber run ends: the losses and speed, the
 * grammar's figures for a Reber run, the files saved and the commands that use them, and with
 * {@code --json} one JSON line whose keys are a contract (model, plot, csv, steps, train_loss,
 * val_loss, chars_per_s, precision; grammar_accept and next_symbol_accuracy for Reber).
 */
final class TrainReport {

    private TrainReport() {
    }

    /**
     * Prints the report of a run.
     *
     * @param o what the run did
     * @param fromStep the step a resumed run started from, or -1 for a new run (a resumed run
     *     says how many steps ran this time and from which to which)
     * @param resumeCommand the command that continues the run
     * @param json whether to end with the one JSON line
     * @param out where to print
     */
    static void print(TrainRun.Outcome o, long fromStep, String resumeCommand, boolean json, PrintWriter out) {
        RunFiles f = o.files();
        long steps = o.result().steps();
        String ran = fromStep < 0 ? String.format(Locale.ROOT, "%,d steps", steps)
                : String.format(Locale.ROOT, "%,d steps (%,d -> %,d)", steps - fromStep, fromStep, steps);
        out.printf(Locale.ROOT, "trained %s in %.1f s: training loss %.4f, validation loss %s (nats per "
                + "character), %,.0f characters/s%n", ran, o.seconds(), o.trainLoss(),
                Double.isNaN(o.valLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", o.valLoss()), o.charsPerSecond());
        best(o.result(), out);
        ReberEvaluation r = o.reber();
        if (r != null) {
            out.printf(Locale.ROOT, "grammar acceptance: %.1f%% of %,d strings sampled from the model (from B, "
                    + "temperature 1) are in the embedded Reber grammar, e.g. %s%n", 100 * r.acceptance(), r.samples(),
                    String.join(" ", r.examples()));
            out.printf(Locale.ROOT, "next-symbol accuracy: %.2f%% of %,d positions of %,d held-out strings (the most "
                    + "likely symbol is one the grammar allows); %.2f%% at the long-range position (the symbol before "
                    + "the final E must repeat the second)%n", 100 * r.nextSymbolAccuracy(), r.positions(), r.heldOut(),
                    100 * r.longRangeAccuracy());
        }
        if (o.saved()) {
            out.println("saved:");
            out.println("  model       " + f.model() + "   (./rnn4j sample --model " + f.model() + ")");
            out.println("  checkpoint  " + f.checkpoint() + "   (" + resumeCommand + " ...)");
            out.println("  plot        " + (o.plotted() ? f.plot() : "(not drawn, see the message above)"));
            out.println("  csv         " + f.csv());
        } else {
            out.println("nothing saved: the run stopped before any good step of its own; " + f.model()
                    + " and the files beside it are as they were");
        }
        if (json) {
            out.println(Json.of(jsonReport(o)));
        }
        out.flush();
    }

    /** A line when the model saved is not the last one, or when the last one is far worse than the best. */
    private static void best(TrainingResult r, PrintWriter out) {
        EpochMetrics kept = r.restored();
        EpochMetrics last = r.lastEpoch();
        if (kept != null) {
            out.printf(Locale.ROOT, "kept the best model (--keep-best): epoch %d, step %,d, validation loss %.4f; the "
                    + "last epoch ended at %.4f, and the checkpoint holds that last state for --resume%n", kept.epoch(),
                    kept.step(), kept.validationLoss(), last.validationLoss());
        } else if (r.endedFarAboveBest()) {
            EpochMetrics best = r.bestEpoch();
            out.printf(Locale.ROOT, "warning: the validation loss ended at %.4f, far above its best, %.4f after epoch "
                    + "%d (step %,d); the model saved is the last one (--keep-best saves the best)%n",
                    last.validationLoss(), best.validationLoss(), best.epoch(), best.step());
        }
    }

    private static Map<String, Object> jsonReport(TrainRun.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", o.saved() ? o.files().model().toString() : null);
        m.put("plot", o.plotted() ? o.files().plot().toString() : null);
        m.put("csv", o.saved() ? o.files().csv().toString() : null);
        m.put("steps", o.result().steps());
        m.put("train_loss", finite(o.trainLoss()));
        m.put("val_loss", finite(o.valLoss()));
        m.put("chars_per_s", finite(o.charsPerSecond()));
        m.put("precision", o.network().precision().label());
        if (o.reber() != null) {
            m.put("grammar_accept", o.reber().acceptance());
            m.put("next_symbol_accuracy", o.reber().nextSymbolAccuracy());
        }
        return m;
    }

    /**
     * @param o what the run did
     * @return the sentence after a NaN stop's message: what the files on disk now hold
     */
    static String whatWasSaved(TrainRun.Outcome o) {
        if (!o.saved()) {
            return "Nothing was written: " + o.files().model() + " and the files beside it are as they were.";
        }
        if (o.result().restored() != null) {
            return "The model holds the weights of epoch " + o.result().restored().epoch() + " (--keep-best), the "
                    + "checkpoint step " + o.result().steps() + ", every value in them finite.";
        }
        return "The model and checkpoint hold step " + o.result().steps() + ", every value in them finite.";
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
