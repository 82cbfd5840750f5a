package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Registry;
import org.rnn4j.core.train.EpochMetrics;
import org.rnn4j.io.model.Checkpoint;
import org.rnn4j.io.model.CheckpointFile;
import org.rnn4j.io.model.TrainingPosition;

/**
 * {@code rnn4j train} end to end on a tiny text: the loss falls below what a model without
 * memory can reach, the files are written beside the model, the JSON line has exactly its keys,
 * and a run resumed from a checkpoint ends with the same bytes as one never interrupted.
 */
class TrainCommandTest {

    /** Period 24: after "t" comes "h", " " or "."; only a model that remembers more than one character can tell which. */
    static final String LINE = "the cat sat on the mat.\n";

    static final Set<String> TEXT_KEYS = Set.of("model", "plot", "csv", "steps", "train_loss", "val_loss", "chars_per_s",
            "precision");

    @TempDir
    Path dir;

    static Path corpus(Path dir) throws Exception {
        Path f = dir.resolve("tiny.txt");
        Files.writeString(f, LINE.repeat(60), StandardCharsets.UTF_8);
        return f;
    }

    /** @return the last line of stdout as JSON */
    static Map<String, Object> json(String stdout) throws Exception {
        String[] lines = stdout.strip().split("\n");
        return JSON.std.mapFrom(lines[lines.length - 1]);
    }

    /** H(next | current) of the text in nats: the loss of the best model that sees one character. */
    static double bigramEntropy(String text) {
        Map<String, Integer> pairs = new HashMap<>();
        Map<Character, Integer> firsts = new HashMap<>();
        for (int i = 0; i + 1 < text.length(); i++) {
            pairs.merge(text.substring(i, i + 2), 1, Integer::sum);
            firsts.merge(text.charAt(i), 1, Integer::sum);
        }
        double h = 0;
        int n = text.length() - 1;
        for (Map.Entry<String, Integer> e : pairs.entrySet()) {
            double pPair = e.getValue() / (double) n;
            double pNext = e.getValue() / (double) firsts.get(e.getKey().charAt(0));
            h -= pPair * Math.log(pNext);
        }
        return h;
    }

    @Test
    void aTinyModelOnATinyTextLearnsMoreThanBigramsAndWritesItsFiles() throws Exception {
        Path text = corpus(dir);
        Path model = dir.resolve("out/tiny.safetensors");
        String[] r = Cli.run("train", "--text", text.toString(), "--cell", "lstm", "--layers", "1", "--hidden", "24",
                "--seq", "24", "--batch", "4", "--epochs", "40", "--lr", "0.02", "--val-fraction", "0.2",
                "--save", model.toString(), "--json");
        assertEquals("0", r[0], r[2]);
        Map<String, Object> j = json(r[1]);
        assertEquals(TEXT_KEYS, j.keySet());
        double bigram = bigramEntropy(LINE.repeat(60));
        assertTrue(bigram > 0.2, "the text needs memory beyond one character: " + bigram);
        double train = ((Number) j.get("train_loss")).doubleValue();
        double val = ((Number) j.get("val_loss")).doubleValue();
        assertTrue(train < bigram / 2, "training loss " + train + " vs bigram entropy " + bigram);
        assertTrue(val < bigram / 2, "validation loss " + val + " vs bigram entropy " + bigram);
        assertEquals(model.toString(), j.get("model"));
        assertEquals(dir.resolve("out/tiny.loss.png").toString(), j.get("plot"));
        assertEquals(dir.resolve("out/tiny.loss.csv").toString(), j.get("csv"));
        assertTrue(((Number) j.get("chars_per_s")).doubleValue() > 0);
        // 60 lines = 1440 characters, 1152 train: 4 streams of 288, T = 24: 11 steps per epoch.
        assertEquals(440, ((Number) j.get("steps")).intValue());
        assertTrue(Files.size(model) > 0);
        assertTrue(Files.size(dir.resolve("out/tiny.ckpt.safetensors")) > Files.size(model),
                "the checkpoint adds the optimizer state");
        List<String> csv = Files.readAllLines(dir.resolve("out/tiny.loss.csv"));
        assertEquals("step,epoch,train_loss,val_loss", csv.get(0));
        assertEquals(40, csv.stream().skip(1).filter(l -> !l.endsWith(",")).count(), "a validation loss per epoch");
        assertEquals(IntStream.rangeClosed(1, 40).boxed().toList(),
                csv.stream().skip(1).map(l -> Integer.parseInt(l.split(",")[1])).distinct().toList(),
                "the CSV numbers epochs from 1, as the progress does");
        assertTrue(r[2].contains("epoch 1/40 ended at step 11"), r[2]);
        assertEquals(800, ImageIO.read(dir.resolve("out/tiny.loss.png").toFile()).getWidth());
        assertTrue(r[2].contains("epoch 40/40 ended at step 440"), r[2]);
    }

    @Test
    void aResumedRunEndsWithTheBytesOfTheUninterruptedOne() throws Exception {
        Path text = corpus(dir);
        String[] common = {"train", "--text", text.toString(), "--cell", "lstm", "--layers", "2", "--hidden", "8",
            "--dropout", "0.25", "--seq", "12", "--batch", "3", "--val-fraction", "0.1", "--seed", "5",
            "--lr-decay", "0.8", "--lr-decay-after", "1"};
        Path straight = dir.resolve("a/m.safetensors");
        assertEquals("0", run(common, "--steps", "50", "--save", straight.toString())[0]);
        Path resumed = dir.resolve("b/m.safetensors");
        String[] first = run(common, "--steps", "23", "--every", "10", "--save", resumed.toString());
        assertEquals("0", first[0], first[2]);
        assertTrue(first[2].contains("step 20, validation loss"), first[2]);
        assertTrue(first[1].contains("trained 23 steps in "), first[1]);
        String[] second = Cli.run("train", "--resume", dir.resolve("b/m.ckpt.safetensors").toString(), "--steps", "50",
                "--text", text.toString());
        assertEquals("0", second[0], second[2]);
        assertTrue(second[1].contains("resumed from"), second[1]);
        assertTrue(second[1].contains("trained 27 steps (23 -> 50) in "), "what ran this time, and the total: " + second[1]);
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed), "the same weights, bit for bit");
        Checkpoint ca = CheckpointFile.load(dir.resolve("a/m.ckpt.safetensors"), Registry.installed());
        Checkpoint cb = CheckpointFile.load(dir.resolve("b/m.ckpt.safetensors"), Registry.installed());
        assertEquals("50", cb.position().get("step"));
        assertEquals(ca.position().get("step"), cb.position().get("step"));
        Map<String, double[]> sa = ca.optimizer().state();
        Map<String, double[]> sb = cb.optimizer().state();
        assertEquals(sa.keySet(), sb.keySet());
        sa.forEach((k, v) -> assertArrayEquals(v, sb.get(k), "optimizer state " + k));
        List<String> a = Files.readAllLines(dir.resolve("a/m.loss.csv"));
        List<String> b = Files.readAllLines(dir.resolve("b/m.loss.csv"));
        assertEquals(a.get(a.size() - 1).split(",")[0], b.get(b.size() - 1).split(",")[0], "both curves reach step 50");

        // Resumed into new files, the curve still starts with the interrupted run's points.
        Path moved = dir.resolve("c/m.safetensors");
        String[] third = Cli.run("train", "--resume", dir.resolve("b/m.ckpt.safetensors").toString(), "--steps", "55",
                "--save", moved.toString(), "--text", text.toString(), "--json");
        assertEquals("0", third[0], third[2]);
        assertTrue(third[1].contains("trained 5 steps (50 -> 55) in "), third[1]);
        assertEquals(55, ((Number) json(third[1]).get("steps")).intValue(), "--json counts the run's steps in all");
        List<String> c = Files.readAllLines(dir.resolve("c/m.loss.csv"));
        assertEquals(b, c.subList(0, b.size()));
        assertEquals("55", c.get(c.size() - 1).split(",")[0]);
    }

    @Test
    void theLearningRateDecaysPerEpochAsChosen() throws Exception {
        Path text = corpus(dir);
        Path model = dir.resolve("d/m.safetensors");
        String[] r = Cli.run("train", "--text", text.toString(), "--cell", "gru", "--layers", "1", "--hidden", "8",
                "--seq", "24", "--batch", "4", "--epochs", "5", "--lr", "0.02", "--lr-decay", "0.5",
                "--lr-decay-after", "2", "--save", model.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("lr x 0.5 per epoch after epoch 2"), r[1]);
        Checkpoint c = CheckpointFile.load(dir.resolve("d/m.ckpt.safetensors"), Registry.installed());
        List<EpochMetrics> epochs = TrainingPosition.parse(c.position()).history();
        assertEquals(List.of(1, 2, 3, 4, 5), epochs.stream().map(EpochMetrics::epoch).toList());
        double[] expected = {0.02, 0.02, 0.01, 0.005, 0.0025};
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], epochs.get(e).learningRate(), 1e-15, "epoch " + (e + 1));
        }
    }

    @Test
    void theEmbeddedDefaultLearnsTheGrammar() throws Exception {
        // The default with 6 of its 15 epochs, to keep the test short (the full default reaches 99%).
        String[] r = Cli.run("train", "--epochs", "6", "--save", dir.resolve("reber.safetensors").toString(), "--json");
        assertEquals("0", r[0], r[2]);
        Map<String, Object> j = json(r[1]);
        Set<String> keys = new HashSet<>(TEXT_KEYS);
        keys.add("grammar_accept");
        keys.add("next_symbol_accuracy");
        assertEquals(keys, j.keySet());
        double accept = ((Number) j.get("grammar_accept")).doubleValue();
        double accuracy = ((Number) j.get("next_symbol_accuracy")).doubleValue();
        assertTrue(accept >= 0.95, "grammar acceptance " + accept);
        assertTrue(accuracy >= 0.99, "next-symbol accuracy " + accuracy);
        assertTrue(r[1].contains("at the long-range position"), r[1]);
    }

    private static String[] run(String[] common, String... more) {
        String[] all = new String[common.length + more.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return Cli.run(all);
    }

    @Test
    void helpReadsWell() {
        String[] r = Cli.run("train", "--help");
        assertEquals("0", r[0]);
        for (String s : new String[] {"--text", "--cell", "--layers", "--hidden", "--activation", "--optimizer",
            "--opt", "--lr", "--seq", "--batch", "--epochs", "--steps", "--clip", "--dropout", "--val-fraction",
            "--seed", "--precision", "--save", "--resume", "--every", "--json", "Reber", "Examples:"}) {
            assertTrue(r[1].contains(s), s + " in\n" + r[1]);
        }
        assertFalse(r[1].contains("null"), r[1]);
    }
}
