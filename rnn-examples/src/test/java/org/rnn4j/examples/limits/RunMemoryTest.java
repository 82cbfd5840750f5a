package org.rnn4j.examples.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.Optimizer;
import org.rnn4j.api.Options;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.LayerConfig;
import org.rnn4j.core.Network;
import org.rnn4j.core.Reduction;
import org.rnn4j.core.Registry;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/** The pieces of the estimate: the optimizer's slots, the parameters, the collector's rounding. */
class RunMemoryTest {

    private static final Registry REGISTRY = Registry.installed();

    @TempDir
    Path dir;

    @Test
    void theLoadingBoundCountsTheValuesOfF32AndF64FilesAlike() throws Exception {
        Network net = Network.builder(REGISTRY).input(7).recurrent("lstm", 20).output(7).build();
        long parameters = net.parameters().stream().mapToLong(Parameter::size).sum();
        Path f64 = dir.resolve("f64.safetensors");
        Path f32 = dir.resolve("f32.safetensors");
        ModelFile.save(f64, SavedModel.of(net));
        ModelFile.save(f32, SavedModel.of(net.to(Precision.FLOAT32)));
        for (Path f : List.of(f64, f32)) {
            long values = ModelFile.valueCount(f);
            assertEquals(parameters, values, "an lstm stores its parameters as they are: " + f);
            long need = RunMemory.loadingBytes(Files.size(f), values);
            assertEquals(24 * values, need, "a value read, copied into its parameter, and its gradient: " + f);
            assertTrue(need <= RunMemory.loadingBytes(Files.size(f)), "the bound from the size alone holds: " + f);
        }
        assertTrue(RunMemory.loadingBytes(Files.size(f32), parameters) > 3 * Files.size(f32),
                "an F32 file takes more than 3 times its size to load, the bound of F64 files");
    }

    @Test
    void theOptimizerSaysHowManyArraysItKeepsPerParameter() {
        assertEquals(0, slots("sgd", Map.of("lr", "0.1")));
        assertEquals(1, slots("sgd", Map.of("lr", "0.1", "momentum", "0.9")));
        assertEquals(1, slots("adagrad", Map.of()));
        assertEquals(2, slots("adam", Map.of()));
        assertEquals(3, slots("adam", Map.of("amsgrad", "true")));
        assertEquals(3, slots("rmsprop", Map.of("centered", "true", "momentum", "0.5")));
        Optimizer mute = new Optimizer() {
            @Override
            public String name() {
                return "mute";
            }

            @Override
            public void step(List<Parameter> parameters) {
            }

            @Override
            public void reset() {
            }

            @Override
            public double learningRate() {
                return 0;
            }

            @Override
            public void setLearningRate(double lr) {
            }
        };
        assertEquals(RunMemory.MAX_SLOTS, RunMemory.optimizerSlots(mute), "one that cannot tell is counted at most");
    }

    @Test
    void theParametersCountedAreAtLeastThoseANetworkHas() {
        for (String cell : List.of("elman", "gru", "lstm")) {
            Architecture a = new Architecture(11, List.of(new LayerConfig(cell, 7, Map.of()),
                    new LayerConfig(cell, 5, Map.of("bidirectional", "true"))), new LayerConfig("dense", 11, Map.of()),
                    "softmax_cross_entropy", Reduction.MEAN, 0.0, 1);
            long actual = a.builder(REGISTRY).build().parameters().stream().mapToLong(Parameter::size).sum();
            double counted = RunMemory.training(a, Precision.FLOAT64, 3, 2, 2, 1, false).parameters();
            assertTrue(counted >= actual, cell + ": " + counted + " < " + actual);
            if (!cell.equals("elman")) { // elman has one bias where the count allows two
                assertEquals(actual, counted, cell);
            }
        }
        for (String head : new String[] {null, "last_step"}) { // hidden dense layers, after a head or on every step
            Architecture a = new Architecture(5, null, List.of(new LayerConfig("gru", 6, Map.of())), head,
                    List.of(new LayerConfig("dense", 9, Map.of("activation", "relu")), new LayerConfig("dense", 4,
                            Map.of("activation", "tanh"))), new LayerConfig("dense", 2, Map.of()), "mse", Map.of(),
                    Reduction.MEAN, 0.0, 1);
            long actual = a.builder(REGISTRY).build().parameters().stream().mapToLong(Parameter::size).sum();
            assertEquals(actual, RunMemory.training(a, Precision.FLOAT64, 3, 2, 2, 1, false).parameters(), "head " + head);
        }
        Network net = Network.builder(REGISTRY).input(3).recurrent("elman", 4).output(3).build();
        assertEquals(net.parameters().stream().mapToLong(Parameter::size).sum() + 4,
                (long) RunMemory.inference(net.architecture(), Precision.FLOAT64, 1, 1).parameters());
    }

    @Test
    void g1sLargeArraysTakeWholeRegions() {
        assertEquals(1L << 20, Heap.g1Region(256L << 20));
        assertEquals(4L << 20, Heap.g1Region(8L << 30));
        assertEquals(32L << 20, Heap.g1Region(1L << 40));
        assertEquals(16 + 800, Heap.arrayBytes(800, 1L << 20), 0);
        assertEquals(1L << 20, Heap.arrayBytes(600_000, 1L << 20), 0, "half a region or more: a whole one");
        assertEquals(3L << 20, Heap.arrayBytes(2.5 * (1 << 20), 1L << 20), 0);
        assertEquals(16 + 600_000, Heap.arrayBytes(600_000, 0), 0, "another collector: the bytes");
    }

    private static int slots(String name, Map<String, String> options) {
        return RunMemory.optimizerSlots(REGISTRY.optimizer(name).create(new Options(name, options)));
    }
}
