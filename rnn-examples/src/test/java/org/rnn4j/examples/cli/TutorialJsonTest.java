package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.tutorial.TutorialReport;

/** The {@code tutorial --json} and {@code plugins} outputs are contracts: keys, shapes and values. */
class TutorialJsonTest {

    private static String[] run(String... args) {
        return Cli.run(args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void tutorialJsonHasTheContractedKeysShapesAndValues() throws Exception {
        String[] r = run("tutorial", "--json");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].strip().split("\n");
        assertEquals(1, lines.length, "one JSON object on one line");
        Map<String, Object> m = JSON.std.mapFrom(lines[0]);
        assertEquals(List.of("states", "outputs", "softmax", "loss", "gradients"), List.copyOf(m.keySet()));
        TutorialReport rep = new TutorialReport(Registry.installed(), 0);
        assertShape(m.get("states"), 2, 3, rep.states);
        assertShape(m.get("outputs"), 2, 4, rep.outputs);
        assertShape(m.get("softmax"), 2, 4, rep.softmax);
        assertEquals(rep.loss, ((Number) m.get("loss")).doubleValue(), 0.0);
        Map<String, Object> g = (Map<String, Object>) m.get("gradients");
        assertEquals(List.of("input_weights", "bias", "recurrent_weights", "output_weights"), List.copyOf(g.keySet()));
        assertShape(g.get("input_weights"), 3, 4, rep.inputWeightGrad);
        assertShape(g.get("recurrent_weights"), 3, 3, rep.recurrentGrad);
        assertShape(g.get("output_weights"), 4, 3, rep.outputWeightGrad);
        List<Object> bias = (List<Object>) g.get("bias");
        assertEquals(3, bias.size());
        assertEquals(rep.biasGrad[1], ((Number) bias.get(1)).doubleValue(), 0.0);
    }

    @Test
    void pluginsListsActivationsWithTheirModule() {
        String[] r = run("plugins");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].matches("(?s).*\\bsigmoid\\s+org\\.rnn4j\\.activations\\b.*"), r[1]);
        assertTrue(r[1].matches("(?s).*\\btanh\\s+org\\.rnn4j\\.activations\\b.*"), r[1]);
        assertTrue(r[1].matches("(?s).*\\belman\\s+org\\.rnn4j\\.core\\b.*"), r[1]);
        assertTrue(r[1].matches("(?s).*\\bsgd\\s+org\\.rnn4j\\.optim\\b.*"), r[1]);
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        String[] r = run("tutorial", "--steps", "-3");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--steps must be in [0, 10000], got -3"), r[2]);
        assertTrue(!r[2].contains("Exception"), r[2]);
    }

    @SuppressWarnings("unchecked")
    private static void assertShape(Object json, int rows, int cols, double[][] expect) {
        List<Object> outer = (List<Object>) json;
        assertEquals(rows, outer.size());
        for (int i = 0; i < rows; i++) {
            List<Object> row = (List<Object>) outer.get(i);
            assertEquals(cols, row.size());
            for (int j = 0; j < cols; j++) {
                assertEquals(expect[i][j], ((Number) row.get(j)).doubleValue(), 0.0, "[" + i + "][" + j + "]");
            }
        }
    }
}
