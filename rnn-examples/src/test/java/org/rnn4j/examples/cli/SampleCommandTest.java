package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.charlm.Sampler;
import org.rnn4j.examples.charlm.Vocabulary;
import org.rnn4j.examples.training.Progress;
import org.rnn4j.examples.training.TrainRun;
import org.rnn4j.examples.training.TrainSettings;

/** A trained model saved, reloaded by {@code rnn4j sample}, writes what the network in memory writes. */
class SampleCommandTest {

    @TempDir
    Path dir;

    @Test
    void theReloadedModelSamplesAsTheTrainedOneAtTemperatureZero() throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        Path model = dir.resolve("m.safetensors");
        TrainSettings s = new TrainSettings(text.toString(), "gru", 2, 12, null, "adam", Map.of("lr", "0.02"),
                24, 4, 15, 0, 5, 0, 0.1, 3, 0, TrainSettings.NO_DECAY, TrainSettings.DECAY_AFTER);
        TrainRun.Outcome o = TrainRun.fresh(Registry.installed(), s, model,
                Progress.forConsole(new PrintWriter(new StringWriter()))).run();
        Vocabulary v = Vocabulary.of(TrainCommandTest.LINE);
        String inMemory = new Sampler(o.network(), v, 0, new SplittableRandom(1)).sample("the ", 60);

        String[] r = Cli.run("sample", "--model", model.toString(), "--prime", "the ", "--length", "60",
                "--temperature", "0", "--seed", "7");
        assertEquals("0", r[0], r[2]);
        assertEquals(inMemory + System.lineSeparator(), r[1]);
        assertTrue(inMemory.contains("the cat sat on the mat."), "it learnt the line: " + inMemory);
        String[] again = Cli.run("sample", "--model", model.toString(), "--prime", "the ", "--length", "60",
                "--temperature", "0", "--seed", "8");
        assertEquals(r[1], again[1], "temperature 0 does not depend on the seed");

        String[] hot = Cli.run("sample", "--model", model.toString(), "--prime", "the ", "--length", "60",
                "--temperature", "3", "--seed", "7");
        assertEquals(64 + System.lineSeparator().length(), hot[1].length(), "the prime and 60 characters");
        assertNotEquals(r[1], hot[1], "temperature 3 flattens the distribution");
    }

    @Test
    void theDefaultPrimeIsANewlineAndTheLengthIsCountedInCharacters() throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        Path model = dir.resolve("m.safetensors");
        String[] t = Cli.run("train", "--text", text.toString(), "--layers", "1", "--hidden", "6", "--seq", "8",
                "--batch", "2", "--steps", "3", "--save", model.toString());
        assertEquals("0", t[0], t[2]);
        String[] r = Cli.run("sample", "--model", model.toString(), "--length", "25");
        assertEquals("0", r[0], r[2]);
        String printed = r[1].substring(0, r[1].length() - System.lineSeparator().length());
        assertEquals(26, printed.length(), "the newline prime and 25 characters: " + printed);
        assertTrue(printed.startsWith("\n"));
    }
}
