package org.rnn4j.examples.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One place that turns maps, lists and numbers into a line of JSON (jackson-jr). */
final class Json {

    private Json() {
    }

    static String of(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
