package org.rnn4j.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON text of the exported metadata, as RFC 8259 spells it. */
class JsonTextTest {

    @Test
    void stringsEscapeQuotesBackslashesAndControlCharactersOnly() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f é€ /\"", JsonText.string("a\"b\\c\n\r\t\u0001\u001f é€ /"));
        assertEquals("[]", JsonText.strings(List.of()));
        assertEquals("[\"x\",\"\"]", JsonText.strings(List.of("x", "")));
    }

    @Test
    void numbersReadBackExactlyAndNonFiniteOnesAreRefused() {
        for (double v : new double[] {0.1, -12.75, 1e-300, 6.02214076e23, 1.0 / 3, 5e-324, Double.MAX_VALUE}) {
            String text = JsonText.number(v);
            assertEquals(v, Double.parseDouble(text), 0.0, text);
            assertEquals(text, text.strip());
        }
        assertEquals("[1.0,-0.5]", JsonText.numbers(List.of(1.0, -0.5)));
        assertThrows(IllegalArgumentException.class, () -> JsonText.number(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonText.number(Double.POSITIVE_INFINITY));
    }

    @Test
    void anObjectKeepsItsOrder() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", "seq \"id\"");
        m.put("time", "t");
        assertEquals("{\"id\":\"seq \\\"id\\\"\",\"time\":\"t\"}", JsonText.object(m));
    }
}
