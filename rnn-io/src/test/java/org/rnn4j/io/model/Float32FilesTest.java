package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;

/**
 * Issue 13: model files of float32 networks hold F32 tensors and say so in their metadata; they
 * load back bit for bit, the loader reads F32 or F64 into a network of either precision on
 * request (rounding F64 to the nearest float32, widening F32 exactly), and a file without the
 * {@code precision} entry, as every file before it, is float64.
 */
class Float32FilesTest {

    @TempDir
    Path dir;

    private static Network float32(Network net) {
        Network n = net.to(Precision.FLOAT32);
        assertEquals(Precision.FLOAT32, n.precision());
        return n;
    }

    @Test
    void aFloat32NetworkIsSavedAsF32AndLoadsBackBitForBit() throws Exception {
        for (Network net : List.of(float32(Nets.uniform(1)), float32(Nets.gated(2)), float32(Nets.mixed(3)),
                float32(Nets.bidirectional(4)))) {
            Path file = dir.resolve("f32.safetensors");
            ModelFile.save(file, SavedModel.of(net));
            RawFile raw = RawFile.parse(Files.readAllBytes(file));
            assertEquals("float32", raw.metadata().get("precision"));
            long values = net.parameters().stream().mapToLong(Parameter::size).sum();
            long stored = 0;
            for (String name : raw.header.keySet()) {
                if (!name.equals("__metadata__")) {
                    assertEquals("F32", raw.tensor(name).get("dtype"), name);
                    stored += ((List<?>) raw.tensor(name).get("shape")).stream()
                            .mapToLong(d -> ((Number) d).longValue()).reduce(1, (x, y) -> x * y);
                }
            }
            assertTrue(stored >= values, stored + " values stored for " + values + " parameters");
            assertEquals(4 * stored, raw.data.length, "4 bytes a value");
            SavedModel back = ModelFile.load(file, Nets.REGISTRY);
            assertEquals(Precision.FLOAT32, back.network().precision(), "loaded in the precision the file records");
            assertSameBits(net, back.network());
        }
    }

    @Test
    void f32ValuesAreStoredAsTheFloatsTheyAre() {
        Network net = float32(Nets.uniform(7));
        RawFile raw = RawFile.parse(ModelFile.toBytes(SavedModel.of(net)));
        double[] w = net.outputLayer().parameters().get(0).value();
        for (int i = 0; i < w.length; i++) {
            assertEquals(Float.floatToRawIntBits((float) w[i]), Float.floatToRawIntBits(raw.floatValue("decoder.weight",
                    i)), "decoder.weight[" + i + "]");
        }
    }

    @Test
    void f64LoadsIntoFloat32RoundedToTheNearestFloat() {
        Network net = Nets.gated(11);
        byte[] file = ModelFile.toBytes(SavedModel.of(net));
        assertEquals("float64", RawFile.parse(file).metadata().get("precision"));
        Network loaded = ModelFile.fromBytes(file, Nets.REGISTRY, Precision.FLOAT32).network();
        assertEquals(Precision.FLOAT32, loaded.precision());
        boolean rounded = false;
        for (int i = 0; i < net.parameters().size(); i++) {
            double[] was = net.parameters().get(i).value();
            double[] now = loaded.parameters().get(i).value();
            for (int k = 0; k < was.length; k++) {
                assertEquals(Double.doubleToRawLongBits((float) was[k]), Double.doubleToRawLongBits(now[k]),
                        net.parameters().get(i).name() + "[" + k + "]");
                rounded |= was[k] != now[k];
            }
        }
        assertTrue(rounded, "the test would prove nothing if the float64 weights were float32 numbers already");
        assertSameBits(net.to(Precision.FLOAT32), loaded);
    }

    @Test
    void f32LoadsIntoFloat64Exactly() {
        Network net = float32(Nets.gated(12));
        Network loaded = ModelFile.fromBytes(ModelFile.toBytes(SavedModel.of(net)), Nets.REGISTRY, Precision.FLOAT64)
                .network();
        assertEquals(Precision.FLOAT64, loaded.precision());
        for (int i = 0; i < net.parameters().size(); i++) {
            assertArrayEquals(bits(net.parameters().get(i).value()), bits(loaded.parameters().get(i).value()),
                    net.parameters().get(i).name());
        }
    }

    @Test
    void aFloat64FileLoadsAsFloat64AndAFileWithoutPrecisionIsFloat64() {
        Network net = Nets.uniform(13);
        byte[] file = ModelFile.toBytes(SavedModel.of(net));
        assertEquals(Precision.FLOAT64, ModelFile.fromBytes(file, Nets.REGISTRY).network().precision());
        RawFile older = RawFile.parse(file);
        older.metadata().remove("precision");
        Network loaded = ModelFile.fromBytes(older.bytes(), Nets.REGISTRY).network();
        assertEquals(Precision.FLOAT64, loaded.precision(), "files from before the precision entry are float64");
        assertSameBits(net, loaded);
    }

    @Test
    void theMetadataDecidesTheDefaultPrecisionNotTheDtype() {
        RawFile f = RawFile.parse(ModelFile.toBytes(SavedModel.of(Nets.uniform(14))));
        f.metadata().put("precision", "float32");
        Network loaded = ModelFile.fromBytes(f.bytes(), Nets.REGISTRY).network();
        assertEquals(Precision.FLOAT32, loaded.precision());
        for (Parameter p : loaded.parameters()) {
            for (double v : p.value()) {
                assertEquals(v, (float) v, 0.0, "F64 values rounded to float32: " + p.name());
            }
        }
    }

    @Test
    void anF64ValueBeyondFloat32sRangeIsRefusedForAFloat32Network() {
        RawFile f = RawFile.parse(ModelFile.toBytes(SavedModel.of(Nets.uniform(15))));
        f.setValue("decoder.bias", 2, 1e300);
        byte[] file = f.bytes();
        assertEquals(1e300, ModelFile.fromBytes(file, Nets.REGISTRY).network().outputLayer().parameters().get(1)
                .value()[2], 0.0, "a float64 network holds it");
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                () -> ModelFile.fromBytes(file, Nets.REGISTRY, Precision.FLOAT32));
        BrokenFilesTest.assertOneLine(e.getMessage(), "<bytes>: ", "tensor 'decoder.bias' holds 1.0E300 at index 2, "
                + "beyond the range of float32 (largest 3.4028235E38); it cannot be loaded into a float32 network");
    }

    @Test
    void aValidF32LoadStaysWithinTheAllocationBudget() {
        byte[] file = ModelFile.toBytes(SavedModel.of(float32(Nets.large(16))));
        assertFalse(ModelFile.fromBytes(file, Nets.REGISTRY).network().parameters().isEmpty());
        Allocation.requireWithinBudget(file.length, "a valid F32 file", () -> ModelFile.fromBytes(file,
                Nets.REGISTRY));
    }

    @Test
    void theF32FileIsAboutHalfTheF64One() {
        Network net = Nets.large(17);
        int f64 = ModelFile.toBytes(SavedModel.of(net)).length;
        int f32 = ModelFile.toBytes(SavedModel.of(net.to(Precision.FLOAT32))).length;
        assertNotEquals(f64, f32);
        assertTrue(f32 < 0.51 * f64 && f32 > 0.49 * f64, f32 + " bytes against " + f64);
    }

    @Test
    void roundTripsOfAFloat32ModelWithAVocabularyKeepIt() {
        SavedModel m = new SavedModel(float32(Nets.uniform(18)), Nets.VOCABULARY);
        SavedModel back = ModelFile.fromBytes(ModelFile.toBytes(m), Nets.REGISTRY);
        assertEquals(Nets.VOCABULARY, back.vocabulary());
        assertEquals(Map.of(), back.data());
        assertSameBits(m.network(), back.network());
    }

    private static void assertSameBits(Network expected, Network actual) {
        assertEquals(expected.architecture(), actual.architecture());
        assertEquals(expected.precision(), actual.precision());
        List<Parameter> e = expected.parameters();
        List<Parameter> a = actual.parameters();
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            assertArrayEquals(bits(e.get(i).value()), bits(a.get(i).value()), e.get(i).name());
        }
        assertArrayEquals(bits(Nets.outputs(expected, Nets.oneHot(9, 4, 2, expected.inputSize()))),
                bits(Nets.outputs(actual, Nets.oneHot(9, 4, 2, actual.inputSize()))), "outputs");
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
