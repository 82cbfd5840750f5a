package org.rnn4j.examples.training;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.rnn4j.api.Layer;
import org.rnn4j.api.State;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;
import org.rnn4j.core.train.TrainingState;
import org.rnn4j.io.model.Checkpoint;
import org.rnn4j.io.model.Text;

/**
 * What a resumed run checks of its checkpoint before it trains, since a checkpoint is a file that
 * may come from anyone: the data are the ones it was trained on, its recorded settings describe
 * the network it holds, and its carried state fits that network. Every string of the file in a
 * message is escaped.
 */
final class ResumeChecks {

    private ResumeChecks() {
    }

    /**
     * The data must be the checkpoint's: the text's SHA-256 first (nothing more is said of a text
     * that is not the one recorded), then the vocabulary.
     *
     * @param task the data read for the resumed run
     * @param c the checkpoint
     * @throws IllegalArgumentException if they differ
     */
    static void requireSameData(Task task, Checkpoint c) {
        task.identity().forEach((k, v) -> {
            String was = c.position().get(k);
            if (!v.equals(was)) {
                throw new IllegalArgumentException("the text is not the one the checkpoint was trained on ("
                        + k.substring(k.indexOf('.') + 1) + " " + (was == null ? null : Text.escape(was)) + ", now "
                        + v + ")");
            }
        });
        String had = c.model().vocabulary();
        if (!task.vocabulary().toString().equals(had)) {
            throw new IllegalArgumentException("the checkpoint's vocabulary is not this data's: it has "
                    + (had == null ? "none" : had.codePointCount(0, had.length()) + " characters") + ", the data "
                    + task.vocabulary().size() + "; resume with the text it was trained on");
        }
    }

    /**
     * The settings a checkpoint records ({@code run.cell}, {@code run.layers}, {@code run.hidden},
     * {@code run.activation}, {@code run.dropout}, {@code run.seed}, with the vocabulary's size)
     * must describe the network it holds: the run reports and continues with them, so a
     * checkpoint whose settings were altered is refused rather than trained under a false name.
     *
     * @param said the network the recorded settings describe
     * @param c the checkpoint
     * @throws IllegalArgumentException naming both if they differ
     */
    static void requireSameNetwork(Architecture said, Checkpoint c) {
        Architecture holds = c.model().network().architecture();
        if (!said.equals(holds)) {
            throw new IllegalArgumentException("the checkpoint's settings describe " + describe(said)
                    + ", but the network it holds is " + describe(holds) + "; was the checkpoint altered?");
        }
    }

    /**
     * A carried state (read from a checkpoint) must be the network's: for each recurrent layer its
     * blocks, each of batch x width values.
     *
     * @param s where the run starts
     * @param net the checkpoint's network
     * @param batch the run's batch size
     * @throws IllegalArgumentException if a state does not fit
     */
    static void requireCarriedFits(TrainingState s, Network net, int batch) {
        List<State> carried = s.carried();
        if (carried.isEmpty()) {
            return;
        }
        List<Layer> layers = net.recurrentLayers();
        if (carried.size() != layers.size()) {
            throw new IllegalArgumentException("the checkpoint carries the state of " + carried.size()
                    + " recurrent layer(s), but its network has " + layers.size());
        }
        for (int l = 0; l < layers.size(); l++) {
            int[] widths = layers.get(l).stateSizes();
            double[][] parts = carried.get(l).parts();
            boolean fits = parts.length == widths.length;
            for (int k = 0; fits && k < parts.length; k++) {
                fits = parts[k].length == (long) batch * widths[k];
            }
            if (!fits) {
                throw new IllegalArgumentException("the checkpoint's carried state of recurrent layer " + l + " has "
                        + parts.length + " block(s) of " + Arrays.stream(parts).mapToInt(p -> p.length).boxed().toList()
                        + " values, but the layer with batch " + batch + " needs " + widths.length
                        + " of " + Arrays.stream(widths).mapToLong(w -> (long) batch * w).boxed().toList());
            }
        }
    }

    private static String describe(Architecture a) {
        StringBuilder s = new StringBuilder("input " + a.inputSize());
        a.recurrent().forEach(c -> layer(s, c));
        if (a.head() != null) {
            s.append(", ").append(a.head());
        }
        a.dense().forEach(c -> layer(s, c));
        layer(s, a.output());
        s.append(", ").append(a.loss()).append(' ').append(a.reduction().name().toLowerCase(Locale.ROOT));
        s.append(", dropout ").append(a.dropout()).append(", seed ").append(a.seed());
        return Text.escape(s.toString());
    }

    private static void layer(StringBuilder s, LayerConfig c) {
        s.append(", ").append(c.kind()).append(' ').append(c.size()).append(c.options().isEmpty() ? "" : " "
                + new TreeMap<>(c.options()));
    }
}
