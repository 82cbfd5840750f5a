package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.api.Loss;
import org.rnn4j.api.Options;

/**
 * The loss settings the kit varies, as {@link Choices} varies layer settings: the kit asks each
 * loss, by configuring it with one setting at a time, which of {@link #KNOWN} it accepts, and
 * draws valid values for those in half of the cases.
 *
 * <ul>
 *   <li>{@code weight}: one class weight per output, comma-separated, each in [0.25, 4)
 *       (PyTorch's {@code CrossEntropyLoss(weight=...)});</li>
 *   <li>{@code delta}: a threshold in [0.1, 2) (PyTorch's {@code HuberLoss(delta=...)}).</li>
 * </ul>
 */
public final class LossSettings {

    /** The settings the kit knows how to draw. */
    public static final List<String> KNOWN = List.of("weight", "delta");

    private LossSettings() {
    }

    /**
     * The settings of {@link #KNOWN} that {@code loss} accepts.
     *
     * @param loss the loss
     * @return the accepted names, in {@link #KNOWN} order
     */
    public static List<String> accepted(Loss loss) {
        List<String> out = new ArrayList<>();
        for (String key : KNOWN) {
            try {
                loss.configure(options(loss, Map.of(key, value(key, new SplittableRandom(0), 2))), 2);
                out.add(key);
            } catch (RuntimeException e) {
                // not a setting of this loss
            }
        }
        return out;
    }

    /**
     * Random valid settings: each accepted one in half of the draws.
     *
     * @param r the random source
     * @param accepted what the loss accepts ({@link #accepted})
     * @param n the output width
     * @return the settings, possibly empty
     */
    static Map<String, String> draw(SplittableRandom r, List<String> accepted, int n) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : accepted) {
            if (r.nextBoolean()) {
                out.put(key, value(key, r, n));
            }
        }
        return out;
    }

    /**
     * The settings for a narrower output: the class weights cut to the first {@code n}.
     *
     * @param settings valid settings for a wider output
     * @param n the new output width
     * @return settings valid for {@code n}
     */
    static Map<String, String> fit(Map<String, String> settings, int n) {
        Map<String, String> out = new LinkedHashMap<>(settings);
        String w = out.get("weight");
        if (w != null) {
            String[] parts = w.split(",");
            out.put("weight", String.join(",", List.of(parts).subList(0, Math.min(n, parts.length))));
        }
        return out;
    }

    /**
     * The loss configured with {@code settings} for outputs of width {@code n}.
     *
     * @param loss the loss
     * @param settings its settings
     * @param n the output width
     * @return the configured loss
     */
    static Loss configure(Loss loss, Map<String, String> settings, int n) {
        return loss.configure(options(loss, settings), n);
    }

    private static Options options(Loss loss, Map<String, String> settings) {
        return new Options("loss '" + loss.name() + "'", settings);
    }

    private static String value(String key, SplittableRandom r, int n) {
        if (key.equals("weight")) {
            List<String> w = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                w.add(Double.toString(r.nextDouble(0.25, 4)));
            }
            return String.join(",", w);
        }
        return Double.toString(r.nextDouble(0.1, 2));
    }
}
