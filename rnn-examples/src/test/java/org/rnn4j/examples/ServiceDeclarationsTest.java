package org.rnn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * For every rnn4j module on the module path: each {@code provides} in module-info has the same
 * providers as its {@code META-INF/services} file (class-path users see what module users see),
 * and no services file names a service the module does not provide.
 */
class ServiceDeclarationsTest {

    private static final List<String> SERVICES = List.of("org.rnn4j.api.Activation", "org.rnn4j.api.Loss",
            "org.rnn4j.api.LayerProvider", "org.rnn4j.api.OptimizerProvider");

    @Test
    void moduleInfoAndServicesFilesAgree() throws IOException {
        Set<String> checked = new TreeSet<>();
        for (Module m : ModuleLayer.boot().modules()) {
            if (m.getName() == null || !m.getName().startsWith("org.rnn4j")) {
                continue;
            }
            ModuleDescriptor d = m.getDescriptor();
            for (String service : SERVICES) {
                Set<String> declared = d.provides().stream().filter(p -> p.service().equals(service))
                        .flatMap(p -> p.providers().stream()).collect(Collectors.toCollection(TreeSet::new));
                Set<String> listed = servicesFile(m, service);
                assertEquals(declared, listed, m.getName() + ": module-info provides " + service
                        + " vs META-INF/services/" + service);
            }
            checked.add(m.getName());
        }
        assertTrue(checked.containsAll(Set.of("org.rnn4j.api", "org.rnn4j.core", "org.rnn4j.activations",
                "org.rnn4j.optim", "org.rnn4j.examples")), "modules checked: " + checked);
    }

    private static Set<String> servicesFile(Module m, String service) throws IOException {
        Set<String> names = new TreeSet<>();
        try (InputStream in = m.getResourceAsStream("META-INF/services/" + service)) {
            if (in == null) {
                return names;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                String s = line.replaceAll("#.*", "").strip();
                if (!s.isEmpty()) {
                    names.add(s.replace('$', '.'));
                }
            }
        }
        return names;
    }
}
