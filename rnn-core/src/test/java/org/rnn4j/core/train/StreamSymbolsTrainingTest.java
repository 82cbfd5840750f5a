package org.rnn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;

/**
 * Training on {@link StreamDataset}'s symbol-coded inputs follows the loss curve of training on
 * the same batches given as one-hot rows of values (what the dataset gave before), with
 * truncated BPTT cutting the batches into chunks.
 */
class StreamSymbolsTrainingTest {

    private static final int V = 7;

    /** The same batches with the inputs as one-hot rows of values: the product path. */
    private record OneHotRows(Dataset inner) implements Dataset {
        @Override
        public boolean carriesState() {
            return inner.carriesState();
        }

        @Override
        public int batchesPerEpoch() {
            return inner.batchesPerEpoch();
        }

        @Override
        public Iterator<Batch> epoch(RandomGenerator shuffle, int from) {
            Iterator<Batch> it = inner.epoch(shuffle, from);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Batch next() {
                    Batch b = it.next();
                    Sequence in = b.input();
                    assertNotNull(in.symbols(), "the stream dataset's inputs are symbol-coded");
                    return new Batch(Sequence.wrap(in.steps(), in.batch(), in.features(), in.data(), in.mask()),
                            b.target(), b.examples());
                }
            };
        }

        @Override
        public Split split(double fraction) {
            Split s = inner.split(fraction);
            return new Split(new OneHotRows(s.train()), new OneHotRows(s.validation()));
        }
    }

    private static List<EpochMetrics> train(Precision p, Dataset data) {
        Network net = Network.builder(RandomCase.REGISTRY).input(V).seed(11).precision(p)
                .recurrent("lstm", 8).recurrent("gru", 6, Map.of()).output(V).loss("softmax_cross_entropy").build();
        TrainingConfig cfg = TrainingConfig.defaults().epochs(4).validationFraction(0.2).clipNorm(5).truncation(3);
        return new Trainer(net, Toy.optimizer("adam", "0.01"), cfg).fit(data).history();
    }

    /**
     * The two runs differ only in the order the input weights' gradient sums its terms (a
     * rounding of relative size about u per step, {@code SymbolInputTest}), which training then
     * carries on; over these 4 epochs of 24 steps a float64 run stays within 1e-9 of the other
     * and a float32 run within 1e-4 (relative, validation loss per character), far below the
     * 0.15 or more the loss falls between epochs here, so a wrong lookup could not hide. (At
     * these sizes the product happens to sum in row order too: the curves were equal bit for
     * bit when this was written; the tolerance does not count on that.)
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void symbolsTrainAsOneHotRowsDo(Precision p) {
        StreamDataset data = StreamDataset.of(Toy.twoSuccessorText(1200, V, 5), V, 5, 7);
        List<EpochMetrics> symbols = train(p, data);
        List<EpochMetrics> rows = train(p, new OneHotRows(data));
        double tolerance = p == Precision.FLOAT64 ? 1e-9 : 1e-4;
        assertEquals(rows.size(), symbols.size());
        for (int e = 0; e < rows.size(); e++) {
            double a = rows.get(e).validationLoss();
            double b = symbols.get(e).validationLoss();
            assertEquals(a, b, tolerance * a, "validation loss after epoch " + e);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void truncationCutsSymbolsAsSymbols(Precision p) {
        Sequence x = Sequence.oneHot(3, 2, V, new int[] {0, 1, 2, 3, 4, 5}, new boolean[] {true, true, true, false,
                true, false});
        Sequence cut = TruncatedBptt.steps(x, 1, 3);
        assertArrayEquals(new int[] {2, 3, 4, 5}, cut.symbols());
        assertArrayEquals(new boolean[] {true, false, true, false}, cut.mask());
        assertNull(TruncatedBptt.steps(Sequence.wrap(1, 1, 1, new double[] {p.ordinal()}), 0, 1).symbols());
    }
}
