package org.rnn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.Parameter;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Network;
import org.rnn4j.core.Registry;

/**
 * The workloads' FLOP counts (docs/BENCHMARKS.md's formula worked by hand), their cells, and
 * that they train in both precisions.
 */
class WorkloadTest {

    @Test
    void flopsPerCharacterByTheFormula() {
        // W1: 2*3*(4+3) + 2*3*4 = 42 + 24 = 66
        assertEquals(66, Workload.of("W1").forwardFlopsPerChar());
        // W2: 2*100*(65+100) + 2*100*65 = 33,000 + 13,000 = 46,000
        assertEquals(46_000, Workload.of("W2").forwardFlopsPerChar());
        // W3: 2*256*(65+256) + 2*256*(256+256) + 2*256*65 = 164,352 + 262,144 + 33,280
        assertEquals(459_776, Workload.of("W3").forwardFlopsPerChar());
        // W4: 2*512*577 + 3 * 2*512*1024 + 2*512*65 = 590,848 + 3,145,728 + 66,560
        assertEquals(3_803_136, Workload.of("W4").forwardFlopsPerChar());
        assertEquals(3 * 459_776, Workload.of("W3").trainingFlopsPerChar());
        assertEquals(64 * 32, Workload.of("W3").charsPerStep());
    }

    @Test
    void gatedCellsCountTheirGateBlocks() {
        assertEquals(1, Workload.of("W3").gateBlocks());
        assertEquals(4, Workload.of("W5").gateBlocks());
        assertEquals(3, Workload.of("W6").gateBlocks());
        // W5, LSTM (G = 4): 2*4*256*(65+256) + 2*4*256*(256+256) + 2*256*65 = 657,408 + 1,048,576 + 33,280
        assertEquals(1_739_264, Workload.of("W5").forwardFlopsPerChar());
        assertEquals(3 * 1_739_264, Workload.of("W5").trainingFlopsPerChar());
        // W6, GRU (G = 3): 2*3*256*321 + 2*3*256*512 + 2*256*65 = 493,056 + 786,432 + 33,280
        assertEquals(1_312_768, Workload.of("W6").forwardFlopsPerChar());
        assertEquals(3 * 1_312_768, Workload.of("W6").trainingFlopsPerChar());
        // the same batches as W3
        assertEquals(Workload.of("W3").charsPerStep(), Workload.of("W5").charsPerStep());
        assertEquals(Workload.of("W3").charsPerStep(), Workload.of("W6").charsPerStep());
    }

    @Test
    void theFlopCountIsTheSizeOfTheWeightMatricesTheNetworkBuilds() {
        // 2 FLOPs per weight of W_ih, W_hh and the decoder: the count follows the network, gates included
        for (String id : new String[] {"W3", "W5", "W6"}) {
            Workload w = Workload.of(id);
            Network net = new WorkloadRun(w, Registry.installed()).network();
            long weights = 0;
            for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
                if (e.getKey().contains("weight")) {
                    weights += e.getValue().size();
                }
            }
            assertEquals(w.forwardFlopsPerChar(), 2.0 * weights, id + " " + net.namedParameters().keySet());
        }
    }

    @Test
    void variantsForTheScalingReport() {
        Workload w = Workload.of("W3").withSteps(128).withLayers(4);
        assertEquals(128, w.steps());
        assertEquals(4, w.layers());
        assertEquals(Workload.of("W3"), Workload.of("W3").withSteps(0).withLayers(0));
    }

    @Test
    void unknownWorkloadsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.of("W7"));
        assertTrue(e.getMessage().contains("W1, W2, W3, W4, W5, W6"), e.getMessage());
    }

    @Test
    void minCharRnnLearnsTheSyntheticText() {
        // W2 for 1500 steps (37,500 characters): the loss falls from about ln 65 = 4.17 toward
        // ln 8 = 2.08 nats.
        WorkloadRun run = new WorkloadRun(Workload.of("W2"), Registry.installed());
        double first = run.train();
        double last = 0;
        for (int i = 1; i < 1500; i++) {
            double loss = run.train();
            if (i >= 1400) {
                last += loss / 100;
            }
        }
        assertEquals(Math.log(65), first, 0.3);
        assertTrue(last < 3.2, "mean loss of steps 1400-1499: " + last);
    }

    @Test
    void theTutorialStepIsTheTutorials() {
        WorkloadRun run = new WorkloadRun(Workload.of("W1"), Registry.installed());
        Map<String, double[]> before = Map.of("w", run.network().namedParameters().get("output.weight").value().clone());
        double loss = run.train();
        assertTrue(loss > 0);
        assertTrue(run.network().namedParameters().get("output.weight").value()[0] != before.get("w")[0],
                "sgd moved the weights");
    }

    @Test
    void aFloat32RunBuildsAFloat32NetworkAndKeepsItsParametersFloat32() {
        for (String id : new String[] {"W1", "W2"}) {
            WorkloadRun run = new WorkloadRun(Workload.of(id), Precision.FLOAT32, Registry.installed());
            assertEquals(Precision.FLOAT32, run.precision());
            assertEquals(Precision.FLOAT32, run.network().precision());
            run.train();
            run.train();
            // the optimizer's update is float64 arithmetic; the step rounds it, as the trainer does
            for (Map.Entry<String, Parameter> e : run.network().namedParameters().entrySet()) {
                double[] v = e.getValue().value();
                for (int i = 0; i < v.length; i++) {
                    assertEquals(v[i], (double) (float) v[i], id + " " + e.getKey() + "[" + i + "]");
                }
            }
        }
        assertEquals(Precision.FLOAT64, new WorkloadRun(Workload.of("W2"), Registry.installed()).network().precision());
    }
}
