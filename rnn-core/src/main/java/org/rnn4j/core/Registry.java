package org.rnn4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.rnn4j.api.Activation;
import org.rnn4j.api.LayerProvider;
import org.rnn4j.api.Loss;
import org.rnn4j.api.OptimizerProvider;

/**
 * The installed plug-ins, by kind and name: the one place in rnn4j that calls
 * {@link ServiceLoader}.
 *
 * <p>Lookups fail fast: an unknown name is an {@link UnknownPluginException} that lists what is
 * installed and from which module, and says how to install a plug-in; two plug-ins of one kind with one name make
 * {@link #installed()} (or {@link Builder#build()}) throw, naming both. Every name these messages
 * echo is escaped ({@link Quoting}): the name asked for may come from a file. A registry is
 * immutable and safe to share.
 */
public final class Registry {

    private final Kind<Activation> activations;
    private final Kind<Loss> losses;
    private final Kind<LayerProvider> layers;
    private final Kind<OptimizerProvider> optimizers;

    private Registry(Builder b) {
        this.activations = new Kind<>("activation", "activations", b.activations, Activation::name);
        this.losses = new Kind<>("loss", "losses", b.losses, Loss::name);
        this.layers = new Kind<>("layer", "layers", b.layers, LayerProvider::name);
        this.optimizers = new Kind<>("optimizer", "optimizers", b.optimizers, OptimizerProvider::name);
    }

    /**
     * Everything {@link ServiceLoader} finds: providers in named modules ({@code provides}) and
     * on the class path ({@code META-INF/services}).
     *
     * @return the registry
     * @throws IllegalStateException if two plug-ins of one kind share a name
     */
    public static Registry installed() {
        Builder b = builder();
        ServiceLoader.load(Activation.class).stream().forEach(p -> b.activations.add(p.get()));
        ServiceLoader.load(Loss.class).stream().forEach(p -> b.losses.add(p.get()));
        ServiceLoader.load(LayerProvider.class).stream().forEach(p -> b.layers.add(p.get()));
        ServiceLoader.load(OptimizerProvider.class).stream().forEach(p -> b.optimizers.add(p.get()));
        return b.build();
    }

    /**
     * An empty builder, for tests and for programs that assemble their own set of plug-ins.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding everything in this registry, to add to.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        activations.byName.values().forEach(p -> b.activations.add(p.instance()));
        losses.byName.values().forEach(p -> b.losses.add(p.instance()));
        layers.byName.values().forEach(p -> b.layers.add(p.instance()));
        optimizers.byName.values().forEach(p -> b.optimizers.add(p.instance()));
        return b;
    }

    /**
     * @param name an activation's name
     * @return the installed activation
     * @throws UnknownPluginException listing the installed ones
     */
    public Activation activation(String name) {
        return activations.get(name);
    }

    /**
     * @param name a loss's name
     * @return the installed loss
     * @throws UnknownPluginException listing the installed ones
     */
    public Loss loss(String name) {
        return losses.get(name);
    }

    /**
     * @param name a layer kind's name
     * @return its provider
     * @throws UnknownPluginException listing the installed ones
     */
    public LayerProvider layer(String name) {
        return layers.get(name);
    }

    /**
     * @param name an optimizer's name
     * @return its provider
     * @throws UnknownPluginException listing the installed ones
     */
    public OptimizerProvider optimizer(String name) {
        return optimizers.get(name);
    }

    /** @return installed activations, sorted by name */
    public List<Plugin<Activation>> activations() {
        return activations.list();
    }

    /** @return installed losses, sorted by name */
    public List<Plugin<Loss>> losses() {
        return losses.list();
    }

    /** @return installed layer providers, sorted by name */
    public List<Plugin<LayerProvider>> layers() {
        return layers.list();
    }

    /** @return installed optimizer providers, sorted by name */
    public List<Plugin<OptimizerProvider>> optimizers() {
        return optimizers.list();
    }

    /** Collects plug-in instances before they are indexed by name. */
    public static final class Builder {
        private final List<Activation> activations = new ArrayList<>();
        private final List<Loss> losses = new ArrayList<>();
        private final List<LayerProvider> layers = new ArrayList<>();
        private final List<OptimizerProvider> optimizers = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param a an activation
         * @return this
         */
        public Builder add(Activation a) {
            activations.add(a);
            return this;
        }

        /**
         * @param l a loss
         * @return this
         */
        public Builder add(Loss l) {
            losses.add(l);
            return this;
        }

        /**
         * @param p a layer provider
         * @return this
         */
        public Builder add(LayerProvider p) {
            layers.add(p);
            return this;
        }

        /**
         * @param p an optimizer provider
         * @return this
         */
        public Builder add(OptimizerProvider p) {
            optimizers.add(p);
            return this;
        }

        /**
         * Replaces any plug-in of the same kind and name, for planting a variant in a test.
         *
         * @param a the activation that takes the place of the one with its name
         * @return this
         */
        public Builder replace(Activation a) {
            activations.removeIf(x -> x.name().equals(a.name()));
            activations.add(a);
            return this;
        }

        /**
         * @return the registry
         * @throws IllegalStateException if two plug-ins of one kind share a name
         */
        public Registry build() {
            return new Registry(this);
        }
    }

    /** One kind of plug-in indexed by name. */
    private static final class Kind<T> {
        private final String kind;
        private final String plural;
        private final Map<String, Plugin<T>> byName = new TreeMap<>();

        Kind(String kind, String plural, List<T> instances, Function<T, String> name) {
            this.kind = kind;
            this.plural = plural;
            for (T t : instances) {
                String n = name.apply(t);
                Plugin<T> p = new Plugin<>(n, moduleOf(t), t);
                Plugin<T> old = byName.putIfAbsent(n, p);
                if (old != null) {
                    throw new IllegalStateException("two " + plural + " are named " + Quoting.quote(n) + ": "
                            + old.instance().getClass().getName() + " (" + old.module() + ") and "
                            + t.getClass().getName() + " (" + p.module() + "); remove one of them");
                }
            }
        }

        T get(String name) {
            Plugin<T> p = byName.get(name);
            if (p == null) {
                throw new UnknownPluginException(kind, plural, name, byName.values());
            }
            return p.instance();
        }

        List<Plugin<T>> list() {
            return Collections.unmodifiableList(new ArrayList<>(byName.values()));
        }

        private static String moduleOf(Object o) {
            String m = o.getClass().getModule().getName();
            return m == null ? "class path" : m;
        }
    }
}
