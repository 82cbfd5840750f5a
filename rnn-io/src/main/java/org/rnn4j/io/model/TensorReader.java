package org.rnn4j.io.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads one tensor's numbers from a safetensors file whose header {@link HeaderReader} has
 * checked: F64 as they are, F32 widened to double (exactly), {@link SafeTensors#CHUNK} bytes at a
 * time; all of them must be finite.
 */
final class TensorReader {

    private TensorReader() {
    }

    /**
     * Reads a tensor's values, all of which must be finite: F64 as they are, F32 widened to
     * double (exactly).
     *
     * @param src the file
     * @param header its header
     * @param entry the tensor
     * @param where the file's name for messages
     * @return the values, {@code entry.elements()} of them
     * @throws InvalidModelFileException naming the tensor and index of a NaN or infinity
     * @throws IOException on a read error
     */
    static double[] read(Source src, SafeTensors.Header header, SafeTensors.Entry entry, String where)
            throws IOException {
        double[] out = new double[Math.toIntExact(entry.elements())];
        boolean f32 = entry.dtype().equals(SafeTensors.F32);
        int width = SafeTensors.width(entry.dtype());
        ByteBuffer buf = ByteBuffer.allocate(SafeTensors.CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        long pos = header.dataStart() + entry.begin();
        int i = 0;
        while (i < out.length) {
            int count = Math.min(SafeTensors.CHUNK / width, out.length - i);
            buf.clear().limit(count * width);
            src.read(pos, buf);
            buf.flip();
            if (f32) {
                for (int k = 0; k < count; k++) {
                    out[i + k] = buf.getFloat(k * Float.BYTES);
                }
            } else {
                buf.asDoubleBuffer().get(out, i, count);
            }
            pos += (long) count * width;
            i += count;
        }
        for (int k = 0; k < out.length; k++) {
            if (!Double.isFinite(out[k])) {
                throw new InvalidModelFileException(where, "tensor " + Text.quote(entry.name()) + " holds " + out[k]
                        + " at index " + k + "; only finite values are allowed");
            }
        }
        return out;
    }
}
