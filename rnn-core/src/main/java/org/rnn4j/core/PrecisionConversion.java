package org.rnn4j.core;

import java.util.List;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;

/**
 * A {@link Network} in another precision ({@link Network#to}, {@link Network#copy}) and the
 * rounding of float64 parameters to a float32 network's precision
 * ({@link Network#roundParameters}).
 */
final class PrecisionConversion {

    private PrecisionConversion() {
    }

    /**
     * @param from the network to convert
     * @param target the precision of the new network
     * @return a new network of {@code from}'s architecture, training mode and dropout position,
     *     holding its parameters rounded to {@code target}
     */
    static Network convert(Network from, Precision target) {
        Network c = from.architecture().builder(from.registry()).precision(target).build();
        c.setTraining(from.isTraining());
        c.restoreDropoutDraws(from.dropoutDraws());
        List<Parameter> parameters = from.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Parameter to = c.parameters().get(i);
            double[] v = p.values(); // exact in either precision; set rounds to a float32 parameter's
            target.round(v); // as roundParameters would (a plug-in's float64 parameter in a float32 network)
            to.set(v);
        }
        return c;
    }

    /**
     * @param parameters a network's parameters
     * @param precision the network's precision; nothing happens in float64
     */
    static void round(List<Parameter> parameters, Precision precision) {
        if (precision != Precision.FLOAT64) {
            for (Parameter p : parameters) {
                if (p.precision() == Precision.FLOAT64) { // a float32 parameter holds floats already
                    precision.round(p.value());
                }
            }
        }
    }
}
