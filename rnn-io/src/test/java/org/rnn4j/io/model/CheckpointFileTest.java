package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.api.Sequence;
import org.rnn4j.core.Network;

/**
 * Checkpoints: N training steps straight equal k steps, a checkpoint written to disk and read
 * back, and N - k more steps, bit for bit; and bad checkpoints are rejected.
 */
class CheckpointFileTest {

    private static final Map<String, String> ADAM = Map.of("lr", "0.05", "amsgrad", "true", "weight_decay", "0.01");

    @TempDir
    Path dir;

    /** A toy training run whose only randomness is a 64-bit generator state kept in the position. */
    private static final class Run {
        final Network net;
        final Optimizer optimizer;
        long rng;
        int step;

        Run(Network net, Optimizer optimizer, long rng, int step) {
            this.net = net;
            this.optimizer = optimizer;
            this.rng = rng;
            this.step = step;
        }

        static Run fresh() {
            return fresh(Nets.uniform(5));
        }

        static Run fresh(Network net) {
            return new Run(net, Nets.REGISTRY.optimizer("adam").create(new Options("optimizer 'adam'", ADAM)),
                    0x9E3779B97F4A7C15L, 0);
        }

        void steps(int n) {
            for (int i = 0; i < n; i++) {
                rng = rng * 6364136223846793005L + 1442695040888963407L;
                Sequence x = Nets.oneHot(rng, 6, 3, 5);
                Sequence target = Nets.oneHot(rng ^ 0x5DEECE66DL, 6, 3, 5);
                net.gradients(x, target, null);
                optimizer.step(net.parameters());
                net.roundParameters(); // as the Trainer does: a float32 network holds float32 values
                step++;
            }
        }

        Checkpoint checkpoint() {
            Map<String, String> position = new LinkedHashMap<>();
            position.put("step", Integer.toString(step));
            position.put("rng", Long.toString(rng));
            return new Checkpoint(new SavedModel(net, Nets.VOCABULARY), optimizer, ADAM, position);
        }

        static Run resume(Checkpoint c) {
            return new Run(c.model().network(), c.optimizer(), Long.parseLong(c.position().get("rng")),
                    Integer.parseInt(c.position().get("step")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"elman", "lstm and gru with dropout", "float32 elman", "float32 lstm and gru with dropout"})
    void resumingFromACheckpointContinuesBitForBit(String which) throws Exception {
        Precision p = which.startsWith("float32") ? Precision.FLOAT32 : Precision.FLOAT64;
        Supplier<Network> net = which.endsWith("elman") ? () -> Nets.uniform(5).to(p) : () -> Nets.gated(5).to(p);
        Run straight = Run.fresh(net.get());
        straight.steps(9);
        for (int k : new int[] {0, 1, 4, 8}) {
            Run first = Run.fresh(net.get());
            first.steps(k);
            Path file = dir.resolve("ckpt-" + k + ".safetensors");
            CheckpointFile.save(file, first.checkpoint());
            Run resumed = Run.resume(CheckpointFile.load(file, Nets.REGISTRY));
            assertEquals(p, resumed.net.precision(), "a checkpoint resumes in the precision it was written in");
            resumed.steps(9 - k);
            assertEquals(straight.step, resumed.step);
            List<Parameter> a = straight.net.parameters();
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(bits(a.get(i).value()), bits(resumed.net.parameters().get(i).value()),
                        "resumed after " + k + ": " + a.get(i).name());
            }
        }
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void aFloat32CheckpointHoldsF32ParametersAndF64OptimizerState() {
        Run run = Run.fresh(Nets.gated(5).to(Precision.FLOAT32));
        run.steps(2);
        RawFile f = RawFile.parse(CheckpointFile.toBytes(run.checkpoint()));
        assertEquals("float32", f.metadata().get("precision"));
        int parameters = 0;
        int state = 0;
        for (String name : f.header.keySet()) {
            if (name.equals("__metadata__")) {
                continue;
            }
            boolean optimizer = name.startsWith("optimizer.");
            assertEquals(optimizer ? "F64" : "F32", f.tensor(name).get("dtype"), name);
            if (optimizer) {
                state++;
            } else {
                parameters++;
            }
        }
        assertTrue(parameters > 0 && state > 0, parameters + " parameter and " + state + " state tensors");
        Map<String, double[]> want = run.optimizer.state();
        Map<String, double[]> got = CheckpointFile.fromBytes(CheckpointFile.toBytes(run.checkpoint()), Nets.REGISTRY)
                .optimizer().state();
        assertTrue(want.values().stream().flatMapToDouble(Arrays::stream).anyMatch(x -> x != (float) x),
                "the test would prove nothing if the optimizer state were all float32 numbers");
        want.forEach((k, v) -> assertArrayEquals(bits(v), bits(got.get(k)), "float64 optimizer state " + k));
    }

    @Test
    void withoutTheOptimizerStateTheRunWouldDiffer() {
        Run straight = Run.fresh();
        straight.steps(6);
        Run first = Run.fresh();
        first.steps(3);
        Checkpoint c = CheckpointFile.fromBytes(CheckpointFile.toBytes(first.checkpoint()), Nets.REGISTRY);
        Run forgetful = new Run(c.model().network(), Nets.REGISTRY.optimizer("adam").create(
                new Options("optimizer 'adam'", ADAM)), Long.parseLong(c.position().get("rng")), 3);
        forgetful.steps(3);
        assertNotEquals(straight.net.parameters().get(0).value()[0], forgetful.net.parameters().get(0).value()[0],
                "the resume test would prove nothing if the optimizer state did not matter");
    }

    @Test
    void withoutTheDropoutDrawsTheRunWouldDiffer() {
        Run straight = Run.fresh(Nets.gated(5));
        straight.steps(6);
        Run first = Run.fresh(Nets.gated(5));
        first.steps(3);
        Run resumed = Run.resume(CheckpointFile.fromBytes(CheckpointFile.toBytes(first.checkpoint()), Nets.REGISTRY));
        resumed.net.restoreDropoutDraws(new long[resumed.net.dropoutDraws().length]);
        resumed.steps(3);
        assertNotEquals(straight.net.parameters().get(0).value()[0], resumed.net.parameters().get(0).value()[0],
                "the dropout test would prove nothing if the masks did not matter");
    }

    @Test
    void everythingComesBack() {
        Run run = Run.fresh();
        run.steps(2);
        Checkpoint back = CheckpointFile.fromBytes(CheckpointFile.toBytes(run.checkpoint()), Nets.REGISTRY);
        assertEquals(Nets.VOCABULARY, back.model().vocabulary());
        assertEquals(ADAM, back.optimizerSettings());
        assertEquals(Map.of("step", "2", "rng", Long.toString(run.rng)), back.position());
        assertEquals("adam", back.optimizer().name());
        Map<String, double[]> want = run.optimizer.state();
        Map<String, double[]> got = back.optimizer().state();
        assertEquals(want.keySet(), got.keySet());
        want.forEach((k, v) -> assertArrayEquals(v, got.get(k), 0.0, k));
        ModelFileTest.assertSameNetwork(run.net, back.model().network());
    }

    @Test
    void theOptimizerStateIsStoredUnderItsNames() {
        Run run = Run.fresh();
        run.steps(1);
        RawFile f = RawFile.parse(CheckpointFile.toBytes(run.checkpoint()));
        assertEquals("rnn4j-checkpoint", f.metadata().get("format"));
        assertEquals("adam", f.metadata().get("optimizer"));
        assertEquals(List.of(15), f.tensor("optimizer.0.exp_avg").get("shape"));
        assertEquals(1.0, f.value("optimizer.step", 0), 0.0);
        assertEquals(0.05, f.value("optimizer.lr", 0), 0.0);
        assertEquals("{\"rng\":\"" + run.rng + "\",\"step\":\"1\"}", f.metadata().get("position"),
                "position entries sorted by name, so the same checkpoint always gives the same bytes");
    }

    @Test
    void aModelFileLoadsTheModelPartOfACheckpoint() {
        Run run = Run.fresh();
        run.steps(1);
        SavedModel m = ModelFile.fromBytes(CheckpointFile.toBytes(run.checkpoint()), Nets.REGISTRY);
        ModelFileTest.assertSameNetwork(run.net, m.network());
    }

    @Test
    void badCheckpointsAreRejected() {
        Run run = Run.fresh();
        run.steps(2);
        byte[] good = CheckpointFile.toBytes(run.checkpoint());
        assertRejected(ModelFile.toBytes(SavedModel.of(run.net)), r -> { },
                "is a model file (format rnn4j-model), not a checkpoint");
        assertRejected(good, r -> r.metadata().put("optimizer", "adamax"),
                "no optimizer named 'adamax' is installed; installed optimizers: adagrad, adam");
        assertRejected(good, r -> r.metadata().put("optimizer_settings", "{\"lr\":\"-1\"}"),
                "optimizer 'adam': lr must be in [0, inf), got -1");
        assertRejected(good, r -> r.metadata().put("position", "[1]"),
                "metadata 'position' must be a JSON object of strings");
        assertRejected(good, r -> r.metadata().remove("optimizer"), "metadata has no 'optimizer'");
        assertRejected(good, r -> r.header.put("optimizer.0.exp_avgx", r.header.remove("optimizer.0.exp_avg")),
                "the optimizer state does not fit: optimizer 'adam': state has no entry '0.exp_avg'");
        assertRejected(good, r -> r.setValue("optimizer.3.exp_avg_sq", 1, Double.POSITIVE_INFINITY),
                "tensor 'optimizer.3.exp_avg_sq' holds Infinity at index 1");
        assertRejected(good, r -> r.setValue("optimizer.sizes", 0, 16),
                "the optimizer state is for 8 parameters of sizes [16, 9, 3, 9, 9, 3, 15, 5], but the network has 8 "
                        + "of sizes [15, 9, 3, 9, 9, 3, 15, 5]");
        assertRejected(good, r -> r.metadata().put("dropout_draws", "[\"1\"]"),
                "metadata 'dropout_draws' does not fit: the network has 0 dropout generator(s), got 1 draw count(s)");
        assertRejected(good, r -> r.metadata().put("dropout_draws", "[1]"),
                "metadata 'dropout_draws' entry 0 must be a whole number as a string");
        assertRejected(good, r -> r.tensor("optimizer.0.exp_avg").put("shape", List.of(3, 5)),
                "optimizer state tensor 'optimizer.0.exp_avg' has shape [3, 5]; optimizer state is one-dimensional");
    }

    @Test
    void aCheckpointWrittenWithDrawCountsLoadsTheCountAsTheDropoutStep() {
        // before masks were keyed by step, dropout_draws held each generator's draw count
        Run run = Run.fresh(Nets.gated(5));
        run.steps(2);
        RawFile old = RawFile.parse(CheckpointFile.toBytes(run.checkpoint()));
        assertEquals("[\"2\"]", old.metadata().get("dropout_draws"), "two forwards, step 2 next");
        old.metadata().put("dropout_draws", "[\"7\"]");
        Checkpoint c = CheckpointFile.fromBytes(old.bytes(), Nets.REGISTRY);
        assertEquals(7, c.model().network().dropoutStep());
    }

    private static void assertRejected(byte[] good, Consumer<RawFile> damage, String expected) {
        RawFile r = RawFile.parse(good);
        damage.accept(r);
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                () -> CheckpointFile.fromBytes(r.bytes(), Nets.REGISTRY));
        BrokenFilesTest.assertOneLine(e.getMessage(), "<bytes>: ", expected);
    }
}
