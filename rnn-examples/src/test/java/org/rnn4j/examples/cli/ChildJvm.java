package org.rnn4j.examples.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The command line in a child JVM, as {@code ./rnn4j} runs it (on the module path, headless), for
 * tests that need a process of its own: one to kill, to signal, or to run in another directory.
 * Its standard output and error go to files (a pipe would be closed by {@link Process#destroy()}
 * before the child's last words are read).
 */
final class ChildJvm {

    /** The longest a test waits for a line, in milliseconds. */
    private static final long PATIENCE = 180_000;

    private final Process process;
    private final Path err;

    private ChildJvm(Process process, Path err) {
        this.process = process;
        this.err = err;
    }

    /**
     * @param dir the working directory
     * @param stdout where standard output goes (standard error goes beside it, {@code .err} added)
     * @param args the command line
     * @return the running child
     * @throws IOException if it cannot start
     */
    static ChildJvm start(Path dir, Path stdout, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "--module-path", modulePath(),
                "-m", "org.rnn4j.examples/org.rnn4j.examples.cli.Main"));
        cmd.addAll(List.of(args));
        Path err = stdout.resolveSibling(stdout.getFileName() + ".err");
        return new ChildJvm(new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(stdout.toFile())
                .redirectError(err.toFile()).start(), err);
    }

    /**
     * The test JVM's module path plus what ./rnn4j's has and surefire puts on the class path
     * instead: arpack_combined_all, without which netlib's JNI library does not load and the
     * child would compute on netlib's Java BLAS (whose float32 products round differently from
     * OpenBLAS's: a child that resumes or is compared with this JVM would not be bit for bit).
     */
    private static String modulePath() {
        StringBuilder path = new StringBuilder(System.getProperty("jdk.module.path"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("arpack_combined_all")) {
                path.append(File.pathSeparator).append(entry);
            }
        }
        return path.toString();
    }

    /** @return the process */
    Process process() {
        return process;
    }

    /**
     * Waits until a line of standard error matches.
     *
     * @param match the line awaited
     * @return it
     * @throws Exception if reading fails or the wait is interrupted
     * @throws AssertionError if the child ends first, or it takes minutes
     */
    String awaitLine(Predicate<String> match) throws Exception {
        long until = System.currentTimeMillis() + PATIENCE;
        while (System.currentTimeMillis() < until) {
            boolean ended = !process.isAlive();
            String text = Files.readString(err, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n');
            for (String line : text.substring(0, complete + 1).lines().toList()) {
                if (match.test(line)) {
                    return line;
                }
            }
            if (ended) {
                throw new AssertionError("the child ended without the line awaited; its standard error:\n" + text);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no line awaited after " + PATIENCE / 1000 + " s; standard error:\n" + allErr());
    }

    /**
     * @return standard error so far
     * @throws IOException if reading fails
     */
    String allErr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }
}
