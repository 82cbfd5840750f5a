package org.rnn4j.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one-line message for an option that takes one value given more than once, for every
 * command: {@code --steps given twice (300 and 400); give it once}. Picocli reports it as an
 * {@code OverwrittenOptionException} ("should be specified only once") or, for an option in an
 * argument group such as {@code --epochs | --steps}, as "expected only one match", neither of
 * which names the values.
 */
final class RepeatedOption {

    private RepeatedOption() {
    }

    /**
     * @param command the command whose options were being parsed
     * @param args the whole command line
     * @return the message for the first single-value option given more than once, if any
     */
    static Optional<String> describe(CommandSpec command, String[] args) {
        Map<OptionSpec, List<String>> seen = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            for (OptionSpec o : command.options()) {
                if (o.isMultiValue()) {
                    continue;
                }
                String value = valueAt(o, args, i);
                if (value != null) {
                    seen.computeIfAbsent(o, k -> new ArrayList<>()).add(value);
                }
            }
        }
        for (Map.Entry<OptionSpec, List<String>> e : seen.entrySet()) {
            List<String> values = e.getValue();
            if (values.size() > 1) {
                return Optional.of(e.getKey().longestName() + " given " + times(values.size()) + values(values)
                        + "; give it once");
            }
        }
        return Optional.empty();
    }

    /** The value of option o if args[i] gives it ("" for a flag), else null. */
    private static String valueAt(OptionSpec o, String[] args, int i) {
        boolean flag = o.arity().max() == 0;
        for (String name : o.names()) {
            if (args[i].equals(name)) {
                return flag ? "" : i + 1 < args.length ? args[i + 1] : "";
            }
            if (!flag && args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String times(int n) {
        return n == 2 ? "twice" : n + " times";
    }

    /** " (300 and 400)", or "" for a flag. */
    private static String values(List<String> values) {
        if (values.stream().allMatch(String::isEmpty)) {
            return "";
        }
        List<String> head = values.subList(0, values.size() - 1);
        return " (" + String.join(", ", head) + " and " + values.get(values.size() - 1) + ")";
    }
}
