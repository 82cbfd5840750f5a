package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.OptimizerProvider;

/** The five providers are registered, the same way for the module path and the class path. */
final class ServiceRegistrationTest {

    private static final String SERVICES = "src/main/resources/META-INF/services/" + OptimizerProvider.class.getName();

    @Test
    void serviceLoaderFindsTheFiveOptimizers() {
        Set<String> names = Harness.loader().stream()
                .map(p -> p.get().name())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("adagrad", "adam", "adamw", "rmsprop", "sgd")), names);
    }

    @Test
    void servicesFileListsWhatModuleInfoProvides() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(SERVICES)).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toList());
        assertEquals(5, lines.size(), "services file: " + lines);
        assertEquals(5, new HashSet<>(lines).size(), "duplicates in services file: " + lines);

        ModuleDescriptor descriptor = SgdProvider.class.getModule().getDescriptor();
        assertNotNull(descriptor, "tests are expected to run on the module path");
        Set<String> provided = descriptor.provides().stream()
                .filter(p -> p.service().equals(OptimizerProvider.class.getName()))
                .flatMap(p -> p.providers().stream())
                .collect(Collectors.toSet());
        assertEquals(provided, new HashSet<>(lines));
        assertTrue(descriptor.exports().isEmpty(), "the module exports " + descriptor.exports());
    }
}
