package org.rnn4j.io.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protocol buffers wire format (https://protobuf.dev/programming-guides/encoding/), the
 * part ONNX's messages need: varints (wire type 0), 32-bit little-endian values (wire type
 * 5) and length-delimited fields (wire type 2: strings, bytes, nested messages and
 * packed repeated numbers). Fields are written in the order called; a nested message is
 * written to its own writer first, so its length is known.
 */
final class ProtoWriter {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /**
     * An int64/int32/enum field (negative values take ten bytes, as protobuf writes them).
     *
     * @param field the field number
     * @param value the value
     * @return this writer
     */
    ProtoWriter int64(int field, long value) {
        tag(field, VARINT);
        varint(value);
        return this;
    }

    /**
     * A float field.
     *
     * @param field the field number
     * @param value the value
     * @return this writer
     */
    ProtoWriter float32(int field, float value) {
        tag(field, FIXED32);
        fixed32(Float.floatToRawIntBits(value));
        return this;
    }

    /**
     * A string field, UTF-8.
     *
     * @param field the field number
     * @param value the text
     * @return this writer
     */
    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A bytes field.
     *
     * @param field the field number
     * @param value the bytes
     * @return this writer
     */
    ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    /**
     * A nested message field.
     *
     * @param field the field number
     * @param message the message, already written
     * @return this writer
     */
    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /**
     * A packed repeated int64 field (proto3's default encoding for repeated scalars).
     *
     * @param field the field number
     * @param values the values
     * @return this writer
     */
    ProtoWriter packedInt64(int field, long[] values) {
        ProtoWriter packed = new ProtoWriter();
        for (long v : values) {
            packed.varint(v);
        }
        return bytes(field, packed.toByteArray());
    }

    /**
     * A packed repeated float field.
     *
     * @param field the field number
     * @param values the values
     * @return this writer
     */
    ProtoWriter packedFloat(int field, float[] values) {
        ProtoWriter packed = new ProtoWriter();
        for (float v : values) {
            packed.fixed32(Float.floatToRawIntBits(v));
        }
        return bytes(field, packed.toByteArray());
    }

    /** @return the bytes written so far */
    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private void fixed32(int bits) {
        for (int i = 0; i < 4; i++) {
            out.write((bits >>> (8 * i)) & 0xFF);
        }
    }
}
