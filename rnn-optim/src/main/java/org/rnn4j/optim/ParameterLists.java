package org.rnn4j.optim;

import java.util.List;
import org.rnn4j.api.Parameter;

/**
 * The checks of the parameter list an optimizer steps: no null parameter, and after the first
 * step the same number of parameters with the same sizes (nothing is allocated after it). A
 * failed check throws {@link IllegalArgumentException} with a one-line message that names the
 * optimizer and says what to do instead.
 */
final class ParameterLists {

    private static final String HINT =
            "; pass the same parameter list at every step, or call reset() before switching lists";

    private ParameterLists() {
    }

    /**
     * The sizes of the parameters of a first step.
     *
     * @param name the optimizer's name, for messages
     * @param parameters the list, not null
     * @return {@code parameters.get(p).size()} for each p
     * @throws IllegalArgumentException if a parameter is null
     */
    static int[] sizes(String name, List<Parameter> parameters) {
        int[] s = new int[parameters.size()];
        for (int p = 0; p < s.length; p++) {
            s[p] = nonNull(name, parameters, p).size();
        }
        return s;
    }

    /**
     * Checks the list of a later step against the sizes of the first.
     *
     * @param name the optimizer's name, for messages
     * @param sizes the sizes at the first step
     * @param parameters the list, not null
     * @throws IllegalArgumentException if a parameter is null, or the count or a size differs
     */
    static void checkSameAsFirst(String name, int[] sizes, List<Parameter> parameters) {
        if (parameters.size() != sizes.length) {
            throw new IllegalArgumentException(prefix(name) + "got " + parameters.size() + " parameters, but "
                    + sizes.length + " at its first step" + HINT);
        }
        for (int p = 0; p < sizes.length; p++) {
            Parameter parameter = nonNull(name, parameters, p);
            if (parameter.size() != sizes[p]) {
                throw new IllegalArgumentException(prefix(name) + "parameter " + p + " ('" + parameter.name()
                        + "') has " + parameter.size() + " elements, but had " + sizes[p]
                        + " at its first step" + HINT);
            }
        }
    }

    private static Parameter nonNull(String name, List<Parameter> parameters, int p) {
        Parameter parameter = parameters.get(p);
        if (parameter == null) {
            throw new IllegalArgumentException(prefix(name) + "parameter " + p + " is null");
        }
        return parameter;
    }

    private static String prefix(String name) {
        return "optimizer '" + name + "': ";
    }
}
