package org.rnn4j.io.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * JSON through jackson-jr, strict: one value, no duplicate keys, nothing after it; errors become
 * one-line {@link InvalidModelFileException}s. Objects come back as maps, arrays as lists,
 * whole numbers as Integer, Long or BigInteger; {@link #kind} and {@link #describe} name such a
 * value in a message.
 */
final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JSON STRICT = JSON.builder(FACTORY).enable(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS).build();

    private Json() {
    }

    /**
     * @param text JSON text
     * @param what what the text is, for messages ("the header", "metadata 'layers'")
     * @param where the file, for messages
     * @return the value: a map, list, string, number, boolean or null
     * @throws InvalidModelFileException if the text is not one JSON value
     */
    static Object parse(String text, String what, String where) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new InvalidModelFileException(where, what + " is empty; it must be JSON");
            }
            Object value = STRICT.anyFrom(p);
            if (p.nextToken() != null) {
                throw new InvalidModelFileException(where, what + " has more after its JSON value (at character "
                        + p.currentLocation().getCharOffset() + ")");
            }
            return value;
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
                    .replaceAll("\\s*\\[Source: [^\\]]*\\]", "");
            throw new InvalidModelFileException(where, what + " is not valid JSON: " + m
                    + (e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")"), e);
        } catch (IOException e) {
            throw new InvalidModelFileException(where, what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param value maps, lists, strings and numbers
     * @return compact JSON
     */
    static String write(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param value maps, lists, strings and numbers
     * @return compact JSON in UTF-8
     */
    static byte[] bytes(Object value) {
        try {
            return JSON.std.asBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param o a parsed JSON value
     * @return it quoted if it is a string, else its {@link #kind}
     */
    static String describe(Object o) {
        return o instanceof String s ? Text.quote(s) : kind(o);
    }

    /**
     * @param o a parsed JSON value
     * @return what it is for a message: "null", "an object", "a list", "a string", "a boolean" or
     *     "the number n" (n cut after 24 characters)
     */
    static String kind(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Map) {
            return "an object";
        }
        if (o instanceof List) {
            return "a list";
        }
        if (o instanceof String) {
            return "a string";
        }
        if (o instanceof Boolean) {
            return "a boolean";
        }
        String s = o.toString();
        return "the number " + (s.length() > 24 ? s.substring(0, 24) + "..." : s);
    }
}
