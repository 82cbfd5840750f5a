package org.rnn4j.io.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.rnn4j.core.Registry;

/**
 * What {@code rnn4j inspect} shows of a model or checkpoint file, after loading it completely
 * (so a summary exists only for a valid file).
 *
 * @param file the file
 * @param bytes its size
 * @param sha256 the SHA-256 of the whole file, hex
 * @param format {@code rnn4j-model} or {@code rnn4j-checkpoint}
 * @param metadata the {@code __metadata__} entries in file order
 * @param tensors every tensor in header order
 * @param model the loaded model
 */
public record ModelSummary(Path file, long bytes, String sha256, String format, Map<String, String> metadata,
        List<TensorSummary> tensors, SavedModel model) {

    /**
     * One tensor.
     *
     * @param name its name
     * @param dtype its dtype ({@code F32} or {@code F64})
     * @param shape its dimensions
     * @param begin its first byte in the data section
     * @param end one past its last byte
     * @param crc32 the CRC-32 of its raw bytes (as stored, little-endian), 8 hex digits
     */
    public record TensorSummary(String name, String dtype, long[] shape, long begin, long end, String crc32) {
    }

    /**
     * Loads a file completely (a checkpoint with its optimizer state) and summarises it.
     *
     * @param file the file
     * @param registry the installed plug-ins
     * @return the summary
     * @throws InvalidModelFileException if the file is not a valid rnn4j model or checkpoint
     * @throws IOException if it cannot be read
     */
    public static ModelSummary of(Path file, Registry registry) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Source src = Source.of(ch);
            String where = file.toString();
            ModelReader.Loaded loaded = ModelReader.read(src, where, registry);
            if (loaded.format().equals(ModelMetadata.CHECKPOINT)) {
                CheckpointFile.load(file, registry);
            }
            List<TensorSummary> tensors = new ArrayList<>();
            for (SafeTensors.Entry e : loaded.header().entries().values()) {
                tensors.add(new TensorSummary(e.name(), e.dtype(), e.shape(), e.begin(), e.end(),
                        crc32(src, loaded.header().dataStart() + e.begin(), e.end() - e.begin())));
            }
            return new ModelSummary(file, src.size(), sha256(file), loaded.format(), loaded.header().metadata(),
                    Collections.unmodifiableList(tensors), loaded.model());
        }
    }

    private static String crc32(Source src, long from, long length) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        for (long done = 0; done < length;) {
            int n = (int) Math.min(buf.capacity(), length - done);
            buf.clear().limit(n);
            src.read(from + done, buf);
            buf.flip();
            crc.update(buf);
            done += n;
        }
        return String.format("%08x", crc.getValue());
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
