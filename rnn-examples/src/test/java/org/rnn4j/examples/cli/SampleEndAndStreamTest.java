package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;
import org.rnn4j.io.model.SequenceEnd;

/**
 * {@code rnn4j sample} stops a model of strings at the end its file records, and streams what it
 * draws, so that the longest {@code --length} runs in constant memory and stops when nobody reads.
 */
class SampleEndAndStreamTest {

    private static final String REBER = "BEPSTVX";

    @TempDir
    Path dir;

    @Test
    void aReberModelTrainedHereStopsAtTheSecondE() {
        Path model = dir.resolve("reber.safetensors");
        String[] t = Cli.run("train", "--hidden", "8", "--epochs", "1", "--batch", "50", "--save", model.toString());
        assertEquals("0", t[0], t[2]);
        for (int seed = 1; seed <= 5; seed++) {
            String[] r = Cli.run("sample", "--model", model.toString(), "--prime", "B", "--seed", Integer.toString(seed));
            assertEquals("0", r[0], r[2]);
            String s = r[1].strip();
            assertEquals(2, s.chars().filter(c -> c == 'E').count(), "one string, to its second E: " + s);
            assertTrue(s.endsWith("E"), s);
        }
    }

    @Test
    void theEndInTheFileStopsTheSampleAndIgnoreEndRunsToTheLength() throws Exception {
        Path model = strings(new SequenceEnd("E", 2));
        for (int seed = 1; seed <= 20; seed++) {
            String s = sample(model, "--prime", "B", "--length", "5000", "--seed", Integer.toString(seed));
            assertEquals(2, s.chars().filter(c -> c == 'E').count(), s);
            assertTrue(s.endsWith("E") && s.length() < 5001, s);
        }
        String once = sample(strings(new SequenceEnd("E", 1)), "--prime", "B", "--length", "5000");
        assertEquals(once.indexOf('E'), once.length() - 1, "eos_count 1 stops at the first E: " + once);
        assertEquals("BETE", sample(model, "--prime", "BETE", "--length", "50"), "the prime already holds both Es");
        assertEquals(1 + 300, sample(model, "--prime", "B", "--length", "300", "--ignore-end").length());
        assertEquals(1 + 300, sample(strings(null), "--prime", "B", "--length", "300").length(), "no end recorded");
    }

    @Test
    void theLongestSampleIsStreamedAsItIsDrawn() throws Exception {
        Path model = strings(null);
        CountingWriter w = new CountingWriter(20_000);
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Main.run(new String[] {"sample", "--model",
            model.toString(), "--length", Integer.toString(Integer.MAX_VALUE)}, new PrintWriter(w),
            new PrintWriter(err, true)));
        assertEquals(1, code, "picocli reports the writer's exception");
        assertTrue(err.toString().contains("the reader had enough"), err.toString());
        assertEquals(20_000, w.count, "the characters reached the writer as they were drawn");
    }

    @Test
    void aClosedOutputEndsTheSample() throws Exception {
        Path model = strings(null);
        ClosingWriter w = new ClosingWriter(5_000);
        String[] code = new String[1];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> code[0] = Integer.toString(Main.run(new String[] {
            "sample", "--model", model.toString(), "--length", Integer.toString(Integer.MAX_VALUE)},
            new PrintWriter(w), new PrintWriter(new StringWriter()))));
        assertEquals("0", code[0]);
        assertTrue(w.attempts <= 5_000 + 2 * StreamedOutput.FLUSH_EVERY, "stopped soon after: " + w.attempts);
    }

    /** An untrained network over the Reber symbols, saved with the given end. */
    private Path strings(SequenceEnd end) throws IOException {
        Network net = Network.builder(Registry.installed()).input(REBER.length()).recurrent("elman", 4)
                .output(REBER.length()).loss("softmax_cross_entropy").seed(5).build();
        Path file = dir.resolve("strings-" + (end == null ? "none" : end.count()) + ".safetensors");
        ModelFile.save(file, new SavedModel(net, REBER, end));
        return file;
    }

    private static String sample(Path model, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "sample";
        args[1] = "--model";
        args[2] = model.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        String[] r = Cli.run(args);
        assertEquals("0", r[0], r[2]);
        return r[1].substring(0, r[1].length() - System.lineSeparator().length());
    }

    /** The reader stops reading. */
    private static final class StopHere extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopHere() {
            super("the reader had enough");
        }
    }

    /** Counts characters, keeps none, and stops the command after {@code limit} of them. */
    private static final class CountingWriter extends Writer {
        private final long limit;
        long count;

        CountingWriter(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            count += len;
            if (count >= limit) {
                count = limit;
                throw new StopHere();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Fails every write after {@code limit} characters, as a closed pipe does. */
    private static final class ClosingWriter extends Writer {
        private final long limit;
        long attempts;

        ClosingWriter(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            attempts += len;
            if (attempts > limit) {
                throw new IOException("Broken pipe");
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
