package org.rnn4j.examples.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Edits a checkpoint's recorded settings the way a hand with a hex editor would, independently of rnn4j. */
final class Tamper {

    private Tamper() {
    }

    /**
     * Rewrites entries of the checkpoint's {@code position} (its {@code run.*} settings among them).
     *
     * @param checkpoint the file, rewritten in place
     * @param changes the entries to set
     * @throws Exception on a read or write error
     */
    @SuppressWarnings("unchecked")
    static void position(Path checkpoint, Map<String, String> changes) throws Exception {
        byte[] bytes = Files.readAllBytes(checkpoint);
        int n = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        Map<String, Object> header = JSON.std.mapFrom(new String(bytes, 8, n, StandardCharsets.UTF_8));
        Map<String, Object> md = (Map<String, Object>) header.get("__metadata__");
        Map<String, Object> position = JSON.std.mapFrom((String) md.get("position"));
        position.putAll(changes);
        md.put("position", JSON.std.asString(position));
        byte[] json = JSON.std.asString(header).getBytes(StandardCharsets.UTF_8);
        int data = bytes.length - 8 - n;
        Files.write(checkpoint, ByteBuffer.allocate(8 + json.length + data).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put(bytes, 8 + n, data).array());
    }
}
