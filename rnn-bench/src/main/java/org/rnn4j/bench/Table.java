package org.rnn4j.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The report of {@code ./rnn4j bench} without {@code --json}: one line per workload and precision. */
final class Table {

    private Table() {
    }

    /**
     * Prints the rows under a header, each with the verdicts of its targets, and what its
     * "% peak" column is a fraction of.
     *
     * @param out where to
     * @param rows the measured rows, in report order
     */
    static void print(PrintStream out, List<Row> rows) {
        out.println();
        out.printf(Locale.ROOT, "%-8s %-9s %14s %14s %12s %9s %8s %14s  %s%n", "workload", "precision",
                "train chars/s", "infer chars/s", "ns/step", "GFLOP/s", "% peak", "alloc B/step", "targets");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-8s %-9s %,14.0f %,14.0f %,12.0f %9.2f %7.1f%% %,14.0f  %s%n",
                    r.workload().id(), r.precision().label(), r.trainCharsPerSecond(), r.inferCharsPerSecond(),
                    r.trainNanos(), r.gflops(), 100 * r.peakFraction(), r.allocBytes(),
                    String.join("; ", Targets.check(r)));
        }
        out.println("% peak: of the sgemm peak for float32 rows, of the dgemm peak for float64 rows");
        out.println();
    }
}
