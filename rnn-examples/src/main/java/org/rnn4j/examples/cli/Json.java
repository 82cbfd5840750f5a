package org.rnn4j.examples.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One place that turns maps, lists and numbers into a line of JSON (jackson-jr). A map entry whose
 * value is null is written as {@code null}, never left out: the keys of a command's {@code --json}
 * are a contract, present whether or not there is a value.
 */
final class Json {

    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    private Json() {
    }

    static String of(Object value) {
        try {
            return WRITER.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
