package org.rnn4j.examples.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rnn4j.io.csv.CsvWriter;
import org.rnn4j.io.synthetic.MackeyGlass;
import org.rnn4j.io.synthetic.TemporalOrder;

/**
 * Writes the embedded benchmarks as CSV files that {@code ./rnn4j train --data} reads, from a
 * seed (nothing downloaded):
 *
 * <ul>
 *   <li>{@code temporal-order COUNT SEED FILE}: the temporal order problem (Hochreiter and
 *       Schmidhuber 1997, experiment 6a) at a fifth of the paper's length, long format with
 *       columns {@code id, t, a, b, c, d, B, E, X, Y, class}: {@code --task classify --id id --time t
 *       --target class};</li>
 *   <li>{@code mackey-glass LENGTH SEED FILE}: the Mackey-Glass series (tau 17), columns
 *       {@code t, x}: {@code --task forecast --target x --time t --window W --horizon H};</li>
 *   <li>{@code adding COUNT SEED FILE [T]}: the adding problem ({@link AddingProblem}, T = 100
 *       unless given; each sequence between T/2 and T steps), long format with columns
 *       {@code id, value, marker, sum}: {@code --task regress --id id --target sum}.</li>
 * </ul>
 *
 * <pre>
 *   java -p "rnn-examples/target/lib:$(ls rnn-examples/target/rnn-examples-*.jar)" \
 *       -m org.rnn4j.examples/org.rnn4j.examples.tasks.GenerateCsv temporal-order 1000 1 /tmp/order.csv
 * </pre>
 */
public final class GenerateCsv {

    private GenerateCsv() {
    }

    /**
     * Writes one file.
     *
     * @param kind {@code temporal-order} or {@code mackey-glass}
     * @param size sequences (temporal order) or samples (Mackey-Glass)
     * @param seed the seed
     * @param file where
     * @throws IOException if the file cannot be written
     */
    public static void write(String kind, int size, long seed, Path file) throws IOException {
        write(kind, size, seed, file, ADDING_STEPS);
    }

    /** The adding problem's T unless given: the paper's. */
    public static final int ADDING_STEPS = 100;

    /**
     * Writes one file.
     *
     * @param kind {@code temporal-order}, {@code mackey-glass} or {@code adding}
     * @param size sequences (temporal order, adding) or samples (Mackey-Glass)
     * @param seed the seed
     * @param file where
     * @param steps the adding problem's T (the others ignore it)
     * @throws IOException if the file cannot be written
     */
    public static void write(String kind, int size, long seed, Path file, int steps) throws IOException {
        if (!kind.equals("temporal-order") && !kind.equals("mackey-glass") && !kind.equals("adding")) {
            throw new IllegalArgumentException("unknown data set '" + kind + "'; the data sets are temporal-order, "
                    + "mackey-glass and adding");
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            switch (kind) {
                case "temporal-order" -> CsvWriter.sequences(w, TemporalOrder.small().table(size, seed), "id", "t");
                case "mackey-glass" -> CsvWriter.series(w, MackeyGlass.standard().series(size, seed), "t");
                default -> CsvWriter.sequences(w, AddingProblem.table(size, steps, seed), "id", null);
            }
        }
    }

    /**
     * @param args KIND SIZE SEED FILE [T]
     */
    public static void main(String[] args) {
        if (args.length != 4 && !(args.length == 5 && args[0].equals("adding"))) {
            System.err.println("usage: GenerateCsv temporal-order|mackey-glass|adding SIZE SEED FILE [T (adding; "
                    + ADDING_STEPS + ")]");
            System.exit(2);
        }
        try {
            write(args[0], Integer.parseInt(args[1]), Long.parseLong(args[2]), Path.of(args[3]),
                    args.length == 5 ? Integer.parseInt(args[4]) : ADDING_STEPS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
