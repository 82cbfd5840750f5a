package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.tasks.AddingProblem;
import org.rnn4j.examples.tasks.GenerateCsv;
import org.rnn4j.io.csv.CsvWriter;
import org.rnn4j.io.model.CheckpointFile;
import org.rnn4j.io.model.ModelFile;

/**
 * {@code ./rnn4j train --data ... --dense N[,N...] [--dense-activation NAME]}: the hidden dense
 * layers are built, learned to the bars of the runs without them, saved in the model file (which
 * {@code evaluate} and {@code predict} then use), kept by a resume; bad values are one line, exit 2,
 * nothing written.
 */
class TrainDataDenseTest {

    @TempDir
    Path dir;

    private static final String[] ORDER = {"--task", "classify", "--id", "id", "--time", "t", "--target", "class"};

    private static String[] train(Path csv, Path model, String... more) {
        return Cli.train(csv, model, ORDER, more);
    }

    @Test
    void aClassifierWithDenseLayersLearnsAndItsModelServesEvaluateAndPredict() throws Exception {
        Path csv = dir.resolve("order.csv");
        // 1,000 sequences: on 500 a dense layer after the LSTM sometimes stalls at half the classes
        // (seed 1: 0.49), where the LSTM alone learns them all; on 1,000 both score 1.0 on every seed tried
        GenerateCsv.write("temporal-order", 1000, 7, csv);
        Path model = dir.resolve("order.safetensors");
        String[] r = train(csv, model, "--dense", "16", "--json");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("lstm 1 x 32, dense 16 relu"), r[1]);
        Map<String, Object> j = TrainCommandTest.json(r[1]);
        assertEquals(TrainDataTest.KEYS, new ArrayList<>(j.keySet()), "the keys of every --data run");
        assertTrue(((Number) j.get("test_accuracy")).doubleValue() > 0.9, "as without --dense: " + r[1]);

        Architecture a = ModelFile.load(model, Registry.installed()).network().architecture();
        assertEquals(List.of(new LayerConfig("dense", 16, Map.of("activation", "relu"))), a.dense());
        assertEquals("last_step", a.head());
        Map<String, Object> tensors = TrainPrecisionTest.header(model);
        assertEquals(List.of(16, 32), shape(tensors, "dense.0.weight"));
        assertEquals(List.of(16), shape(tensors, "dense.0.bias"));
        assertEquals(List.of(4, 16), shape(tensors, "decoder.weight"), "the output layer reads the dense layer");

        Path fresh = dir.resolve("order-new.csv");
        GenerateCsv.write("temporal-order", 200, 8, fresh);
        String[] e = Cli.run("evaluate", "--model", model.toString(), "--data", fresh.toString(), "--json");
        assertEquals("0", e[0], e[2]);
        double accuracy = ((Number) TrainCommandTest.json(e[1]).get("accuracy")).doubleValue();
        assertTrue(accuracy > 0.9, e[1]);

        String[] p = Cli.run("predict", "--model", model.toString(), "--data", fresh.toString());
        assertEquals("0", p[0], p[2]);
        List<String> rows = p[1].strip().lines().toList();
        assertEquals("id,class,p_Q,p_R,p_S,p_U", rows.get(0));
        assertEquals(201, rows.size(), "one row per sequence");
        List<String> actual = classes(fresh);
        int right = 0;
        for (int i = 1; i < rows.size(); i++) {
            right += rows.get(i).split(",")[1].equals(actual.get(i - 1)) ? 1 : 0;
        }
        assertEquals(accuracy, right / 200.0, 1e-12, "predict's classes score what evaluate reports");
    }

    @Test
    void aRegressorAndATaggerWithDenseLayersLearnAsWithout() throws Exception {
        Path adding = dir.resolve("adding.csv");
        try (Writer w = Files.newBufferedWriter(adding, StandardCharsets.UTF_8)) {
            CsvWriter.sequences(w, AddingProblem.table(1500, 20, 5), "id", null);
        }
        String[] r = Cli.run("train", "--data", adding.toString(), "--task", "regress", "--id", "id", "--target",
                "sum", "--dense", "16,8", "--save", dir.resolve("adding.safetensors")
                        .toString(), "--json");
        assertEquals("0", r[0], r[2]);
        assertTrue(((Number) TrainCommandTest.json(r[1]).get("test_rmse")).doubleValue() < 0.1, r[1]);
        assertEquals(List.of(new LayerConfig("dense", 16, Map.of("activation", "relu")), new LayerConfig("dense", 8,
                Map.of("activation", "relu"))), ModelFile.load(dir.resolve("adding.safetensors"), Registry.installed())
                .network().architecture().dense());

        Path echo = TrainDataTest.echoCsv(dir.resolve("echo.csv"));
        Path tagger = dir.resolve("echo.safetensors");
        String[] t = Cli.run("train", "--data", echo.toString(), "--task", "tag", "--id", "id", "--time", "t",
                "--target", "before", "--epochs", "15", "--dense", "8", "--save", tagger.toString(), "--json");
        assertEquals("0", t[0], t[2]);
        assertTrue(((Number) TrainCommandTest.json(t[1]).get("test_accuracy")).doubleValue() > 0.95, t[1]);
        Architecture a = ModelFile.load(tagger, Registry.installed()).network().architecture();
        assertEquals(null, a.head(), "tag has no head: the dense layer acts on every step");
        assertEquals(1, a.dense().size());
    }

    @Test
    void aResumeKeepsTheDenseLayersAndRefusesOthers() throws Exception {
        Path csv = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 120, 4, csv);
        String[] small = {"--hidden", "6", "--batch", "16", "--lr", "0.05", "--seed", "3", "--dense", "5",
            "--dense-activation", "tanh"};
        Path straight = dir.resolve("a/m.safetensors");
        List<String> args = new ArrayList<>(Arrays.asList(small));
        args.addAll(List.of("--epochs", "3"));
        assertEquals("0", train(csv, straight, args.toArray(String[]::new))[0]);
        Path resumed = dir.resolve("b/m.safetensors");
        args.set(args.size() - 1, "2");
        assertEquals("0", train(csv, resumed, args.toArray(String[]::new))[0]);
        Path ckpt = dir.resolve("b/m.ckpt.safetensors");
        Map<String, String> position = CheckpointFile.load(ckpt, Registry.installed()).position();
        assertEquals("5", position.get("run.dense"));
        assertEquals("tanh", position.get("run.dense_activation"));

        Set<Path> before = listing();
        byte[] ckptBytes = Files.readAllBytes(ckpt);
        String[][] refusals = {
            {"--dense", "6", "--dense cannot change when resuming: the checkpoint was trained with 5, got 6"},
            {"--dense", "5,5", "--dense cannot change when resuming"},
            {"--dense-activation", "relu", "--dense-activation cannot change when resuming: the checkpoint was "
                + "trained with tanh, got relu"},
            {"--dense", "0", "--dense sizes must each be in [1, 65536], got 0"},
        };
        for (String[] refusal : refusals) {
            List<String> line = new ArrayList<>(List.of("train", "--resume", ckpt.toString(), "--data", csv.toString(),
                    "--epochs", "3"));
            line.addAll(Arrays.asList(refusal).subList(0, refusal.length - 1));
            Cli.refused(line, refusal[refusal.length - 1]);
            assertEquals(before, listing());
            assertArrayEquals(ckptBytes, Files.readAllBytes(ckpt));
        }

        String[] r = Cli.run("train", "--resume", ckpt.toString(), "--data", csv.toString(), "--epochs", "3",
                "--dense", "5");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("dense 5 tanh"), r[1]);
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed), "the same model, bit for bit");
        assertEquals(List.of(new LayerConfig("dense", 5, Map.of("activation", "tanh"))),
                ModelFile.load(resumed, Registry.installed()).network().architecture().dense());
    }

    @Test
    void badValuesAreOneLineExitTwoAndNothingWritten() throws Exception {
        Path csv = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 60, 4, csv);
        Path model = dir.resolve("m.safetensors");
        String[][] cases = {
            {"--dense", "0", "--dense sizes must each be in [1, 65536], got 0"},
            {"--dense", "65537", "--dense sizes must each be in [1, 65536], got 65537"},
            {"--dense", "x", "--dense takes layer sizes, whole numbers separated by commas (e.g. 32 or 32,16), got 'x'"},
            {"--dense", "16,,8", "got '16,,8'"},
            {"--dense", "16", "--dense-activation", "nope", "--dense-activation: no activation named 'nope' is "
                + "installed; installed activations: elu, "},
            {"--dense-activation", "tanh", "--dense-activation tanh needs --dense"},
            // 1.6e9 weights: refused by the heap check, not an OutOfMemoryError half-way through building.
            // lstm 4*32*(8+32) + 2*4*32 = 5,376; dense 40000*32 + 40000 = 1,320,000 and 40000*40000 + 40000
            // = 1,600,040,000; output 4*40000 + 4 = 160,004
            {"--dense", "40000,40000", "lstm 1 x 32, dense 40000,40000 relu on 8 features, B 32, sequences of up to "
                + "22 steps (1,601,525,380 parameters) needs about "},
        };
        Set<Path> before = listing();
        for (String[] c : cases) {
            List<String> line = new ArrayList<>(List.of("train", "--data", csv.toString()));
            line.addAll(List.of(ORDER));
            line.addAll(List.of("--save", model.toString()));
            line.addAll(Arrays.asList(c).subList(0, c.length - 1));
            assertEquals("", Cli.refused(line, c[c.length - 1])[1]);
            assertEquals(before, listing());
        }
    }

    @Test
    void optionsOfDataRunsAreRefusedWithoutData() throws Exception {
        Set<Path> before = listing();
        for (String[] options : new String[][] {{"--dense", "16"}, {"--dense-activation", "tanh"}, {"--window", "3"},
            {"--horizon", "2"}, {"--target", "y"}, {"--test-fraction", "0.1"}}) {
            List<String> line = new ArrayList<>(List.of("train", "--steps", "1", "--save",
                    dir.resolve("r.safetensors").toString()));
            line.addAll(List.of(options));
            Cli.refused(line, options[0] + " applies to --data runs only");
            assertEquals(before, listing());
        }
    }

    @Test
    void optionsOfTextRunsAreRefusedOnDataRuns() throws Exception {
        Path csv = dir.resolve("order.csv");
        GenerateCsv.write("temporal-order", 60, 4, csv);
        Set<Path> before = listing();
        // --lr-decay-after was once accepted, and ignored, by a new --data run
        for (String[] options : new String[][] {{"--lr-decay-after", "3"}, {"--lr-decay", "0.5"}, {"--seq", "10"},
            {"--optimizer", "sgd"}, {"--dropout", "0.1"}, {"--keep-best"}}) {
            List<String> line = new ArrayList<>(List.of("train", "--data", csv.toString()));
            line.addAll(List.of(ORDER));
            line.addAll(List.of("--save", dir.resolve("m.safetensors").toString()));
            line.addAll(List.of(options));
            Cli.refused(line, options[0] + " does not apply to --data runs");
            assertEquals(before, listing());
        }
    }

    /** The tensors of a safetensors file's header, read independently of rnn4j. */
    @SuppressWarnings("unchecked")
    private static List<Object> shape(Map<String, Object> header, String tensor) {
        Object t = header.get(tensor);
        assertTrue(t != null, tensor + " is not among " + header.keySet());
        return (List<Object>) ((Map<String, Object>) t).get("shape");
    }

    /** Each sequence's class (its last row's), in file order. */
    private static List<String> classes(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int id = header.indexOf("id");
        int target = header.indexOf("class");
        List<String> classes = new ArrayList<>();
        String last = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (!f[id].equals(last)) {
                classes.add(f[target]);
                last = f[id];
            } else {
                classes.set(classes.size() - 1, f[target]);
            }
        }
        return classes;
    }

    private Set<Path> listing() throws Exception {
        try (var s = Files.walk(dir)) {
            return Set.copyOf(s.toList());
        }
    }
}
