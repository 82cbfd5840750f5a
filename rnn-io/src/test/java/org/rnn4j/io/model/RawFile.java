package org.rnn4j.io.model;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file taken apart for surgery in tests: the header as mutable JSON maps, the data
 * as bytes. Built independently of the code under test (its own little-endian layout).
 */
final class RawFile {

    final Map<String, Object> header;
    byte[] data;

    private RawFile(Map<String, Object> header, byte[] data) {
        this.header = header;
        this.data = data;
    }

    static RawFile parse(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) b.getLong(0);
        String json = new String(file, 8, n, StandardCharsets.UTF_8);
        try {
            return new RawFile(JSON.std.mapFrom(json), Arrays.copyOfRange(file, 8 + n, file.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> tensor(String name) {
        return (Map<String, Object>) header.get(name);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> metadata() {
        return (Map<String, Object>) header.get("__metadata__");
    }

    /** The tensor's data offsets as longs. */
    long[] offsets(String name) {
        List<?> o = (List<?>) tensor(name).get("data_offsets");
        return new long[] {((Number) o.get(0)).longValue(), ((Number) o.get(1)).longValue()};
    }

    /** Overwrites element {@code index} of a tensor with {@code value}, little-endian. */
    RawFile setValue(String name, int index, double value) {
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putDouble((int) offsets(name)[0] + 8 * index, value);
        return this;
    }

    /** Overwrites element {@code index} of an F32 tensor with {@code value}, little-endian. */
    RawFile setFloat(String name, int index, float value) {
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putFloat((int) offsets(name)[0] + 4 * index, value);
        return this;
    }

    /** Reads element {@code index} of an F32 tensor. */
    float floatValue(String name, int index) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getFloat((int) offsets(name)[0] + 4 * index);
    }

    /** Reads element {@code index} of a tensor. */
    double value(String name, int index) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getDouble((int) offsets(name)[0] + 8 * index);
    }

    byte[] bytes() {
        try {
            return withHeader(JSON.std.asString(header));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file with this data and the given header text (no padding). */
    byte[] withHeader(String json) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return concat(length(h.length), h, data);
    }

    static byte[] length(long n) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
