package org.rnn4j.io.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a whole safetensors file ({@link SafeTensors}): the header, then every tensor's data
 * back to back in the order given, little-endian, {@link SafeTensors#CHUNK} bytes at a time.
 */
final class SafeTensorsWriter {

    private SafeTensorsWriter() {
    }

    /**
     * Writes a whole file: header (metadata first, then the tensors in the given order, padded
     * with spaces to a multiple of 8 bytes) and data.
     *
     * @param out where to write; not closed
     * @param metadata the {@code __metadata__} strings
     * @param tensors the tensors, written in this order
     * @throws IOException on a write error
     */
    static void write(OutputStream out, Map<String, String> metadata, List<SafeTensors.Tensor> tensors)
            throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put(SafeTensors.METADATA, metadata);
        long offset = 0;
        for (SafeTensors.Tensor t : tensors) {
            long product = 1;
            for (int d : t.shape()) {
                product *= d;
            }
            if (product != t.length()) {
                throw new IllegalArgumentException("tensor " + Text.quote(t.name()) + " of shape "
                        + Arrays.toString(t.shape()) + " needs " + product + " values, got " + t.length());
            }
            long bytes = (long) t.length() * SafeTensors.width(t.dtype());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("dtype", t.dtype());
            List<Integer> shape = new ArrayList<>();
            for (int d : t.shape()) {
                shape.add(d);
            }
            e.put("shape", shape);
            e.put("data_offsets", List.of(offset, offset + bytes));
            if (header.put(t.name(), e) != null) {
                throw new IllegalArgumentException("two tensors are named " + Text.quote(t.name()));
            }
            offset += bytes;
        }
        byte[] json = Json.bytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        out.write(head.array());
        ByteBuffer buf = ByteBuffer.allocate(SafeTensors.CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (SafeTensors.Tensor t : tensors) {
            double[] d = t.data();
            float[] f = t.floats();
            boolean f32 = t.dtype().equals(SafeTensors.F32);
            int width = SafeTensors.width(t.dtype());
            for (int i = 0; i < t.length(); i += SafeTensors.CHUNK / width) {
                int count = Math.min(SafeTensors.CHUNK / width, t.length() - i);
                buf.clear();
                if (f != null) {
                    buf.asFloatBuffer().put(f, i, count);
                } else if (f32) {
                    for (int k = 0; k < count; k++) {
                        buf.putFloat(k * Float.BYTES, (float) d[i + k]);
                    }
                } else {
                    buf.asDoubleBuffer().put(d, i, count);
                }
                out.write(buf.array(), 0, count * width);
            }
        }
    }
}
