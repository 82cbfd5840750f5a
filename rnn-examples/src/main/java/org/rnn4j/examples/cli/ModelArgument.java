package org.rnn4j.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.rnn4j.api.Precision;
import org.rnn4j.core.Registry;
import org.rnn4j.examples.limits.Heap;
import org.rnn4j.examples.limits.InputFile;
import org.rnn4j.examples.limits.RunMemory;
import org.rnn4j.io.model.ModelFile;
import org.rnn4j.io.model.SavedModel;

/**
 * A command's {@code --model FILE}, loaded the one way every command loads it: a regular file
 * (no pipe, device or directory), a heap that can hold what loading it costs, then the strict
 * loader; each failure one line.
 */
final class ModelArgument {

    private ModelArgument() {
    }

    /**
     * @param file the {@code --model} path
     * @param allowed what the option takes, for messages ("a model file")
     * @return the model
     * @throws IllegalArgumentException if it is not a regular file, does not fit the heap, or
     *     cannot be read or loaded
     */
    static SavedModel load(Path file, String allowed) {
        return load(file, allowed, null);
    }

    /**
     * @param file the {@code --model} path
     * @param allowed what the option takes, for messages ("a model file")
     * @param precision the network's precision ({@code sample --precision}), or null for the one
     *     the file records
     * @return the model
     * @throws IllegalArgumentException if it is not a regular file, does not fit the heap, or
     *     cannot be read or loaded
     */
    static SavedModel load(Path file, String allowed, Precision precision) {
        long bytes = InputFile.requireRegular("--model", file, "the model", allowed);
        requireHeap("loading the model " + file, "the model", file, bytes);
        try {
            return precision == null ? ModelFile.load(file, Registry.installed())
                    : ModelFile.load(file, Registry.installed(), precision);
        } catch (IOException e) {
            throw FileErrors.cannotRead("the model", file, e);
        }
    }

    /**
     * Refuses in one line a model or checkpoint file whose load the heap cannot hold: 24 bytes for
     * each value its header declares (F32 or F64; {@link RunMemory#loadingBytes(long, long)}).
     *
     * @param what the action, for the message ("loading the model runs/x.safetensors")
     * @param kind the file with its article, for a read error ("the model")
     * @param file the file
     * @param bytes its size
     * @throws IllegalArgumentException if the heap is too small, the header is not valid, or the
     *     file cannot be read
     */
    static void requireHeap(String what, String kind, Path file, long bytes) {
        long values;
        try {
            values = ModelFile.valueCount(file);
        } catch (IOException e) {
            throw FileErrors.cannotRead(kind, file, e);
        }
        Heap.require(what, RunMemory.loadingBytes(bytes, values), "");
    }

    /**
     * A model trained with {@code ./rnn4j train --data}, for the commands that read CSV files.
     *
     * @param file the {@code --model} path
     * @param command the command, for the message ("predict")
     * @return the model, whose {@link SavedModel#data()} describes its task and columns
     * @throws IllegalArgumentException as {@link #load}, or if the model has no data description
     */
    static SavedModel loadTrainedOnData(Path file, String command) {
        SavedModel m = load(file, "a model file written by ./rnn4j train --data");
        if (!m.data().containsKey("task")) {
            throw new IllegalArgumentException(file + " was not trained with ./rnn4j train --data (it has no data "
                    + "description); " + command + " reads CSV files for such models");
        }
        return m;
    }
}
