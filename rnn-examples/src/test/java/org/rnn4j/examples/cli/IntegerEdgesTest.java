package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The largest values the options take, and a valid text with every Unicode character, are one
 * line and exit code 2 (or, where they make sense, a run): never a division by zero or a negative
 * array size from wrapped int arithmetic.
 */
class IntegerEdgesTest {

    @TempDir
    Path dir;

    @Test
    void theLongestSeqLengthIsOneLine() throws Exception {
        Path text = TrainCommandTest.corpus(dir);
        String[] r = Cli.run("train", "--text", text.toString(), "--seq", "2147483647", "--save",
                dir.resolve("x.safetensors").toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].strip().matches("rnn4j train: the text has \\d+ tokens; 32 streams of seq length 2147483647 "
                + "need at least 68719476736 \\(each stream needs T \\+ 1\\)"), r[2]);
    }

    @Test
    void theLargestReberBatchIsOneBatchOfAllTheStrings() {
        String[] r = Cli.run("train", "--batch", "2147483647", "--hidden", "4", "--epochs", "1", "--save",
                dir.resolve("r.safetensors").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("trained 1 steps"), r[1]);
    }

    @Test
    void aTextOfEveryUnicodeCharacterIsRefusedForItsBatchSizeInOneLine() throws Exception {
        StringBuilder s = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                s.appendCodePoint(cp);
            }
        }
        Path text = dir.resolve("unicode.txt");
        Files.writeString(text, s.toString() + s);
        String[] r = Cli.run("train", "--text", text.toString(), "--steps", "1", "--save",
                dir.resolve("u.safetensors").toString());
        assertEquals("2", r[0], r[2]);
        assertEquals("rnn4j train: a batch of T x B one-hot rows of V (seq length 64, batch 32, vocabulary 1112064) "
                + "needs 64 x 32 x 1112064 = 2,277,507,072 values, more than one Java array holds (2,147,483,639); "
                + "use smaller sizes", r[2].strip());
        assumeTrue(Runtime.getRuntime().maxMemory() < 30e9, "a heap that cannot hold a 569M-value input layer");
        String[] small = Cli.run("train", "--text", text.toString(), "--seq", "1", "--batch", "1", "--steps", "1",
                "--save", dir.resolve("u.safetensors").toString());
        assertEquals("2", small[0], small[2]);
        assertTrue(small[2].strip().matches("rnn4j train: lstm 2 x 128 on 1,112,064 characters, T 1, B 1 \\([0-9,]+ "
                + "parameters\\) needs about [0-9.]+ GB of heap .*"), "the batch fits, the network does not: "
                + small[2]);
    }
}
