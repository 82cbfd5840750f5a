package org.rnn4j.testkit.conformance;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.rnn4j.core.Plugin;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.property.Property;

/** A plug-in's name is lower case, unique, and {@link java.util.ServiceLoader} finds this very class under it. */
final class Declarations {

    /** What a plug-in name may look like. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private Declarations() {
    }

    /**
     * @param kind "activation", "loss", "layer" or "optimizer"
     * @param service the service interface
     * @param name the plug-in's name
     * @param type the plug-in's class
     * @param list the installed plug-ins of this kind
     * @param <T> the service type
     * @return the property
     */
    static <T> Property<Property.Fixed> installed(String kind, Class<T> service, String name, Class<?> type,
            Function<Registry, List<Plugin<T>>> list) {
        return Property.once(name + ": name is lower case, unique and found by ServiceLoader", () -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new AssertionError("the " + kind + " " + type.getName() + " is named '" + name
                        + "'; a name is lower-case letters, digits and underscores, starting with a letter");
            }
            Registry installed;
            try {
                installed = Registry.installed();
            } catch (IllegalStateException e) {
                throw new AssertionError("the installed plug-ins clash: " + e.getMessage(), e);
            }
            Plugin<T> found = list.apply(installed).stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
            if (found == null) {
                throw new AssertionError("ServiceLoader finds no " + kind + " named '" + name + "': declare it with 'provides "
                        + service.getName() + " with " + type.getName() + ";' in module-info.java and a line '"
                        + type.getName() + "' in META-INF/services/" + service.getName());
            }
            if (found.instance().getClass() != type) {
                throw new AssertionError("the " + kind + " named '" + name + "' that ServiceLoader finds is "
                        + found.instance().getClass().getName() + " (" + found.module() + "), not " + type.getName());
            }
        });
    }
}
