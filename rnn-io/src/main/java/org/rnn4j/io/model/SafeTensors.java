package org.rnn4j.io.model;

import java.util.Map;

/**
 * The safetensors container, F32 and F64 tensors: its constants and the shapes of what is read
 * and written. Knows nothing of networks. {@link HeaderReader} reads and checks the header
 * ({@link TensorEntries} one tensor's entry of it), {@link TensorReader} reads one tensor's
 * numbers (as doubles, F32 widened exactly), and {@link SafeTensorsWriter} writes a whole file.
 */
final class SafeTensors {

    /** The largest header read, as the safetensors reference implementation (100 MB). */
    static final long MAX_HEADER = 100_000_000L;
    /** The most dimensions a tensor may have. */
    static final int MAX_RANK = 16;
    /** IEEE 754 binary64, 8 bytes a value: a float64 network's tensors and optimizer state. */
    static final String F64 = "F64";
    /** IEEE 754 binary32, 4 bytes a value: a float32 network's tensors. */
    static final String F32 = "F32";
    /** The header key of the string map. */
    static final String METADATA = "__metadata__";
    /** The bytes of tensor data read or written at a time. */
    static final int CHUNK = 1 << 16;

    private SafeTensors() {
    }

    /**
     * One tensor as the header describes it.
     *
     * @param name its name
     * @param dtype {@code F32} or {@code F64} once read
     * @param shape its dimensions
     * @param begin first byte in the data section
     * @param end one past the last byte in the data section
     */
    record Entry(String name, String dtype, long[] shape, long begin, long end) {

        /** @return the number of elements */
        long elements() {
            return (end - begin) / width(dtype);
        }
    }

    /**
     * A checked header.
     *
     * @param dataStart where the data section starts in the file
     * @param entries the tensors in header order, by name
     * @param metadata the {@code __metadata__} map (empty when absent), in header order
     */
    record Header(long dataStart, Map<String, Entry> entries, Map<String, String> metadata) {

        /** @return the number of values (F32 and F64) in the file */
        long elements() {
            long n = 0;
            for (Entry e : entries.values()) {
                n += e.elements();
            }
            return n;
        }
    }

    /**
     * A tensor to write, from doubles or (an {@code F32} tensor of a float32 network) from floats.
     *
     * @param name its name
     * @param shape its dimensions
     * @param data its values, row-major, as many as the shape's product; null when {@code floats}
     *     holds them
     * @param dtype {@code F64}, or {@code F32} (each value then written as the nearest float:
     *     exactly for a float32 network's values)
     * @param floats an {@code F32} tensor's values as they are written, or null
     */
    record Tensor(String name, int[] shape, double[] data, String dtype, float[] floats) {

        /** Checks the dtype, and that the values are given once, floats only for {@code F32}. */
        Tensor {
            width(dtype);
            if ((data == null) == (floats == null) || floats != null && !dtype.equals(F32)) {
                throw new IllegalArgumentException("tensor '" + name + "' needs either double values or, as F32, "
                        + "float values");
            }
        }

        /**
         * A tensor of doubles.
         *
         * @param name its name
         * @param shape its dimensions
         * @param data its values, row-major
         * @param dtype {@code F64} or {@code F32}
         */
        Tensor(String name, int[] shape, double[] data, String dtype) {
            this(name, shape, data, dtype, null);
        }

        /**
         * An F32 tensor of floats, written as they are (no float64 copy).
         *
         * @param name its name
         * @param shape its dimensions
         * @param floats its values, row-major
         */
        Tensor(String name, int[] shape, float[] floats) {
            this(name, shape, null, F32, floats);
        }

        /** @return the number of values */
        int length() {
            return data != null ? data.length : floats.length;
        }

        /**
         * An F64 tensor.
         *
         * @param name its name
         * @param shape its dimensions
         * @param data its values, row-major
         */
        Tensor(String name, int[] shape, double[] data) {
            this(name, shape, data, F64);
        }
    }

    /**
     * @param dtype {@code F32} or {@code F64}
     * @return its bytes per value
     * @throws IllegalArgumentException for any other dtype
     */
    static int width(String dtype) {
        return switch (dtype) {
            case F32 -> Float.BYTES;
            case F64 -> Double.BYTES;
            default -> throw new IllegalArgumentException("rnn4j reads and writes F32 and F64 tensors, not " + dtype);
        };
    }
}
