package org.rnn4j.examples.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnn4j.io.model.AtomicFile;

/**
 * The numbers of a loss plot: at chosen steps, the mean training loss per character over the
 * steps since the previous point, and the validation loss where one was measured (NaN where
 * not). Written as CSV, {@code step,epoch,train_loss,val_loss}, an empty field for a loss not
 * measured, epochs numbered from 1; read back when a run resumes, so that its curve continues the
 * interrupted one.
 */
public final class LossCurve {

    /** The CSV's first line. */
    public static final String HEADER = "step,epoch,train_loss,val_loss";

    /**
     * One point.
     *
     * @param step optimizer steps done
     * @param epoch the number of the epoch it fell in: 1 for the first
     * @param trainLoss the mean training loss per character since the previous point, or NaN
     * @param valLoss the validation loss per character at this step, or NaN
     */
    public record Point(long step, int epoch, double trainLoss, double valLoss) {
    }

    private final List<Point> points = new ArrayList<>();

    /** @param p a point after every one so far */
    public void add(Point p) {
        points.add(p);
    }

    /** @param p a point for the same step as the last one, replacing it */
    void replaceLast(Point p) {
        points.set(points.size() - 1, p);
    }

    /** @return the points, oldest first */
    public List<Point> points() {
        return List.copyOf(points);
    }

    /**
     * Writes the CSV atomically.
     *
     * @param file where
     * @throws IOException if writing fails
     */
    public void writeCsv(Path file) throws IOException {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (Point p : points) {
            s.append(p.step()).append(',').append(p.epoch()).append(',').append(field(p.trainLoss())).append(',')
                    .append(field(p.valLoss())).append('\n');
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    /**
     * Reads a CSV written by {@link #writeCsv}, keeping the points up to a step (those of the
     * run being resumed; any later ones belong to a run that went on past the checkpoint). A
     * CSV written before epochs were numbered from 1 (one with an epoch 0) is renumbered.
     *
     * @param file the CSV
     * @param upTo the last step to keep
     * @return the curve, empty if the file does not exist
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if a line is malformed
     */
    public static LossCurve readCsv(Path file, long upTo) throws IOException {
        LossCurve c = new LossCurve();
        if (!Files.exists(file)) {
            return c;
        }
        boolean fromZero = false;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(file + " is not a loss curve: its first line is not " + HEADER);
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            try {
                if (f.length != 4) {
                    throw new NumberFormatException(f.length + " fields, expected 4");
                }
                Point p = new Point(Long.parseLong(f[0]), Integer.parseInt(f[1]), value(f[2]), value(f[3]));
                fromZero |= p.epoch() == 0;
                if (p.step() <= upTo) {
                    c.add(p);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is not step,epoch,train_loss,val_loss: "
                        + e.getMessage());
            }
        }
        if (fromZero) {
            c.points.replaceAll(p -> new Point(p.step(), p.epoch() + 1, p.trainLoss(), p.valLoss()));
        }
        return c;
    }

    private static String field(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static double value(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
