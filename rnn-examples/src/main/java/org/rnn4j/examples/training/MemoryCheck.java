package org.rnn4j.examples.training;

import java.util.Locale;
import java.util.Map;
import org.rnn4j.api.Options;
import org.rnn4j.core.Architecture;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.limits.Heap;
import org.rnn4j.examples.limits.RunMemory;

/**
 * Before {@code ./rnn4j train} builds its network (a Reber, text or {@code --data} run): will the
 * run fit the heap? The estimate
 * ({@link RunMemory}) counts the network, its gradients and optimizer state, the buffers of
 * backpropagation through time for the largest batch (at the widths of the run's precision), the
 * batches' arrays (inputs and targets, for training and validation: 4 T B V doubles of one-hot
 * rows, or for a text, whose inputs are symbols, 2 T B ints and 2 T B V doubles) and the data
 * held for the run.
 */
final class MemoryCheck {

    private MemoryCheck() {
    }

    /**
     * @param registry the plug-ins (for the optimizer's state)
     * @param s the run's settings
     * @param task its data
     * @param network the checkpoint's architecture when resuming, else null (built from the settings)
     * @throws IllegalArgumentException if the run would not fit, with the figures
     */
    static void require(Registry registry, TrainSettings s, Task task, Architecture network) {
        RunMemory m = estimate(registry, s, task, network);
        Task.Footprint f = task.footprint();
        Heap.require(String.format(Locale.ROOT, "%s %d x %d on %,d characters, %s%sB %d (%,d parameters)", s.cell(),
                s.layers(), s.hidden(), task.vocabulary().size(), s.isReber() ? "" : "T " + s.seq() + ", ",
                s.isReber() ? "strings of " + f.steps() + ", " : "", f.batch(), (long) m.parameters()), m);
    }

    /**
     * @param registry the plug-ins (for the optimizer's state)
     * @param s the run's settings
     * @param task its data
     * @param network the checkpoint's architecture when resuming, else null (built from the settings)
     * @return the estimate of the run's memory
     */
    static RunMemory estimate(Registry registry, TrainSettings s, Task task, Architecture network) {
        int v = task.vocabulary().size();
        Architecture a = network != null ? network : CharNetwork.architecture(s, v);
        Task.Footprint f = task.footprint();
        int slots = RunMemory.optimizerSlots(registry.optimizer(s.optimizer())
                .create(new Options("optimizer '" + s.optimizer() + "'", s.optimizerOptions())));
        RunMemory m = RunMemory.training(a, s.precision(), f.steps(), f.batch(), slots,
                Runtime.getRuntime().availableProcessors(), s.every() > 0);
        double rows = (double) f.steps() * f.batch();
        if (f.symbolInputs()) {
            m.plus("one-hot batches", 2, rows, Integer.BYTES).plus("one-hot batches", 2, rows * v);
        } else {
            m.plus("one-hot batches", 4, rows * v);
        }
        return m.plus("the data", f.heldArrays(), f.heldLength());
    }

    /**
     * A {@code --data} run: the network, its gradients and Adam's state, the buffers of BPTT over
     * batches of the longest sequence (or window); the data, read before, are not counted again.
     *
     * @param registry the plug-ins (for Adam's state)
     * @param s the run's settings
     * @param data the data read
     * @param network the network's architecture (the checkpoint's when resuming)
     * @throws IllegalArgumentException if the run would not fit, with the figures
     */
    static void require(Registry registry, DataSettings s, TaskData data, Architecture network) {
        int slots = RunMemory.optimizerSlots(registry.optimizer("adam")
                .create(new Options("optimizer 'adam'", Map.of("lr", s.lr()))));
        RunMemory m = RunMemory.training(network, s.precision(), data.longest(), s.batch(), slots,
                Runtime.getRuntime().availableProcessors(), false);
        Heap.require(String.format(Locale.ROOT, "%s %d x %d%s on %d features, B %d, sequences of up to %d steps "
                + "(%,d parameters)", s.cell(), s.layers(), s.hidden(), s.dense().describe(), data.inputs(), s.batch(),
                data.longest(), (long) m.parameters()), m);
    }
}
