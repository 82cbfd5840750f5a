package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.tasks.GenerateCsv;
import org.rnn4j.io.model.CheckpointFile;
import org.rnn4j.io.model.ModelFile;

/**
 * Issue 13: {@code ./rnn4j train --precision float32|float64}, float32 by default in every mode
 * (text, Reber, --data), recorded in the files (F32 or F64 tensors, metadata {@code precision})
 * and in {@code --json}; a resumed run keeps its checkpoint's precision; a bad value or a change
 * on resuming is one line and exit code 2, with nothing written. {@code sample --precision} runs
 * a model in the other precision.
 */
class TrainPrecisionTest {

    @TempDir
    Path dir;

    private String[] tinyText(Path save, String... more) throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        String[] base = {"train", "--text", text.toString(), "--layers", "1", "--hidden", "6", "--seq", "8",
            "--batch", "2", "--steps", "4", "--save", save.toString(), "--json"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Cli.run(all);
    }

    /** The header of a safetensors file, read independently of rnn4j. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> header(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        int n = (int) ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return JSON.std.mapFrom(new String(b, 8, n, StandardCharsets.UTF_8));
    }

    /** Checks the file's precision entry and every tensor's dtype (a checkpoint's optimizer state is F64). */
    @SuppressWarnings("unchecked")
    static void assertStored(Path file, String precision, String dtype) throws Exception {
        Map<String, Object> h = header(file);
        assertEquals(precision, ((Map<String, Object>) h.get("__metadata__")).get("precision"), file.toString());
        int tensors = 0;
        for (Map.Entry<String, Object> e : h.entrySet()) {
            if (!e.getKey().equals("__metadata__")) {
                String want = e.getKey().startsWith("optimizer.") ? "F64" : dtype;
                assertEquals(want, ((Map<String, Object>) e.getValue()).get("dtype"), file + ": " + e.getKey());
                tensors++;
            }
        }
        assertTrue(tensors > 0, file.toString());
    }

    @Test
    void theDefaultIsFloat32RecordedInTheFilesAndTheJson() throws Exception {
        Path model = dir.resolve("d/m.safetensors");
        String[] r = tinyText(model);
        assertEquals("0", r[0], r[2]);
        assertEquals("float32", TrainCommandTest.json(r[1]).get("precision"));
        assertTrue(r[1].contains(", seed 42, float32\n"), "the settings line says it: " + r[1]);
        assertStored(model, "float32", "F32");
        assertStored(dir.resolve("d/m.ckpt.safetensors"), "float32", "F32");
        assertEquals(Precision.FLOAT32, ModelFile.load(model, Registry.installed()).network().precision());
    }

    @Test
    void float64IsChosenExplicitlyAndResumesInFloat64() throws Exception {
        Path model = dir.resolve("e/m.safetensors");
        String[] r = tinyText(model, "--precision", "float64");
        assertEquals("0", r[0], r[2]);
        assertEquals("float64", TrainCommandTest.json(r[1]).get("precision"));
        assertTrue(r[1].contains(", seed 42, float64\n"), r[1]);
        assertStored(model, "float64", "F64");
        Path ckpt = dir.resolve("e/m.ckpt.safetensors");
        assertStored(ckpt, "float64", "F64");
        // A resume without --precision keeps the checkpoint's; with the same one it is accepted too.
        String[] resumed = Cli.run("train", "--resume", ckpt.toString(), "--steps", "6", "--text",
                TrainCommandTest.corpus(dir).toString(), "--json");
        assertEquals("0", resumed[0], resumed[2]);
        assertEquals("float64", TrainCommandTest.json(resumed[1]).get("precision"));
        assertStored(model, "float64", "F64");
        String[] same = Cli.run("train", "--resume", ckpt.toString(), "--steps", "7", "--precision", "float64",
                "--text", TrainCommandTest.corpus(dir).toString());
        assertEquals("0", same[0], same[2]);
        assertEquals(Precision.FLOAT64, CheckpointFile.load(ckpt, Registry.installed()).model().network().precision());
    }

    /** The default (float32) is resumed bit for bit by TrainCommandTest; float64 here, in a shorter run. */
    @Test
    void aFloat64RunResumesBitForBitInFloat64() throws Exception {
        Path straight = dir.resolve("straight/m.safetensors");
        Path text = TrainCommandTest.corpus(dir);
        String[] common = {"train", "--text", text.toString(), "--layers", "2", "--hidden", "6", "--dropout", "0.2",
            "--seq", "8", "--batch", "2", "--precision", "float64"};
        assertEquals("0", Cli.run(concat(common, "--steps", "9", "--save", straight.toString()))[0]);
        Path resumed = dir.resolve("resumed/m.safetensors");
        assertEquals("0", Cli.run(concat(common, "--steps", "4", "--save", resumed.toString()))[0]);
        String[] rest = Cli.run("train", "--resume", dir.resolve("resumed/m.ckpt.safetensors").toString(), "--steps",
                "9", "--text", text.toString());
        assertEquals("0", rest[0], rest[2]);
        assertStored(resumed, "float64", "F64");
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed), "the same weights, bit for bit");
    }

    @Test
    void aDifferentPrecisionOnResumingIsOneLineExitCode2AndNothingChanges() throws Exception {
        for (String[] c : List.of(new String[] {"float64", "float32"}, new String[] {"float32", "float64"})) {
            Path model = dir.resolve(c[0] + "/m.safetensors");
            assertEquals("0", tinyText(model, "--precision", c[0])[0]);
            Path ckpt = dir.resolve(c[0] + "/m.ckpt.safetensors");
            byte[] before = Files.readAllBytes(ckpt);
            byte[] modelBefore = Files.readAllBytes(model);
            String[] r = Cli.run("train", "--resume", ckpt.toString(), "--steps", "6", "--precision", c[1], "--text",
                    TrainCommandTest.corpus(dir).toString());
            assertEquals("2", r[0], r[1] + r[2]);
            assertEquals("rnn4j train: --precision cannot change when resuming: the checkpoint was trained with "
                    + c[0] + ", got " + c[1], r[2].strip());
            assertArrayEquals(before, Files.readAllBytes(ckpt));
            assertArrayEquals(modelBefore, Files.readAllBytes(model));
        }
    }

    @Test
    void aBadPrecisionIsOneLineExitCode2NamingTheAllowedValues() throws Exception {
        Path model = dir.resolve("bad/m.safetensors");
        String[] r = tinyText(model, "--precision", "half");
        assertEquals("2", r[0], r[1] + r[2]);
        assertEquals("rnn4j train: unknown precision 'half'; the precisions are float32 and float64", r[2].strip());
        assertFalse(Files.exists(dir.resolve("bad")), "nothing written");
        String[] reber = Cli.run("train", "--precision", "bfloat16", "--save", dir.resolve("r/r.safetensors")
                .toString());
        assertEquals("2", reber[0]);
        assertEquals("rnn4j train: unknown precision 'bfloat16'; the precisions are float32 and float64",
                reber[2].strip());
        Path csv = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 60, 7, csv);
        String[] data = Cli.run("train", "--data", csv.toString(), "--task", "classify", "--id", "id", "--time", "t",
                "--target", "class", "--precision", "f16", "--save", dir.resolve("o/o.safetensors").toString());
        assertEquals("2", data[0]);
        assertEquals("rnn4j train: unknown precision 'f16'; the precisions are float32 and float64", data[2].strip());
        assertFalse(Files.exists(dir.resolve("r")) || Files.exists(dir.resolve("o")), "nothing written");
    }

    @Test
    void theReberDefaultIsFloat32() throws Exception {
        Path model = dir.resolve("reber.safetensors");
        String[] r = Cli.run("train", "--steps", "3", "--save", model.toString(), "--json");
        assertEquals("0", r[0], r[2]);
        assertEquals("float32", TrainCommandTest.json(r[1]).get("precision"));
        assertStored(model, "float32", "F32");
    }

    @Test
    void dataRunsAreFloat32ByDefaultAndFloat64OnRequest() throws Exception {
        Path csv = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 60, 7, csv);
        for (String p : new String[] {null, "float64"}) {
            Path model = dir.resolve((p == null ? "default" : p) + "/order.safetensors");
            String[] base = {"train", "--data", csv.toString(), "--task", "classify", "--id", "id", "--time", "t",
                "--target", "class", "--epochs", "1", "--save", model.toString(), "--json"};
            String[] r = Cli.run(p == null ? base : concat(base, "--precision", p));
            assertEquals("0", r[0], r[2]);
            String want = p == null ? "float32" : p;
            assertEquals(want, TrainCommandTest.json(r[1]).get("precision"));
            assertTrue(r[1].contains(", seed 42, " + want + "\n"), r[1]);
            assertStored(model, want, p == null ? "F32" : "F64");
        }
    }

    @Test
    void sampleTakesPrecisionAndRefusesABadOne() throws Exception {
        Path model = dir.resolve("s/m.safetensors");
        assertEquals("0", tinyText(model)[0]);
        for (String p : new String[] {"float32", "float64"}) {
            String[] r = Cli.run("sample", "--model", model.toString(), "--prime", "the ", "--length", "40",
                    "--temperature", "0", "--precision", p);
            assertEquals("0", r[0], r[2]);
            assertTrue(r[1].startsWith("the ") && r[1].strip().length() == 44, p + ": " + r[1]);
        }
        String[] bad = Cli.run("sample", "--model", model.toString(), "--precision", "double-double");
        assertEquals("2", bad[0]);
        assertEquals("", bad[1]);
        assertEquals("rnn4j sample: unknown precision 'double-double'; the precisions are float32 and float64",
                bad[2].strip());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
