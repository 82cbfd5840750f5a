package org.rnn4j.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The command line in a child JVM, as {@code ./rnn4j} runs it (on the module path, headless), for
 * tests that need a process of its own: one to kill, to signal, or to run in another directory.
 * Its standard output goes to a file; its standard error is read line by line.
 */
final class ChildJvm {

    private final Process process;
    private final BufferedReader err;
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        this.err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    }

    /**
     * @param dir the working directory
     * @param stdout where standard output goes
     * @param args the command line
     * @return the running child
     * @throws IOException if it cannot start
     */
    static ChildJvm start(Path dir, Path stdout, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "--module-path", System.getProperty("jdk.module.path"),
                "-m", "org.rnn4j.examples/org.rnn4j.examples.cli.Main"));
        cmd.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(stdout.toFile()).start());
    }

    /** @return the process */
    Process process() {
        return process;
    }

    /**
     * Reads standard error until a line matches.
     *
     * @param match the line awaited
     * @return it
     * @throws IOException if reading fails
     * @throws AssertionError if the child's standard error ends first
     */
    String awaitLine(Predicate<String> match) throws IOException {
        for (String line; (line = err.readLine()) != null;) {
            seen.add(line);
            if (match.test(line)) {
                return line;
            }
        }
        throw new AssertionError("the child ended without the line awaited; its standard error:\n"
                + String.join("\n", seen));
    }

    /**
     * @return the rest of standard error (after the child ended), with the lines already read
     * @throws IOException if reading fails
     */
    String allErr() throws IOException {
        for (String line; (line = err.readLine()) != null;) {
            seen.add(line);
        }
        return String.join("\n", seen);
    }
}
