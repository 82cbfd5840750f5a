package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rnn4j.core.Plugin;
import org.rnn4j.core.Registry;
import org.rnn4j.testkit.property.Property;

/**
 * Whom a failure is blamed on: the plug-ins the smallest failing case cannot do without.
 *
 * <p>A case that names plug-ins (a {@link NetworkCase} or a {@link LayerCase}) is checked again
 * with each plug-in in it that is not {@link BuiltIns built in} replaced by a built-in stand-in
 * (an activation by tanh, a loss by half_sse, a recurrent layer by elman, an output layer by
 * dense, a sequence head by last_step; the rest of the case unchanged). Each whose replacement
 * makes the case pass is a
 * culprit; if none does alone but replacing all of them together does, all are. Only when the
 * case still fails with rnn4j's own plug-ins in every place (or names none, as a check of one
 * activation's derivative) is the failure the checked plug-in's own.
 */
final class Culprits {

    /** A plug-in named by a case. */
    private record Ref(String kind, String name) {
    }

    private Culprits() {
    }

    /**
     * @param owner the plug-in whose property failed, with the registry its cases name plug-ins from
     * @param property the property
     * @param shrunk its smallest failing case
     * @return the culprits and why
     */
    static Verdict.Blame blame(PluginProperties owner, Property<?> property, Object shrunk) {
        Registry registry = owner.registry();
        if (registry == null || !(shrunk instanceof NetworkCase || shrunk instanceof LayerCase)) {
            return new Verdict.Blame(List.of(self(owner)), "");
        }
        Map<Ref, String> standIns = new LinkedHashMap<>();
        for (Ref r : named(shrunk)) {
            Plugin<?> p = BuiltIns.find(registry, r.kind(), r.name());
            if (p != null && !BuiltIns.is(p.instance())) {
                String s = BuiltIns.standIn(registry, r.kind(), r.name());
                if (s != null) {
                    standIns.put(r, s);
                }
            }
        }
        if (standIns.isEmpty()) {
            return new Verdict.Blame(List.of(self(owner)), owner.isPlugin() ? ""
                    : "the smallest case uses rnn4j's own plug-ins only");
        }
        Choices choices = Choices.of(registry);
        List<Ref> found = new ArrayList<>();
        for (Map.Entry<Ref, String> e : standIns.entrySet()) {
            if (passes(property, renamed(shrunk, Map.of(e.getKey(), e.getValue()), choices))) {
                found.add(e.getKey());
            }
        }
        String replaced = standIns.entrySet().stream().map(e -> e.getKey().kind() + " " + e.getKey().name()
                + " replaced by " + e.getValue()).collect(Collectors.joining(", "));
        if (found.isEmpty() && standIns.size() > 1 && passes(property, renamed(shrunk, standIns, choices))) {
            found.addAll(standIns.keySet());
            return new Verdict.Blame(culprits(registry, found), "the smallest case passes only with all of "
                    + replaced);
        }
        if (found.isEmpty()) {
            return new Verdict.Blame(List.of(self(owner)), "the smallest case still fails with " + replaced);
        }
        return new Verdict.Blame(culprits(registry, found), "the smallest case passes with " + found.stream()
                .map(r -> r.kind() + " " + r.name() + " replaced by " + standIns.get(r)).collect(Collectors.joining(
                        ", or with ")));
    }

    /** The owner of a property as a culprit. */
    static Culprit self(PluginProperties owner) {
        Plugin<?> p = owner.registry() == null ? null : BuiltIns.find(owner.registry(), owner.kind(), owner.name());
        return p == null ? new Culprit(owner.kind(), owner.name(), "", false)
                : new Culprit(owner.kind(), owner.name(), p.module(), BuiltIns.is(p.instance()));
    }

    private static List<Culprit> culprits(Registry registry, List<Ref> refs) {
        List<Culprit> out = new ArrayList<>();
        for (Ref r : refs) {
            Plugin<?> p = BuiltIns.find(registry, r.kind(), r.name());
            out.add(new Culprit(r.kind(), r.name(), p.module(), false));
        }
        return out;
    }

    /** The plug-ins a case names: layer kinds, the activations in their settings, the loss. */
    private static Set<Ref> named(Object c) {
        Set<Ref> out = new LinkedHashSet<>();
        if (c instanceof NetworkCase n) {
            if (n.embedding() != null) {
                named(n.embedding(), out);
            }
            n.recurrent().forEach(l -> named(l, out));
            if (n.head() != null) {
                out.add(new Ref("layer", n.head()));
            }
            n.dense().forEach(l -> named(l, out));
            named(n.output(), out);
            out.add(new Ref("loss", n.loss()));
        } else if (c instanceof LayerCase l) {
            named(l.layer(), out);
        }
        return out;
    }

    private static void named(LayerChoice l, Set<Ref> out) {
        out.add(new Ref("layer", l.kind()));
        l.options().forEach((key, value) -> {
            if (Choices.ACTIVATION_OPTIONS.contains(key)) {
                out.add(new Ref("activation", value));
            }
        });
    }

    /** The case with each plug-in of {@code to}'s keys replaced by the built-in it maps to. */
    private static Object renamed(Object c, Map<Ref, String> to, Choices choices) {
        if (c instanceof NetworkCase n) {
            NetworkCase out = n;
            for (int i = 0; i < n.depth(); i++) {
                out = out.withLayer(i, renamed(n.recurrent().get(i), to, choices));
            }
            if (n.embedding() != null) {
                String kind = to.get(new Ref("layer", n.embedding().kind()));
                out = out.withEmbedding(kind == null ? n.embedding() : new LayerChoice(kind, n.embedding().size(),
                        Map.of()));
            }
            if (n.head() != null) {
                out = out.withHead(to.getOrDefault(new Ref("layer", n.head()), n.head()));
            }
            List<LayerChoice> dense = new ArrayList<>();
            n.dense().forEach(l -> dense.add(renamed(l, to, choices)));
            return out.withDense(dense).withOutput(renamed(n.output(), to, choices))
                    .withLoss(to.getOrDefault(new Ref("loss", n.loss()), n.loss()));
        }
        LayerCase l = (LayerCase) c;
        return l.withLayer(renamed(l.layer(), to, choices));
    }

    private static LayerChoice renamed(LayerChoice l, Map<Ref, String> to, Choices choices) {
        LayerChoice out = l;
        for (Map.Entry<String, String> e : l.options().entrySet()) {
            String standIn = to.get(new Ref("activation", e.getValue()));
            if (Choices.ACTIVATION_OPTIONS.contains(e.getKey()) && standIn != null) {
                out = out.withOption(e.getKey(), standIn);
            }
        }
        String kind = to.get(new Ref("layer", l.kind()));
        if (kind == null) {
            return out;
        }
        String activation = BuiltIns.standIn(choices.registry(), "activation", "");
        return choices.asKind(out, kind, activation == null ? choices.activations().get(0) : activation);
    }

    /**
     * Whether the property holds for a case of its type.
     *
     * @param property the property
     * @param c a case of the property's type (a renamed copy of its failing case)
     */
    @SuppressWarnings("unchecked") // c is a renamed copy of a case of this very property
    private static <T> boolean passes(Property<T> property, Object c) {
        try {
            property.check().accept((T) c);
            return true;
        } catch (AssertionError | RuntimeException e) {
            return false;
        }
    }
}
