package org.rnn4j.activations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The high-precision reference values in {@code reference-values.csv}, written by
 * {@code src/test/python/make_reference_values.py} with mpmath, independently of the Java code.
 */
final class ReferenceTable {

    /**
     * One row of the table.
     *
     * @param x the argument
     * @param y f(x) rounded to the nearest double
     * @param dy f'(x) rounded to the nearest double (at a kink: PyTorch's convention)
     */
    record Point(double x, double y, double dy) {
    }

    private static final Map<String, List<Point>> TABLE = load();

    private ReferenceTable() {
    }

    /**
     * The rows for one function.
     *
     * @param name the activation's name
     * @return its rows, empty if the table has none
     */
    static List<Point> points(String name) {
        return TABLE.getOrDefault(name, List.of());
    }

    private static Map<String, List<Point>> load() {
        Map<String, List<Point>> table = new TreeMap<>();
        try (InputStream in = Objects.requireNonNull(
                    ReferenceTable.class.getResourceAsStream("reference-values.csv"),
                    "reference-values.csv missing");
                BufferedReader reader = new BufferedReader(
                    new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != 4) {
                    throw new IllegalStateException("bad row: " + line);
                }
                table.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Point(
                        Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }
}
