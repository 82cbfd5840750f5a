package org.rnn4j.io.model;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that a crash at any moment leaves either the old file or the new one, whole:
 * the content goes to a temporary file in the same directory, which is forced to disk
 * ({@code fsync}) and then renamed over the target in one atomic step
 * ({@link StandardCopyOption#ATOMIC_MOVE}); the directory is forced too where the platform
 * allows it.
 *
 * <p>If the writer throws, the temporary file is deleted and the target is untouched. A process
 * killed mid-write cannot clean up; its temporary file ({@code .<name>.<random>.rnn4j-tmp}) is
 * removed by the next successful write of the same target. Two processes writing one target at
 * the same time are not supported (one of them fails, the target stays whole).
 */
public final class AtomicFile {

    private static final String SUFFIX = ".rnn4j-tmp";

    private AtomicFile() {
    }

    /** Writes content to a stream; the stream is closed by {@link AtomicFile}, not by the writer. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param out the temporary file
         * @throws IOException on a write error
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target the file to create or replace; its directory must exist
     * @param writer writes the whole content
     * @throws IOException if writing, syncing or renaming fails (the target is then unchanged)
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            throw new IOException("cannot write " + target + ": it is a directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "cannot write " + target + ": its directory does not exist");
        }
        Path tmp = createTemporary(dir, abs.getFileName().toString());
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.writeTo(new FilterOutputStream(buffered) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        buffered.write(b, off, len);
                    }

                    @Override
                    public void close() {
                        // closed below, after the fsync
                    }
                });
                buffered.flush();
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(dir);
        removeStale(dir, abs.getFileName().toString());
    }

    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            Path tmp = dir.resolve("." + name + "." + random + SUFFIX);
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Makes the rename durable; not every platform can open a directory, so failure is ignored. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort (Windows cannot open directories)
        }
    }

    /** Deletes temporary files of {@code name} left by a writer that was killed. */
    private static void removeStale(Path dir, String name) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, "." + globEscape(name) + ".*" + SUFFIX)) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String globEscape(String s) {
        return s.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }
}
