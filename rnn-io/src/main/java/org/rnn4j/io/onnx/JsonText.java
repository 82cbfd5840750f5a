package org.rnn4j.io.onnx;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON text of the few values {@link OnnxMetadata} writes (strings, finite numbers, arrays of
 * them, an object of strings), as RFC 8259 spells them: strings escape {@code "}, {@code \}
 * and the control characters, everything else is written as it is (UTF-8 in the file).
 */
final class JsonText {

    private JsonText() {
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A finite number, as {@link Double#toString} writes it (a valid JSON number that reads back exactly). */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("JSON has no number " + v);
        }
        return Double.toString(v);
    }

    static String number(int v) {
        return Integer.toString(v);
    }

    static String strings(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (String v : values) {
            b.append(b.length() > 1 ? "," : "").append(string(v));
        }
        return b.append(']').toString();
    }

    static String numbers(List<Double> values) {
        StringBuilder b = new StringBuilder("[");
        for (double v : values) {
            b.append(b.length() > 1 ? "," : "").append(number(v));
        }
        return b.append(']').toString();
    }

    static String object(Map<String, String> values) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : values.entrySet()) {
            b.append(b.length() > 1 ? "," : "").append(string(e.getKey())).append(':').append(string(e.getValue()));
        }
        return b.append('}').toString();
    }
}
