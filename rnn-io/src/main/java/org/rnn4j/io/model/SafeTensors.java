package org.rnn4j.io.model;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The safetensors container, F32 and F64 tensors: reading and checking the header, reading one
 * tensor's numbers (as doubles, F32 widened exactly), and writing a whole file. Knows nothing of
 * networks.
 *
 * <p>What the reader checks, in this order, before it allocates anything sized by the file:
 * at least 8 bytes; the header length within the file and under {@link #MAX_HEADER}; the header
 * valid UTF-8 and one JSON object (no duplicate keys, nothing after it but the spaces of the
 * padding); {@code __metadata__} a map of strings; every other entry exactly {@code dtype},
 * {@code shape} and {@code data_offsets}; dtype {@code F32} or {@code F64}; the offsets inside the
 * data section and the byte count equal to the shape's product times the dtype's width (4 or 8
 * bytes); the tensors' data back to back from
 * byte 0 to the end of the file, without overlap or gap (as the safetensors reference
 * implementation requires).
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

    private static final Set<String> DTYPES = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16",
            "F16", "BF16", "I32", "U32", F32, F64, "I64", "U64");
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");
    private static final int CHUNK = 1 << 16;

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
     * A tensor to write.
     *
     * @param name its name
     * @param shape its dimensions
     * @param data its values, row-major, as many as the shape's product
     * @param dtype {@code F64}, or {@code F32} (each value then written as the nearest float:
     *     exactly for a float32 network's values)
     */
    record Tensor(String name, int[] shape, double[] data, String dtype) {

        /** Checks the dtype. */
        Tensor {
            width(dtype);
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

    /**
     * Reads and checks the header.
     *
     * @param src the file
     * @param where the file's name for messages
     * @return the header
     * @throws InvalidModelFileException on anything the format does not allow
     * @throws IOException on a read error
     */
    static Header readHeader(Source src, String where) throws IOException {
        long size = src.size();
        if (size < 8) {
            throw new InvalidModelFileException(where, "the file is " + size
                    + " bytes long; a safetensors file starts with an 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        src.read(0, lengthBytes);
        long n = lengthBytes.getLong(0);
        if (n < 0 || n > size - 8) {
            throw new InvalidModelFileException(where, "the header length " + Long.toUnsignedString(n)
                    + " goes beyond the end of the file (" + (size - 8) + " bytes follow the length); is the file truncated?");
        }
        if (n > MAX_HEADER) {
            throw new InvalidModelFileException(where, "the header length " + n + " is over the limit of "
                    + MAX_HEADER + " bytes");
        }
        if (n < 2) {
            throw new InvalidModelFileException(where, "the header is " + n + " bytes long; it must hold a JSON object");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
        src.read(8, headerBytes);
        headerBytes.flip();
        Map<String, Object> json = parseObject(decodeUtf8(headerBytes, where), where);
        long dataLength = size - 8 - n;
        Map<String, String> metadata = Map.of();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                metadata = metadata(e.getValue(), where);
            } else {
                entries.put(e.getKey(), entry(e.getKey(), e.getValue(), dataLength, where));
            }
        }
        requireContiguous(entries, dataLength, where);
        return new Header(8 + n, Collections.unmodifiableMap(entries), metadata);
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
    static double[] read(Source src, Header header, Entry entry, String where) throws IOException {
        double[] out = new double[Math.toIntExact(entry.elements())];
        boolean f32 = entry.dtype().equals(F32);
        int width = width(entry.dtype());
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        long pos = header.dataStart() + entry.begin();
        int i = 0;
        while (i < out.length) {
            int count = Math.min(CHUNK / width, out.length - i);
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

    /**
     * Writes a whole file: header (metadata first, then the tensors in the given order, padded
     * with spaces to a multiple of 8 bytes) and data.
     *
     * @param out where to write; not closed
     * @param metadata the {@code __metadata__} strings
     * @param tensors the tensors, written in this order
     * @throws IOException on a write error
     */
    static void write(OutputStream out, Map<String, String> metadata, List<Tensor> tensors) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put(METADATA, metadata);
        long offset = 0;
        for (Tensor t : tensors) {
            long product = 1;
            for (int d : t.shape()) {
                product *= d;
            }
            if (product != t.data().length) {
                throw new IllegalArgumentException("tensor " + Text.quote(t.name()) + " of shape "
                        + Arrays.toString(t.shape()) + " needs " + product + " values, got " + t.data().length);
            }
            long bytes = (long) t.data().length * width(t.dtype());
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
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors) {
            double[] d = t.data();
            boolean f32 = t.dtype().equals(F32);
            int width = width(t.dtype());
            for (int i = 0; i < d.length; i += CHUNK / width) {
                int count = Math.min(CHUNK / width, d.length - i);
                buf.clear();
                if (f32) {
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

    private static String decodeUtf8(ByteBuffer bytes, String where) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidModelFileException(where, "the header is not valid UTF-8", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseObject(String text, String where) {
        if (text.charAt(0) != '{') {
            throw new InvalidModelFileException(where, "the header does not start with '{' (found "
                    + Text.quote(text.substring(0, 1)) + "); it must be a JSON object");
        }
        return (Map<String, Object>) Json.parse(text, "the header", where);
    }

    private static Map<String, String> metadata(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidModelFileException(where, METADATA + " is " + kind(value)
                    + "; it must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new InvalidModelFileException(where, METADATA + " entry " + Text.quote((String) e.getKey()) + " is "
                        + kind(e.getValue()) + "; metadata values must be strings");
            }
            out.put((String) e.getKey(), s);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Entry entry(String name, Object value, long dataLength, String where) {
        String what = "tensor " + Text.quote(name);
        if (name.isEmpty()) {
            throw new InvalidModelFileException(where, "a tensor has an empty name");
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidModelFileException(where, what + " is " + kind(value)
                    + "; it must be an object with dtype, shape and data_offsets");
        }
        for (Object key : m.keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                throw new InvalidModelFileException(where, what + " has an unknown field " + Text.quote((String) key)
                        + "; its fields are dtype, shape and data_offsets");
            }
        }
        Object dtype = m.get("dtype");
        if (!(dtype instanceof String d) || !DTYPES.contains(d)) {
            throw new InvalidModelFileException(where, what + " has dtype " + describe(dtype)
                    + "; safetensors dtypes are " + new TreeSet<>(DTYPES));
        }
        if (!d.equals(F64) && !d.equals(F32)) {
            throw new InvalidModelFileException(where, what + " has dtype " + d
                    + "; rnn4j files hold F32 (float32) and F64 (float64) tensors only");
        }
        int width = width(d);
        long[] shape = longs(m.get("shape"), what + " shape", -1, where);
        long[] offsets = longs(m.get("data_offsets"), what + " data_offsets", 2, where);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength) {
            throw new InvalidModelFileException(where, what + " has data_offsets [" + begin + ", " + end
                    + "] outside the data section of " + dataLength + " bytes (begin <= end <= " + dataLength + ")");
        }
        long elements = elements(shape, (end - begin) / width);
        if (elements < 0 || elements * width != end - begin) {
            throw new InvalidModelFileException(where, what + " of shape " + Text.shape(shape) + " and dtype " + d
                    + " needs " + (elements < 0 ? "more than " + (end - begin) : Long.toString(elements * width))
                    + " bytes, but its data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        return new Entry(name, d, shape, begin, end);
    }

    /** The product of the dimensions, or -1 if it is above {@code limit} (so it cannot overflow). */
    private static long elements(long[] shape, long limit) {
        for (long dim : shape) {
            if (dim == 0) {
                return 0;
            }
        }
        long product = 1;
        for (long dim : shape) {
            if (product > limit / dim) {
                return -1;
            }
            product *= dim;
        }
        return product;
    }

    /** Tensors sorted by offset must tile [0, dataLength) exactly. */
    private static void requireContiguous(Map<String, Entry> entries, long dataLength, String where) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() != at) {
                String before = previous == null ? "the start of the data section" : "the end of tensor "
                        + Text.quote(previous.name());
                throw new InvalidModelFileException(where, "tensor " + Text.quote(e.name()) + " starts at byte "
                        + e.begin() + " of the data section, but " + before + " is at byte " + at + ": "
                        + (e.begin() < at ? "the tensors overlap" : "there is a gap"));
            }
            at = e.end();
            previous = e;
        }
        if (at != dataLength) {
            throw new InvalidModelFileException(where, "the tensors cover " + at + " bytes but the data section has "
                    + dataLength + "; the rest of the file is not described by the header");
        }
    }

    private static long[] longs(Object value, String what, int count, String where) {
        if (!(value instanceof List<?> list)) {
            throw new InvalidModelFileException(where, what + " is " + kind(value) + "; it must be a list of integers");
        }
        if (count >= 0 && list.size() != count) {
            throw new InvalidModelFileException(where, what + " has " + list.size() + " entries; it must have " + count);
        }
        if (list.size() > MAX_RANK) {
            throw new InvalidModelFileException(where, what + " has " + list.size() + " entries; at most "
                    + MAX_RANK + " are read");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = list.get(i);
            if (!(o instanceof Integer || o instanceof Long || o instanceof BigInteger)) {
                throw new InvalidModelFileException(where, what + " entry " + i + " is " + describe(o)
                        + "; it must be a whole number");
            }
            if (o instanceof BigInteger || ((Number) o).longValue() < 0) {
                throw new InvalidModelFileException(where, what + " entry " + i + " is " + o
                        + "; it must be in [0, " + Long.MAX_VALUE + "]");
            }
            out[i] = ((Number) o).longValue();
        }
        return out;
    }

    private static String describe(Object o) {
        return o instanceof String s ? Text.quote(s) : kind(o);
    }

    private static String kind(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Map) {
            return "an object";
        }
        if (o instanceof List) {
            return "a list";
        }
        if (o instanceof String) {
            return "a string";
        }
        if (o instanceof Boolean) {
            return "a boolean";
        }
        String s = o.toString();
        return "the number " + (s.length() > 24 ? s.substring(0, 24) + "..." : s);
    }
}
