package org.rnn4j.examples.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.core.Plugin;
import org.rnn4j.core.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnn4j plugins}: every installed activation, layer, loss and optimizer, with its module. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every installed activation, layer, loss and optimizer with the module it came from.")
final class PluginsCommand implements Runnable {

    @Option(names = "--json", description = "Print one JSON object: {kind: [{name, module}]}.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        Registry r = Registry.installed();
        Map<String, List<? extends Plugin<?>>> kinds = new LinkedHashMap<>();
        kinds.put("activations", r.activations());
        kinds.put("layers", r.layers());
        kinds.put("losses", r.losses());
        kinds.put("optimizers", r.optimizers());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            kinds.forEach((k, list) -> m.put(k, list.stream()
                    .map(p -> Map.of("name", p.name(), "module", p.module())).toList()));
            out.println(Json.of(m));
            return;
        }
        kinds.forEach((k, list) -> {
            out.println(k + ":");
            for (Plugin<?> p : list) {
                out.printf("  %-24s %s%n", p.name(), p.module());
            }
        });
    }
}
