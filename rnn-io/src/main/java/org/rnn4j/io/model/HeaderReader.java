package org.rnn4j.io.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks a safetensors header ({@link SafeTensors}).
 *
 * <p>What it checks, in this order, before it allocates anything sized by the file:
 * at least 8 bytes; the header length within the file and under {@link SafeTensors#MAX_HEADER};
 * the header valid UTF-8 and one JSON object (no duplicate keys, nothing after it but the spaces
 * of the padding); {@code __metadata__} a map of strings; every other entry as
 * {@link TensorEntries} checks it (exactly {@code dtype}, {@code shape} and
 * {@code data_offsets}; dtype {@code F32} or {@code F64}; the offsets inside the data section
 * and the byte count equal to the shape's product times the dtype's width, 4 or 8 bytes); the
 * tensors' data back to back from byte 0 to the end of the file, without overlap or gap (as the
 * safetensors reference implementation requires).
 */
final class HeaderReader {

    private HeaderReader() {
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
    static SafeTensors.Header read(Source src, String where) throws IOException {
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
        if (n > SafeTensors.MAX_HEADER) {
            throw new InvalidModelFileException(where, "the header length " + n + " is over the limit of "
                    + SafeTensors.MAX_HEADER + " bytes");
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
        Map<String, SafeTensors.Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            if (e.getKey().equals(SafeTensors.METADATA)) {
                metadata = metadata(e.getValue(), where);
            } else {
                entries.put(e.getKey(), TensorEntries.entry(e.getKey(), e.getValue(), dataLength, where));
            }
        }
        requireContiguous(entries, dataLength, where);
        return new SafeTensors.Header(8 + n, Collections.unmodifiableMap(entries), metadata);
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
            throw new InvalidModelFileException(where, SafeTensors.METADATA + " is " + Json.kind(value)
                    + "; it must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new InvalidModelFileException(where, SafeTensors.METADATA + " entry "
                        + Text.quote((String) e.getKey()) + " is " + Json.kind(e.getValue())
                        + "; metadata values must be strings");
            }
            out.put((String) e.getKey(), s);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Tensors sorted by offset must tile [0, dataLength) exactly. */
    private static void requireContiguous(Map<String, SafeTensors.Entry> entries, long dataLength, String where) {
        List<SafeTensors.Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(SafeTensors.Entry::begin).thenComparingLong(SafeTensors.Entry::end));
        long at = 0;
        SafeTensors.Entry previous = null;
        for (SafeTensors.Entry e : sorted) {
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
}
