package org.rnn4j.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.conformance.PluginProperties;
import org.rnn4j.testkit.conformance.Suite;
import org.rnn4j.testkit.property.Property;
import org.rnn4j.testkit.property.PropertyResult;
import org.rnn4j.testkit.property.PropertyRunner;
import org.rnn4j.testkit.property.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j gradcheck}: the test kit's property checks over every installed plug-in (each
 * one's own checks and random stacks built around it), then random stacks of everything. One
 * line per plug-in, a summary, and exit code 1 when any check fails.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Run the property-based gradient checks over every installed activation, layer, loss and "
            + "optimizer: analytic gradients against central finite differences on random networks, plus each "
            + "plug-in's contract. Exit code 1 when a check fails.")
final class GradcheckCommand implements Callable<Integer> {

    @Option(names = "--tries", defaultValue = "100", description = "Cases per property (default ${DEFAULT-VALUE}).")
    private int tries;

    @Option(names = "--seed", description = "Seed of every property's run; a failure report's seed replays its "
            + "case first. Default: each property's own fixed seed.")
    private Long seed;

    @Option(names = "--json", description = "Print one JSON line: {\"cases\": N, \"failures\": F, \"plugins\": [names]}; "
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
        for (PluginProperties plugin : Suite.installed(plugins.get(), true)) {
            long pluginCases = 0;
            int failed = 0;
            for (Property<?> p : plugin.properties()) {
                PropertyResult<?> r = runner.run(p);
                pluginCases += r.cases();
                if (!r.passed()) {
                    failed++;
                    reports.add(r.report());
                }
            }
            cases += pluginCases;
            if (plugin.isPlugin()) {
                names.add(plugin.name());
            }
            if (!json) {
                out.printf(Locale.ROOT, "%-10s %-24s %7d cases  %s%n", plugin.kind(), plugin.name(), pluginCases,
                        failed == 0 ? "ok" : "FAILED " + failed + " of " + plugin.properties().size() + " properties");
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
            out.println(Json.of(m));
        } else {
            out.printf(Locale.ROOT, "%d plug-ins, %d cases, %d failure(s) (%d tries per property, seed %s)%n",
                    names.size(), cases, reports.size(), tries, seed == null ? "each property's own" : seed);
        }
        return reports.isEmpty() ? 0 : 1;
    }
}
