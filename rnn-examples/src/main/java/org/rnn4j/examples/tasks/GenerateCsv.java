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
 *       {@code t, x}: {@code --task forecast --target x --time t --window W --horizon H}.</li>
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
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            switch (kind) {
                case "temporal-order" -> CsvWriter.sequences(w, TemporalOrder.small().table(size, seed), "id", "t");
                case "mackey-glass" -> CsvWriter.series(w, MackeyGlass.standard().series(size, seed), "t");
                default -> throw new IllegalArgumentException("unknown data set '" + kind + "'; the data sets are "
                        + "temporal-order and mackey-glass");
            }
        }
    }

    /**
     * @param args KIND SIZE SEED FILE
     */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: GenerateCsv temporal-order|mackey-glass SIZE SEED FILE");
            System.exit(2);
        }
        try {
            write(args[0], Integer.parseInt(args[1]), Long.parseLong(args[2]), Path.of(args[3]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
