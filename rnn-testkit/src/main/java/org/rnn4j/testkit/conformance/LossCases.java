package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rnn4j.api.Loss;
import org.rnn4j.testkit.conformance.LossChecks.Batch;
import org.rnn4j.testkit.conformance.LossChecks.Row;
import org.rnn4j.testkit.property.Gen;

/** What the loss checks draw: single rows of outputs and targets, and whole batches. */
final class LossCases {

    private LossCases() {
    }

    /**
     * The batches of {@link LossChecks#batchSumsRealRows}: T, B and n drawn up to the kit's
     * bounds, padded or not, and a seed for the numbers; shrinking makes one of T, B, n smaller.
     *
     * @return the generator
     */
    static Gen<Batch> batches() {
        return new Gen<>() {
            @Override
            public Batch generate(SplittableRandom r) {
                return new Batch(1 + r.nextInt(Choices.MAX_STEPS), 1 + r.nextInt(Choices.MAX_BATCH),
                        1 + r.nextInt(Choices.MAX_SIZE), r.nextBoolean(), r.nextLong());
            }

            @Override
            public List<Batch> shrink(Batch c) {
                List<Batch> out = new ArrayList<>();
                Choices.smaller(c.steps(), 1).forEach(t -> out.add(new Batch(t, c.batch(), c.features(), c.masked(),
                        c.valueSeed())));
                Choices.smaller(c.batch(), 1).forEach(b -> out.add(new Batch(c.steps(), b, c.features(), c.masked(),
                        c.valueSeed())));
                Choices.smaller(c.features(), 1).forEach(n -> out.add(new Batch(c.steps(), c.batch(), n, c.masked(),
                        c.valueSeed())));
                return out;
            }
        };
    }

    /**
     * The rows of {@link LossChecks#gradient} and {@link LossChecks#perfectPrediction}: n outputs
     * in [-3, 3], a valid target row, offsets 0 to 3, and random accepted settings; shrinking
     * narrows the row, drops the settings, the offsets, then rounds the outputs.
     *
     * @param loss the loss
     * @return the generator
     */
    static Gen<Row> rows(Loss loss) {
        Loss.Target kind = loss.target();
        List<String> accepted = LossSettings.accepted(loss);
        return new Gen<>() {
            @Override
            public Row generate(SplittableRandom r) {
                int n = 1 + r.nextInt(Choices.MAX_SIZE);
                double[] y = Values.uniform(r, n, 3);
                double[] d = Values.targetRow(r, kind, n);
                return new Row(y, d, r.nextInt(4), r.nextInt(4), r.nextInt(4), LossSettings.draw(r, accepted, n));
            }

            @Override
            public List<Row> shrink(Row c) {
                List<Row> out = new ArrayList<>();
                int n = c.y().length;
                for (int m : Choices.smaller(n, 1)) {
                    out.add(new Row(Arrays.copyOf(c.y(), m), narrower(kind, c.d(), m), c.yOffset(), c.dOffset(),
                            c.gOffset(), LossSettings.fit(c.settings(), m)));
                }
                if (!c.settings().isEmpty()) {
                    out.add(new Row(c.y(), c.d(), c.yOffset(), c.dOffset(), c.gOffset()));
                }
                if (c.yOffset() + c.dOffset() + c.gOffset() > 0) {
                    out.add(new Row(c.y(), c.d(), 0, 0, 0, c.settings()));
                }
                double[] round = Arrays.stream(c.y()).map(v -> Math.rint(v * 10) / 10).toArray();
                if (!Arrays.equals(round, c.y())) {
                    out.add(new Row(round, c.d(), c.yOffset(), c.dOffset(), c.gOffset(), c.settings()));
                }
                return out;
            }
        };
    }

    /** A valid target row for the first {@code m} outputs, made from one for more. */
    private static double[] narrower(Loss.Target kind, double[] d, int m) {
        switch (kind) {
            case CLASS_INDEX -> {
                return new double[] {Math.min(d[0], m - 1)};
            }
            case DISTRIBUTION -> {
                double[] e = Arrays.copyOf(d, m);
                double s = Arrays.stream(e).sum();
                return Arrays.stream(e).map(v -> v / s).toArray();
            }
            default -> {
                return Arrays.copyOf(d, m);
            }
        }
    }
}
