package org.rnn4j.io.model;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks one tensor's entry of a safetensors header, in this order: a name; an object of exactly
 * {@code dtype}, {@code shape} and {@code data_offsets}; a safetensors dtype, and of those
 * {@code F32} or {@code F64}; shape and offsets lists of at most {@link SafeTensors#MAX_RANK}
 * non-negative whole numbers, two offsets; the offsets inside the data section; the byte count
 * equal to the shape's product times the dtype's width (4 or 8 bytes), the product computed
 * without overflow.
 */
final class TensorEntries {

    private static final Set<String> DTYPES = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16",
            "F16", "BF16", "I32", "U32", SafeTensors.F32, SafeTensors.F64, "I64", "U64");
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

    private TensorEntries() {
    }

    /**
     * @param name the tensor's name (its key in the header)
     * @param value its entry as parsed
     * @param dataLength the bytes of the data section
     * @param where the file's name for messages
     * @return the entry, checked
     * @throws InvalidModelFileException on the first thing the format does not allow
     */
    static SafeTensors.Entry entry(String name, Object value, long dataLength, String where) {
        String what = "tensor " + Text.quote(name);
        if (name.isEmpty()) {
            throw new InvalidModelFileException(where, "a tensor has an empty name");
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidModelFileException(where, what + " is " + Json.kind(value)
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
            throw new InvalidModelFileException(where, what + " has dtype " + Json.describe(dtype)
                    + "; safetensors dtypes are " + new TreeSet<>(DTYPES));
        }
        if (!d.equals(SafeTensors.F64) && !d.equals(SafeTensors.F32)) {
            throw new InvalidModelFileException(where, what + " has dtype " + d
                    + "; rnn4j files hold F32 (float32) and F64 (float64) tensors only");
        }
        int width = SafeTensors.width(d);
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
        return new SafeTensors.Entry(name, d, shape, begin, end);
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

    private static long[] longs(Object value, String what, int count, String where) {
        if (!(value instanceof List<?> list)) {
            throw new InvalidModelFileException(where, what + " is " + Json.kind(value)
                    + "; it must be a list of integers");
        }
        if (count >= 0 && list.size() != count) {
            throw new InvalidModelFileException(where, what + " has " + list.size() + " entries; it must have " + count);
        }
        if (list.size() > SafeTensors.MAX_RANK) {
            throw new InvalidModelFileException(where, what + " has " + list.size() + " entries; at most "
                    + SafeTensors.MAX_RANK + " are read");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = list.get(i);
            if (!(o instanceof Integer || o instanceof Long || o instanceof BigInteger)) {
                throw new InvalidModelFileException(where, what + " entry " + i + " is " + Json.describe(o)
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
}
