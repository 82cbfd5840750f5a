package org.rnn4j.examples.cli;

import java.nio.file.Path;
import java.util.Map;
import org.rnn4j.api.Precision;
import org.rnn4j.examples.training.TrainSettings;

/**
 * What {@code ./rnn4j train} was given, as parsed ({@link TrainCommand}): each option's value,
 * null where it was not given (its default depends on the kind of run), and the checks on
 * single values that every kind of run shares. The settings of a run are made from them by
 * {@link NewRunSettings} and {@link ResumedSettings}.
 *
 * @param text {@code --text}
 * @param cell {@code --cell}
 * @param layers {@code --layers}
 * @param hidden {@code --hidden}
 * @param activation {@code --activation}
 * @param optimizer {@code --optimizer}
 * @param lr {@code --lr}
 * @param lrDecay {@code --lr-decay}
 * @param lrDecayAfter {@code --lr-decay-after}
 * @param opt the {@code --opt} pairs (empty when none)
 * @param seq {@code --seq}
 * @param batch {@code --batch}
 * @param epochs {@code --epochs}
 * @param steps {@code --steps}
 * @param clip {@code --clip}
 * @param dropout {@code --dropout}
 * @param valFraction {@code --val-fraction}
 * @param seed {@code --seed}
 * @param precision {@code --precision}, as given
 * @param resume {@code --resume}
 * @param keepBest {@code --keep-best}
 * @param every {@code --every}
 */
record TrainOptions(Path text, String cell, Integer layers, Integer hidden, String activation, String optimizer,
        String lr, Double lrDecay, Integer lrDecayAfter, Map<String, String> opt, Integer seq, Integer batch,
        Integer epochs, Long steps, Double clip, Double dropout, Double valFraction, Long seed, String precision,
        Path resume, boolean keepBest, Integer every) {

    /** @return {@code --precision}, or the default (float32) */
    Precision precisionOrDefault() {
        return precision == null ? TrainSettings.DEFAULT_PRECISION : Precision.parse(precision);
    }

    /** @return {@code --precision} parsed, or null */
    Precision givenPrecision() {
        return precision == null ? null : Precision.parse(precision);
    }

    /** @return the settings, if --keep-best is not given without validation */
    TrainSettings keepBestFits(TrainSettings s) {
        if (keepBest && s.valFraction() == 0) {
            throw new IllegalArgumentException("--keep-best keeps the model of the lowest validation loss and needs "
                    + "validation data: give --val-fraction above 0");
        }
        return s;
    }

    static long requireSteps(long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        return steps;
    }

    static int requireEvery(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("--every must be >= 1 step, got " + every);
        }
        return every;
    }

    static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
