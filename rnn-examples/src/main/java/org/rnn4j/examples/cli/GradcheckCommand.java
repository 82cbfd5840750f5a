package org.rnn4j.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.Culprit;
import org.rnn4j.testkit.conformance.PluginProperties;
import org.rnn4j.testkit.conformance.Suite;
import org.rnn4j.testkit.conformance.Verdict;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j gradcheck}: the test kit's property checks over every installed plug-in (each
 * one's own checks and random stacks built around it), then random stacks of everything. One
 * line per plug-in, a summary, and exit code 1 when any check fails. Each failure is blamed on
 * the plug-in(s) its smallest case cannot do without ({@link Verdict}): a built-in whose checks
 * fail only because of a plug-in installed beside it is "ok alone", and the summary names the
 * culprits.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Run the property-based gradient checks over every installed activation, layer, loss and "
            + "optimizer: analytic gradients against central finite differences on random networks, plus each "
            + "plug-in's contract. Each failure names its culprit: the plug-in(s) its smallest case cannot do without "
            + "(a built-in that fails only beside a broken plug-in is 'ok alone'). Exit code 1 when a check fails.")
final class GradcheckCommand implements Callable<Integer> {

    @Option(names = "--tries", defaultValue = "100", description = "Cases per property (default ${DEFAULT-VALUE}).")
    private int tries;

    @Option(names = "--seed", description = "Seed of every property's run; a failure report's seed replays its "
            + "case first. Default: each property's own fixed seed.")
    private Long seed;

    @Option(names = "--json", description = "Print one JSON line: {\"cases\": N, \"failures\": F, "
            + "\"plugins\": [names], \"culprits\": [{\"kind\", \"name\", \"module\", \"built_in\", \"failures\"}]}; "
            + "failure reports go to standard error.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    private final Supplier<Registry> plugins;

    /** For picocli: checks what ServiceLoader finds. */
    GradcheckCommand() {
        this(Registry::installed);
    }

    /**
     * @param plugins the registry to check (tests plant broken plug-ins here)
     */
    GradcheckCommand(Supplier<Registry> plugins) {
        this.plugins = plugins;
    }

    @Override
    public Integer call() {
        if (tries < 1 || tries > RunSettings.MAX_TRIES) {
            throw new IllegalArgumentException("--tries must be in [1, " + RunSettings.MAX_TRIES + "], got " + tries);
        }
        PropertyRunner runner = new PropertyRunner(new RunSettings(tries,
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed)));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long cases = 0;
        List<String> names = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        Map<Culprit, Integer> blamed = new LinkedHashMap<>();
        for (PluginProperties plugin : Suite.installed(plugins.get(), true)) {
            long pluginCases = 0;
            int own = 0;
            int others = 0;
            Set<String> causes = new LinkedHashSet<>();
            for (Property<?> p : plugin.properties()) {
                Verdict v = Verdict.of(plugin, p, runner);
                pluginCases += v.result().cases();
                if (!v.passed()) {
                    reports.add(v.report());
                    v.blame().culprits().forEach(c -> blamed.merge(c, 1, Integer::sum));
                    if (v.ownersFault()) {
                        own++;
                    } else {
                        others++;
                        v.blame().culprits().forEach(c -> causes.add(c.kind() + " " + c.name()));
                    }
                }
            }
            cases += pluginCases;
            if (plugin.isPlugin()) {
                names.add(plugin.name());
            }
            if (!json) {
                out.printf(Locale.ROOT, "%-10s %-24s %7d cases  %s%n", plugin.kind(), plugin.name(), pluginCases,
                        status(own, others, plugin.properties().size(), causes));
                out.flush();
            }
        }
        PrintWriter reportTo = json ? err : out;
        reports.forEach(reportTo::println);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cases", cases);
            m.put("failures", reports.size());
            m.put("plugins", names);
            m.put("culprits", blamed.entrySet().stream().map(e -> culprit(e.getKey(), e.getValue())).toList());
            out.println(Json.of(m));
        } else {
            out.printf(Locale.ROOT, "%d plug-ins, %d cases, %d failure(s) (%d tries per property, seed %s)%n",
                    names.size(), cases, reports.size(), tries, seed == null ? "each property's own" : seed);
            if (!blamed.isEmpty()) {
                out.println("culprits: " + blamed.entrySet().stream().map(e -> e.getKey() + ", " + e.getValue()
                        + " failure(s)").collect(Collectors.joining("; ")));
            }
        }
        return reports.isEmpty() ? 0 : 1;
    }

    /**
     * A plug-in's summary: "ok", "FAILED k of n properties", or, when every failure in its
     * checks is blamed on other plug-ins, "ok alone; k failure(s) caused by activation x".
     */
    private static String status(int own, int others, int properties, Set<String> causes) {
        String caused = others + " failure(s) caused by " + String.join(" and ", causes);
        if (own > 0) {
            return "FAILED " + own + " of " + properties + " properties" + (others > 0 ? "; " + caused : "");
        }
        return others > 0 ? "ok alone; " + caused : "ok";
    }

    private static Map<String, Object> culprit(Culprit c, int failures) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.kind());
        m.put("name", c.name());
        m.put("module", c.module());
        m.put("built_in", c.builtIn());
        m.put("failures", failures);
        return m;
    }
}
