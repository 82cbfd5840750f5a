package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Hyperparameter names and ranges, as PyTorch checks them. */
final class SettingsValidationTest {

    private static final Set<String> FLAGS = Set.of("nesterov", "centered", "amsgrad");

    /** Each optimizer with its documented setting names, sorted as the error message lists them. */
    static Stream<Arguments> knownNames() {
        return Stream.of(
                Arguments.of("sgd", "dampening, lr, momentum, nesterov, weight_decay"),
                Arguments.of("adagrad", "eps, initial_accumulator_value, lr, lr_decay, weight_decay"),
                Arguments.of("rmsprop", "alpha, centered, eps, lr, momentum, weight_decay"),
                Arguments.of("adam", "amsgrad, beta1, beta2, eps, lr, weight_decay"),
                Arguments.of("adamw", "amsgrad, beta1, beta2, eps, lr, weight_decay"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("knownNames")
    void rejectsAnUnknownNameListingTheKnownOnes(String name, String known) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Harness.create(name, "momentm=0.9"));
        assertTrue(e.getMessage().contains("momentm"), e.getMessage());
        assertTrue(e.getMessage().endsWith("its settings are " + known), e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("knownNames")
    void acceptsEveryKnownNameAtOnce(String name, String known) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : known.split(", ")) {
            settings.put(key, FLAGS.contains(key) ? "false" : "0.5");
        }
        assertEquals(0.5, Harness.create(name, settings).learningRate());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "sgd     | lr=-0.001                                  | lr",
        "adagrad | lr=-1                                      | lr",
        "rmsprop | lr=-1                                      | lr",
        "adam    | lr=-1                                      | lr",
        "adamw   | lr=-1                                      | lr",
        "sgd     | lr=NaN                                     | lr",
        "adam    | lr=Infinity                                | lr",
        "sgd     | lr=fast                                    | lr",
        "sgd     | momentum=-0.5                              | momentum",
        "sgd     | weight_decay=-0.1                          | weight_decay",
        "sgd     | nesterov=true                              | nesterov",
        "sgd     | nesterov=true momentum=0.9 dampening=0.1   | nesterov",
        "sgd     | nesterov=yes momentum=0.9                  | nesterov",
        "sgd     | dampening=x                                | dampening",
        "sgd     | dampening=1.5                              | dampening",
        "sgd     | dampening=-0.5                             | dampening",
        "adagrad | lr_decay=-0.1                              | lr_decay",
        "adagrad | initial_accumulator_value=-1               | initial_accumulator_value",
        "adagrad | eps=-1e-10                                 | eps",
        "adagrad | weight_decay=-1                            | weight_decay",
        "rmsprop | alpha=-0.1                                 | alpha",
        "rmsprop | alpha=1.01                                 | alpha",
        "rmsprop | eps=-1                                     | eps",
        "rmsprop | momentum=-1                                | momentum",
        "rmsprop | weight_decay=x                             | weight_decay",
        "rmsprop | centered=1                                 | centered",
        "adam    | beta1=1                                    | beta1",
        "adam    | beta1=-0.1                                 | beta1",
        "adam    | beta2=1                                    | beta2",
        "adam    | beta2=1.5                                  | beta2",
        "adam    | beta1=abc                                  | beta1",
        "adam    | eps=-1e-8                                  | eps",
        "adam    | weight_decay=-0.1                          | weight_decay",
        "adam    | amsgrad=yes                                | amsgrad",
        "adamw   | beta1=1                                    | beta1",
        "adamw   | beta2=-0.001                               | beta2",
        "adamw   | eps=-1                                     | eps",
        "adamw   | weight_decay=-0.01                         | weight_decay",
    })
    void rejectsValuesOutOfRange(String name, String settings, String culprit) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Harness.create(name, settings));
        assertTrue(e.getMessage().startsWith("optimizer '" + name + "': "), e.getMessage());
        assertTrue(e.getMessage().contains(culprit), e.getMessage());
    }

    /**
     * eps is added to the square root the update divides by: at 0, a gradient element that is
     * exactly 0 (the weights of a character absent from the batch) makes 0 / 0 = NaN at the first
     * step, so 0 is refused (PyTorch allows it), in one line that names the range.
     */
    @ParameterizedTest(name = "{0} eps={1}")
    @CsvSource({"adagrad, 0", "rmsprop, 0", "adam, 0", "adamw, 0", "adam, -0.0", "rmsprop, -1e-8"})
    void rejectsAnEpsThatCouldDivideByZero(String name, String eps) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Harness.create(name, "eps=" + eps));
        assertEquals("optimizer '" + name + "': eps must be in (0, inf), got " + eps, e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "sgd     | lr=0 momentum=0 dampening=0 weight_decay=0 nesterov=false",
        "sgd     | momentum=0.9 nesterov=TRUE",
        "sgd     | momentum=0.5 dampening=1",
        "rmsprop | alpha=1",
        "adagrad | lr=0 eps=4.9e-324 lr_decay=0 initial_accumulator_value=0",
        "rmsprop | lr=0 alpha=0 eps=4.9e-324 momentum=0 centered=true",
        "adam    | lr=0 beta1=0 beta2=0 eps=4.9e-324 amsgrad=true",
        "adam    | beta1=0.999999 beta2=0.999999",
        "adamw   | lr=0 weight_decay=0",
    })
    void acceptsTheEndsOfTheRanges(String name, String settings) {
        assertEquals(name, Harness.create(name, settings).name());
    }
}
