package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Activation;
import org.rnn4j.core.Plugin;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.PluginProperties;
import org.rnn4j.testkit.conformance.Suite;
import picocli.CommandLine;

/** {@code gradcheck}: the JSON contract, the plug-ins it lists, exit codes 0, 1 and 2. */
class GradcheckCommandTest {

    private static String[] run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonIsOneLineWithCasesFailuresAndEveryInstalledPlugin() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"gradcheck", "--json", "--tries", "3"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals(1, lines.length, out.toString());
        Map<String, Object> m = JSON.std.mapFrom(lines[0]);
        assertEquals(List.of("cases", "failures", "plugins", "culprits"), List.copyOf(m.keySet()));
        assertEquals(List.of(), m.get("culprits"));
        assertEquals(0, ((Number) m.get("failures")).intValue());
        Registry installed = Registry.installed();
        List<String> expected = new ArrayList<>();
        installed.activations().stream().map(Plugin::name).forEach(expected::add);
        installed.layers().stream().map(Plugin::name).forEach(expected::add);
        installed.losses().stream().map(Plugin::name).forEach(expected::add);
        installed.optimizers().stream().map(Plugin::name).forEach(expected::add);
        assertEquals(expected, m.get("plugins"));
        assertTrue(((List<Object>) m.get("plugins")).contains("swish"));
        int properties = 0;
        for (PluginProperties p : Suite.installed(installed, true)) {
            properties += p.properties().size();
        }
        assertTrue(((Number) m.get("cases")).intValue() > properties, "more than one case per property: " + m);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBrokenPluginFailsWithExitCode1AndItsReport() throws Exception {
        Activation badTanh = new Activation() {
            @Override
            public String name() {
                return "tanh";
            }

            @Override
            public double apply(double x) {
                return Math.tanh(x);
            }

            @Override
            public double derivative(double x, double y) {
                return 1 - y; // should be 1 - y^2
            }
        };
        Registry planted = Registry.installed().toBuilder().replace(badTanh).build();
        String[] r = run(new CommandLine(new GradcheckCommand(() -> planted)), "--tries", "5");
        assertEquals("1", r[0], r[2]);
        assertTrue(r[1].matches("(?s).*activation +tanh +\\d+ cases +FAILED.*"), r[1]);
        assertTrue(r[1].matches("(?s).*activation +sigmoid +\\d+ cases +ok.*"), r[1]);
        assertTrue(r[1].contains("'tanh: derivative matches finite differences across the domain' failed"), r[1]);
        List<String> lines = r[1].lines().toList();
        List<String> failedLines = lines.stream().filter(l -> l.matches("\\w+ +\\w+ +\\d+ cases +FAILED.*")).toList();
        assertEquals(1, failedLines.size(), "only the broken tanh is reported as failing: " + failedLines);
        assertTrue(lines.stream().anyMatch(l -> l.matches("layer +elman +\\d+ cases +ok alone; \\d+ failure\\(s\\) caused by "
                + "activation tanh")), "elman fails only with the broken tanh in its cases: " + r[1]);
        assertTrue(lines.stream().anyMatch(l -> l.matches("culprits: activation tanh \\(.*\\), \\d+ failure\\(s\\)")), r[1]);

        String[] j = run(new CommandLine(new GradcheckCommand(() -> planted)), "--tries", "5", "--json");
        assertEquals("1", j[0]);
        assertTrue(j[1].strip().matches("\\{\"cases\":\\d+,\"failures\":[1-9]\\d*,\"plugins\":\\[.*\\],\"culprits\":.*}"), j[1]);
        Map<String, Object> m = JSON.std.mapFrom(j[1].strip());
        List<Map<String, Object>> culprits = (List<Map<String, Object>>) m.get("culprits");
        assertEquals(1, culprits.size(), j[1]);
        assertEquals(List.of("activation", "tanh", false), List.of(culprits.get(0).get("kind"), culprits.get(0).get("name"),
                culprits.get(0).get("built_in")), j[1]);
        assertEquals(m.get("failures"), culprits.get(0).get("failures"), "every failure is the broken tanh's: " + j[1]);
        assertTrue(j[2].contains("smallest failing case"), "reports go to stderr: " + j[2]);
    }

    @Test
    void badTriesAreOneLineAndExitCode2() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"gradcheck", "--tries", "0"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(2, code);
        assertEquals("rnn4j gradcheck: --tries must be in [1, 1000000], got 0", err.toString().strip());
    }
}
