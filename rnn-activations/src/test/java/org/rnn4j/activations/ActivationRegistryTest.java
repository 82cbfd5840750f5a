package org.rnn4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Activation;

/** The names, the {@link ServiceLoader} registration and the module's encapsulation. */
class ActivationRegistryTest {

    private static final Set<String> NAMES = Set.of("sigmoid", "tanh", "identity", "relu",
            "leaky_relu", "elu", "softplus", "softsign", "hard_sigmoid");

    private static final String SERVICE = "org.rnn4j.api.Activation";

    @Test
    void namesAreUniqueLowerCaseAndExactlyTheDocumentedOnes() {
        List<String> names = Catalog.all().stream().map(Activation::name).toList();
        for (String name : names) {
            assertTrue(name.matches("[a-z][a-z0-9_]*"), name);
        }
        assertEquals(names.size(), new HashSet<>(names).size(), "duplicate names " + names);
        assertEquals(NAMES, Set.copyOf(names));
    }

    @Test
    void serviceLoaderFindsEveryActivation() {
        // A test in a named module may only load services its module uses; main code does not.
        ActivationRegistryTest.class.getModule().addUses(Activation.class);
        List<Activation> loaded = ServiceLoader.load(Activation.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertEquals(classNames(Catalog.all()), classNames(loaded));
        assertEquals(NAMES, loaded.stream().map(Activation::name).collect(Collectors.toSet()));
    }

    @Test
    void servicesFileListsEveryActivation() throws IOException {
        assertEquals(classNames(Catalog.all()), servicesFile());
    }

    @Test
    void moduleProvidesEveryActivationAndExportsNothing() {
        Module module = Sigmoid.class.getModule();
        assumeTrue(module.isNamed(), "tests run on the class path");
        ModuleDescriptor descriptor = module.getDescriptor();
        assertEquals("org.rnn4j.activations", descriptor.name());
        assertTrue(descriptor.exports().isEmpty(), "exports " + descriptor.exports());
        assertTrue(descriptor.opens().isEmpty(), "opens " + descriptor.opens());
        Set<String> provided = descriptor.provides().stream()
                .filter(p -> p.service().equals(SERVICE))
                .flatMap(p -> p.providers().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(classNames(Catalog.all()), provided);
    }

    private static Set<String> classNames(List<Activation> activations) {
        return activations.stream().map(a -> a.getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> servicesFile() throws IOException {
        String path = "META-INF/services/" + SERVICE;
        try (InputStream in = Sigmoid.class.getModule().getResourceAsStream(path)) {
            assertNotNull(in, path);
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
        }
    }
}
