package org.rnn4j.io.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The plumbing shared by {@link ModelFile} and {@link CheckpointFile}: files, bytes, names. */
final class Io {

    private Io() {
    }

    /** Reads something from a source. */
    @FunctionalInterface
    interface Reader<T> {
        /**
         * @param src the bytes
         * @param where their name for messages
         * @return what was read
         * @throws IOException on a read error
         */
        T read(Source src, String where) throws IOException;
    }

    /** Runs a writer into memory. */
    static byte[] toBytes(AtomicFile.Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Reads a file, named by its path in messages. */
    static <T> T fromFile(Path file, Reader<T> reader) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return reader.read(Source.of(ch), file.toString());
        }
    }

    /** Reads bytes, named {@code <bytes>} in messages. */
    static <T> T fromBytes(byte[] bytes, Reader<T> reader) {
        try {
            return reader.read(Source.of(bytes), "<bytes>");
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory failed", e);
        }
    }
}
