package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process for tests. */
final class Cli {

    private Cli() {
    }

    /**
     * @param args the command line
     * @return the exit code, stdout and stderr
     */
    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /**
     * {@code train --data csv options... --save model more...}.
     *
     * @param csv the data
     * @param model {@code --save}
     * @param options the run's options (the task's among them)
     * @param more options after those
     * @return as {@link #run}
     */
    static String[] train(Path csv, Path model, String[] options, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", csv.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--save", model.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /**
     * Runs a command line that must be refused: exit code 2 and one line on standard error that
     * holds {@code expected}.
     *
     * @param args the command line
     * @param expected what the line must say
     * @return the exit code, stdout and stderr
     */
    static String[] refused(List<String> args, String expected) {
        String[] out = run(args.toArray(String[]::new));
        assertEquals("2", out[0], String.join(" ", args) + ": " + out[1] + out[2]);
        String err = out[2].strip();
        assertTrue(err.contains(expected), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        return out;
    }
}
