package org.rnn4j.io.onnx;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads the protocol buffers wire format field by field, within bounds: a truncated field, a
 * varint longer than ten bytes, a length past the end, a wire type ONNX does not use (groups) or
 * a string that is not UTF-8 is an {@link IllegalArgumentException} saying so.
 */
final class ProtoReader {

    private final byte[] buf;
    private final int end;
    private int pos;
    private int field;
    private int wireType;

    /**
     * @param buf the bytes
     * @param from the message's first byte
     * @param to one past its last
     */
    ProtoReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    /** @return whether another field follows; if so, {@link #field()} and its value are next */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        long tag = varint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field < 1 || (wireType != 0 && wireType != 1 && wireType != 2 && wireType != 5)) {
            throw new IllegalArgumentException("malformed protobuf: field " + field + " of wire type " + wireType
                    + " at byte " + pos);
        }
        return true;
    }

    /** @return the current field's number */
    int field() {
        return field;
    }

    /** @return the current field's wire type */
    int wireType() {
        return wireType;
    }

    /** @return the current varint field's value */
    long int64() {
        return varint();
    }

    /** @return the current fixed32 field as a float */
    float float32() {
        return Float.intBitsToFloat(fixed32());
    }

    /** @return a reader over the current length-delimited field */
    ProtoReader message() {
        int n = length();
        ProtoReader r = new ProtoReader(buf, pos, pos + n);
        pos += n;
        return r;
    }

    /** @return the current length-delimited field as bytes */
    byte[] bytes() {
        int n = length();
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    /** @return the current length-delimited field as UTF-8 text */
    String string() {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("malformed protobuf: field " + field + " is not UTF-8 text", e);
        }
    }

    /** @return whether the reader is at its end (for packed fields) */
    boolean atEnd() {
        return pos >= end;
    }

    /** Reads a varint of a packed field. @return it */
    long packedVarint() {
        return varint();
    }

    /** Reads a fixed32 of a packed field. @return it as a float */
    float packedFloat() {
        return Float.intBitsToFloat(fixed32());
    }

    /** Skips the current field's value. */
    void skip() {
        switch (wireType) {
            case 0 -> varint();
            case 1 -> advance(8);
            case 2 -> advance(length());
            default -> advance(4);
        }
    }

    private int length() {
        long n = varint();
        if (n < 0 || n > end - pos) {
            throw new IllegalArgumentException("malformed protobuf: field " + field + " claims " + n + " bytes, "
                    + (end - pos) + " remain");
        }
        return (int) n;
    }

    private void advance(int n) {
        if (n > end - pos) {
            throw new IllegalArgumentException("malformed protobuf: field " + field + " is cut short");
        }
        pos += n;
    }

    private int fixed32() {
        advance(4);
        return (buf[pos - 4] & 0xFF) | (buf[pos - 3] & 0xFF) << 8 | (buf[pos - 2] & 0xFF) << 16
                | (buf[pos - 1] & 0xFF) << 24;
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw new IllegalArgumentException("malformed protobuf: a number is cut short at byte " + pos);
            }
            int b = buf[pos++] & 0xFF;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("malformed protobuf: a number longer than ten bytes at byte " + pos);
    }
}
