package org.rnn4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.rnn4j.api.Precision;
import org.rnn4j.examples.charlm.Sampler;
import org.rnn4j.examples.charlm.Vocabulary;
import org.rnn4j.examples.limits.Heap;
import org.rnn4j.examples.limits.RunMemory;
import org.rnn4j.io.model.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j sample}: text from a model {@code ./rnn4j train} saved. It prints the prime
 * followed by the generated characters (and a final newline), streamed as they are drawn, so
 * that any {@code --length} runs in constant memory. A model of strings (the Reber grammar)
 * stops at the end of its string, which its file records ({@code eos}, {@code eos_count}).
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write text with a trained character-level model: from the zero state, run the prime, then "
            + "draw each next character from softmax(logits / temperature) and feed it back in. Prints the prime "
            + "followed by the generated characters, as they are drawn. A model of strings (the Reber grammar) "
            + "stops at the end of its string (the model file records where that is)."},
        footer = {"", "Examples:",
            "  ./rnn4j sample --model runs/reber.safetensors --prime B --length 30",
            "  ./rnn4j sample --model runs/x.safetensors --prime ROMEO: --temperature 0.8"})
final class SampleCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model (or checkpoint) file "
            + "written by ./rnn4j train.")
    private Path model;

    @Option(names = "--prime", paramLabel = "TEXT", description = "The text to start from; every character must be "
            + "in the model's vocabulary. Default: a newline, or the vocabulary's first character if it has none.")
    private String prime;

    @Option(names = "--length", paramLabel = "N", defaultValue = "500", description = "Characters to generate "
            + "at most: fewer when a model of strings reaches its end symbol (default ${DEFAULT-VALUE}).")
    private int length;

    @Option(names = "--ignore-end", description = "Generate all --length characters, past the end-of-sequence "
            + "symbol of a model of strings (the Reber grammar's second E).")
    private boolean ignoreEnd;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0", description = "Below 1 sharper, above 1 "
            + "wilder; 0 always takes the most likely character, so the text depends on the model and prime alone "
            + "(default ${DEFAULT-VALUE}).")
    private double temperature;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the draws "
            + "(default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--precision", paramLabel = "P", description = "Run the model in float32 or float64, its weights "
            + "converted (rounded to the nearest float32, or widened exactly). Default: the precision its file "
            + "records (float64 for a file that records none).")
    private String precision;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (length < 0) {
            throw new IllegalArgumentException("--length must be >= 0 characters, got " + length);
        }
        SavedModel m = ModelArgument.load(model, "a model file", precision == null ? null
                : Precision.parse(precision));
        Heap.require("sampling the model " + model, RunMemory.inference(m.network().architecture(),
                m.network().precision(), Sampler.PRIME_CHUNK, 1));
        Vocabulary v = Vocabulary.parse(m.vocabulary());
        Sampler sampler = new Sampler(m.network(), v, temperature, new SplittableRandom(seed));
        PrintWriter out = spec.commandLine().getOut();
        try {
            sampler.write(prime != null ? prime : v.defaultPrime(), length, ignoreEnd ? null : m.end(),
                    new StreamedOutput(out));
        } catch (StreamedOutput.Closed e) {
            return 0; // the reader went away (| head): nothing more to write to
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the sample: " + e.getMessage(), e);
        }
        out.println();
        out.flush();
        return 0;
    }
}
