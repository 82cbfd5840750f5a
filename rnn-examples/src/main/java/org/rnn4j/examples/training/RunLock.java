package org.rnn4j.examples.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * An exclusive claim on a run's files: an operating-system lock ({@link FileChannel#tryLock()})
 * on {@code .<model name>.lock} beside the model, which holds the owner's process id while it is held, so that a second
 * run on the same {@code --save} path fails at once, before training, instead of one of the two
 * losing its work when both write the same files.
 *
 * <p>The lock is the operating system's, so it ends with the process however the process ends
 * ({@code kill -9} included): the lock file a dead run leaves is not held, and the next run takes
 * it. The file itself is kept (emptied) when the lock is released: deleting it would let a run
 * that opened it just before the deletion lock a file no longer at the path while a third run
 * locks the new one.
 *
 * <p>On Linux (POSIX record locks) a process loses its lock when it closes <em>any</em> channel
 * to the file, and {@code tryLock} on a file the same JVM holds throws
 * {@link OverlappingFileLockException}. So the locks this JVM holds are also kept in a set, and
 * a second claim in the same JVM is refused from the set without opening the file at all.
 */
final class RunLock implements AutoCloseable {

    /** What a lock file's name adds to the model file's. */
    static final String SUFFIX = ".lock";

    /** The lock files this JVM holds (real paths). */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param model a run's model file
     * @return its lock file, hidden beside it: {@code .<model name>.lock}
     */
    static Path fileOf(Path model) {
        return model.resolveSibling("." + model.getFileName() + SUFFIX);
    }

    /**
     * Takes the lock of a run's files, without waiting.
     *
     * @param model the run's model file; its directory must exist
     * @return the lock, or null if another run (in this process or another) holds it
     * @throws IOException if the lock file cannot be created or written
     */
    static RunLock tryTake(Path model) throws IOException {
        Path file = fileOf(model);
        Path key = file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName());
        synchronized (HELD) {
            if (HELD.contains(key)) {
                return null;
            }
            FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    ch.close();
                    return null;
                }
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                HELD.add(key);
                return new RunLock(key, ch, lock);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }
    }

    /**
     * Who holds a run's lock, as written in its lock file. Only for a lock this process failed to
     * take (reading the file of a lock it holds would release it, see the class comment).
     *
     * @param model a run's model file
     * @return the process id written in its lock file, or "unknown" if it cannot be read
     */
    static String holder(Path model) {
        Path file = fileOf(model);
        try {
            Path key = file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName());
            synchronized (HELD) {
                if (HELD.contains(key)) {
                    return Long.toString(ProcessHandle.current().pid());
                }
            }
            String pid = Files.readString(key, StandardCharsets.UTF_8).strip();
            return pid.matches("[0-9]{1,19}") ? pid : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Empties the lock file and releases the lock. */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (!channel.isOpen()) {
                return;
            }
            try {
                channel.truncate(0);
            } finally {
                try {
                    lock.release();
                } finally {
                    channel.close();
                    HELD.remove(key);
                }
            }
        }
    }
}
