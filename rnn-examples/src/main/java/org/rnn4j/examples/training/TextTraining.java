package org.rnn4j.examples.training;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.core.Network;
import org.rnn4j.core.train.Dataset;
import org.rnn4j.core.train.StreamDataset;
import org.rnn4j.examples.charlm.Sampler;
import org.rnn4j.examples.charlm.TextCorpus;
import org.rnn4j.examples.charlm.Vocabulary;
import org.rnn4j.io.model.SequenceEnd;

/**
 * A UTF-8 text batched as char-rnn does ({@link StreamDataset}: B streams, consecutive chunks of
 * T characters, the state carried from chunk to chunk, the gradient cut between them); the last
 * fraction of the text validates.
 */
final class TextTraining implements Task {

    /** Characters in a sample printed every N steps. */
    static final int SAMPLE_LENGTH = 200;

    private final TextCorpus corpus;
    private final Dataset data;
    private final int batch;
    private final int seq;

    TextTraining(Path file, int batch, int seq) {
        this.corpus = TextCorpus.read(file);
        this.data = StreamDataset.of(corpus.tokens(), corpus.vocabulary().size(), batch, seq);
        this.batch = batch;
        this.seq = seq;
    }

    /**
     * The tokens (ints) and the copies the split makes of them: 8 bytes per character, one
     * double; the batches' inputs are symbols ({@code StreamDataset}).
     */
    @Override
    public Footprint footprint() {
        return new Footprint(seq, batch, 1, corpus.tokens().length, true);
    }

    @Override
    public String name() {
        String f = corpus.file().getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    @Override
    public String describe() {
        return String.format("%s: %,d characters, %d distinct", corpus.file(), corpus.tokens().length,
                corpus.vocabulary().size());
    }

    @Override
    public Vocabulary vocabulary() {
        return corpus.vocabulary();
    }

    @Override
    public Dataset data() {
        return data;
    }

    @Override
    public SequenceEnd end() {
        return null;
    }

    @Override
    public Map<String, String> identity() {
        return Map.of("run.text_sha256", corpus.sha256());
    }

    @Override
    public String sample(Network net, long seed) {
        Sampler s = new Sampler(net.copy(), corpus.vocabulary(), 1.0, new SplittableRandom(seed));
        return s.sample(corpus.vocabulary().defaultPrime(), SAMPLE_LENGTH);
    }
}
