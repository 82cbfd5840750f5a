package org.rnn4j.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

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
}
