package org.rnn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./rnn4j bench}'s answers to bad option values: one line and exit code 2, before anything
 * is timed.
 */
class BenchMainTest {

    private static String[] run(String... args) {
        CommandLine cl = BenchMain.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void anUnknownPrecisionIsNamedWithTheAllowedOnes() {
        String[] r = run("--json", "--precision", "float16");
        assertEquals("2", r[0]);
        assertEquals("rnn4j bench: unknown precision 'float16'; the precisions are float32 and float64",
                r[1].strip());
    }

    @Test
    void anUnknownWorkloadIsNamedWithTheSixThereAre() {
        String[] r = run("--json", "--precision", "float32", "--workloads", "W7");
        assertEquals("2", r[0]);
        assertEquals("rnn4j bench: unknown workload 'W7'; the workloads are W1, W2, W3, W4, W5, W6", r[1].strip());
    }
}
