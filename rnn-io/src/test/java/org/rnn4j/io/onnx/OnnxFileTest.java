package org.rnn4j.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.SavedModel;
import org.rnn4j.io.model.SequenceEnd;

/** Reading back what the export writes gives the graph it wrote, and broken bytes are refused. */
class OnnxFileTest {

    private static SavedModel model() {
        Network net = Network.builder(Registry.installed()).input(3).seed(1)
                .recurrent("elman", 4, Map.of("bidirectional", "true", "activation", "relu")).recurrent("lstm", 3)
                .recurrent("gru", 2).output("dense", 3, Map.of("activation", "leaky_relu"))
                .loss("softmax_cross_entropy").build();
        return new SavedModel(net, "xyz", new SequenceEnd("z", 2));
    }

    @Test
    void readingBackGivesTheGraphWritten() {
        for (OnnxOptions o : List.of(OnnxOptions.defaults(), new OnnxOptions(21, Precision.FLOAT64, false,
                false))) {
            OnnxGraph g = OnnxExport.graph(model(), o);
            OnnxFile f = OnnxFile.read(OnnxExport.toBytes(model(), o));
            assertEquals(OnnxEncoding.irVersion(o.opset()), f.irVersion());
            assertTrue(f.producer().startsWith("rnn4j "), f.producer());
            OnnxGraph r = f.graph();
            assertEquals(g.name(), r.name());
            assertEquals(g.opset(), r.opset());
            assertEquals(g.inputs(), r.inputs());
            assertEquals(g.outputs(), r.outputs());
            assertEquals(g.metadata(), r.metadata());
            assertEquals(g.nodes().size(), r.nodes().size());
            for (int i = 0; i < g.nodes().size(); i++) {
                OnnxGraph.Node a = g.nodes().get(i);
                OnnxGraph.Node b = r.nodes().get(i);
                assertEquals(List.of(a.opType(), a.name(), a.inputs(), a.outputs()),
                        List.of(b.opType(), b.name(), b.inputs(), b.outputs()));
                assertEquals(a.attributes().size(), b.attributes().size());
                for (int k = 0; k < a.attributes().size(); k++) {
                    assertEquals(text(a.attributes().get(k)), text(b.attributes().get(k)));
                }
            }
            assertEquals(g.initializers().size(), r.initializers().size());
            for (int i = 0; i < g.initializers().size(); i++) {
                OnnxGraph.Tensor a = g.initializers().get(i);
                OnnxGraph.Tensor b = r.initializers().get(i);
                assertEquals(List.of(a.name(), a.dataType()), List.of(b.name(), b.dataType()));
                assertArrayEquals(a.dims(), b.dims());
                assertArrayEquals(a.raw(), b.raw());
            }
            assertEquals(List.of(), OnnxValidation.problems(r));
        }
    }

    private static String text(OnnxGraph.Attribute a) {
        Object v = a.value();
        String s = v instanceof long[] l ? Arrays.toString(l) : v instanceof float[] f ? Arrays.toString(f)
                : (v instanceof List ? "List" : v.getClass().getSimpleName()) + " " + v;
        return a.name() + "=" + s;
    }

    @Test
    void brokenBytesAreRefusedSayingWhy() {
        byte[] bytes = OnnxExport.toBytes(model(), OnnxOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxFile.read(Arrays.copyOf(bytes, bytes.length / 2)));
        assertTrue(e.getMessage().startsWith("malformed protobuf: field 7 claims "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OnnxFile.read(new byte[] {8, 7}));
        assertEquals("not an ONNX model: no graph", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OnnxFile.read(new byte[] {(byte) 0x83, 1}));
        assertTrue(e.getMessage().startsWith("malformed protobuf: field 16 of wire type 3"), e.getMessage());
    }
}
