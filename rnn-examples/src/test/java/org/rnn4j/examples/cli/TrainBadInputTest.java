package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/**
 * Every bad value given to {@code train} or {@code sample} is one line on standard error that
 * says what was wrong, exit code 2, and never a stack trace.
 */
class TrainBadInputTest {

    @TempDir
    static Path dir;

    static Path text;
    static Path checkpoint;
    static Path model;

    @BeforeAll
    static void files() throws Exception {
        text = TrainCommandTest.corpus(dir);
        String[] r = Cli.run("train", "--text", text.toString(), "--layers", "1", "--hidden", "4", "--seq", "8",
                "--batch", "2", "--steps", "2", "--save", dir.resolve("m.safetensors").toString());
        assertEquals("0", r[0], r[2]);
        checkpoint = dir.resolve("m.ckpt.safetensors");
        model = dir.resolve("m.safetensors");
        Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        Files.writeString(dir.resolve("empty.txt"), "");
        Files.writeString(dir.resolve("other.txt"), TrainCommandTest.LINE.repeat(59) + "the mat sat on the cat.\n");
        Files.writeString(dir.resolve("abc.txt"), "abc".repeat(100));
        Network plain = Network.builder(Registry.installed()).input(3).recurrent("elman", 2).output(3).build();
        ModelFile.save(dir.resolve("novocab.safetensors"), SavedModel.of(plain));
    }

    private static void assertOneLine(String expectedStart, String expectedPart, String... args) {
        String[] r = Cli.run(args);
        String err = r[2];
        assertEquals("2", r[0], String.join(" ", args) + "\n" + r[1] + err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        assertTrue(err.startsWith(expectedStart), err);
        assertTrue(err.contains(expectedPart), "expected '" + expectedPart + "' in: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        assertFalse(r[1].contains("trained"), "nothing trained: " + r[1]);
    }

    private static void train(String expected, String... args) {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(args));
        assertOneLine("rnn4j train: ", expected, all.toArray(String[]::new));
    }

    private static void sample(String expected, String... args) {
        List<String> all = new ArrayList<>(List.of("sample"));
        all.addAll(List.of(args));
        assertOneLine("rnn4j sample: ", expected, all.toArray(String[]::new));
    }

    @Test
    void numbersOutOfRangeNameTheOptionAndTheRange() {
        train("--layers must be in [1, 64], got 0", "--layers", "0");
        train("--hidden must be in [1, 65536], got -3", "--hidden", "-3");
        train("--batch must be >= 1, got 0", "--batch", "0");
        train("--clip must be a finite number >= 0 (0 = no clipping), got -1.0", "--clip", "-1");
        train("--clip must be a finite number >= 0 (0 = no clipping), got NaN", "--clip", "NaN");
        train("--val-fraction must be in [0, 1), got 1.0", "--val-fraction", "1");
        train("--dropout must be in [0, 1), got 1.0", "--dropout", "1", "--layers", "2");
        train("--dropout acts between recurrent layers, so it needs --layers >= 2", "--dropout", "0.2");
        train("--every must be >= 1 step, got 0", "--every", "0");
        train("--steps must be >= 1, got 0", "--steps", "0");
        train("--epochs must be >= 1, got 0", "--epochs", "0");
        train("--lr-decay must be in (0, 1] (the factor per epoch; 1 = no decay), got 0.0", "--lr-decay", "0");
        train("--lr-decay must be in (0, 1] (the factor per epoch; 1 = no decay), got 1.5", "--lr-decay", "1.5");
        train("--lr-decay-after must be >= 1 epoch, got 0", "--lr-decay", "0.9", "--lr-decay-after", "0");
        train("--lr-decay-after 3 needs --lr-decay, the factor per epoch", "--lr-decay-after", "3");
    }

    @Test
    void malformedOptionsAreParseErrors() {
        train("Invalid value for option '--layers': 'two' is not an int (see ./rnn4j train --help)", "--layers", "two");
        train("are mutually exclusive", "--epochs", "2", "--steps", "3");
        train("Unknown options: '--hiden'", "--hiden", "8");
        train("should be in KEY=VALUE format", "--opt", "beta1");
        sample("Missing required option: '--model=FILE'");
    }

    @Test
    void unknownNamesListWhatIsInstalled() {
        train("no layer named 'lsmt' is installed; installed layers:", "--cell", "lsmt");
        train("'sigmoidd'", "--activation", "sigmoidd");
        train("no optimizer named 'adamm' is installed; installed optimizers:", "--optimizer", "adamm");
        train("optimizer 'adam'", "--opt", "bta1=0.9");
        train("lr", "--lr", "-1");
        train("give the learning rate once: --lr 0.1 or --opt lr=0.2", "--lr", "0.1", "--opt", "lr=0.2");
    }

    @Test
    void textsThatCannotBeTrainedOnAreExplained() {
        train("cannot read the text " + dir.resolve("missing.txt") + ": no such file", "--text",
                dir.resolve("missing.txt").toString());
        train("is not valid UTF-8", "--text", dir.resolve("latin1.txt").toString());
        train("is empty", "--text", dir.resolve("empty.txt").toString());
        train("need at least", "--text", text.toString(), "--seq", "1000");
        train("--seq applies to --text only", "--seq", "10");
    }

    @Test
    void aResumeKeepsItsSettings() {
        train("--hidden cannot change when resuming: the checkpoint was trained with 4, got 99", "--resume",
                checkpoint.toString(), "--hidden", "99");
        train("--steps above it", "--resume", checkpoint.toString(), "--steps", "2");
        train("--lr-decay cannot change when resuming: the checkpoint was trained with 1.0, got 0.5", "--resume",
                checkpoint.toString(), "--lr-decay", "0.5");
        train("cannot read the checkpoint " + dir.resolve("nope.ckpt") + ": no such file", "--resume",
                dir.resolve("nope.ckpt").toString());
        train("not a checkpoint", "--resume", model.toString());
        train("the text is not the one the checkpoint was trained on (text_sha256 ", "--resume", checkpoint.toString(),
                "--text", dir.resolve("other.txt").toString(), "--steps", "4");
        // The SHA-256 is checked first, so nothing more (its vocabulary) is said of a text that is not the one.
        train("the text is not the one the checkpoint was trained on (text_sha256 ", "--resume", checkpoint.toString(),
                "--text", dir.resolve("abc.txt").toString(), "--steps", "4");
    }

    @Test
    void samplingNeedsAModelWithAVocabularyAndAPrimeInIt() {
        sample("the prime has 'Z' (U+005A) at character 2, which is not in the model's vocabulary", "--model",
                model.toString(), "--prime", "thZ");
        sample("cannot read the model " + dir.resolve("none.safetensors") + ": no such file", "--model",
                dir.resolve("none.safetensors").toString());
        sample("the model has no vocabulary", "--model", dir.resolve("novocab.safetensors").toString());
        sample("--length must be >= 0 characters, got -1", "--model", model.toString(), "--length", "-1");
        sample("the temperature must be a finite number >= 0", "--model", model.toString(), "--temperature", "-0.5");
        sample("the prime is empty", "--model", model.toString(), "--prime", "");
    }
}
