package org.rnn4j.examples.limits;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one check every command makes before it opens a file the user named ({@code --text},
 * {@code --model}, {@code --resume}, {@code inspect FILE}, and a text named by a checkpoint):
 * the path must be a regular file (after symbolic links). A named pipe would block the read
 * forever, a device such as {@code /dev/zero} never ends, and a directory has no bytes, so each
 * is refused in one line that says what the path is:
 * {@code --model /tmp/p: not a regular file (a named pipe); give a model file}.
 */
public final class InputFile {

    // The file-type bits of st_mode (POSIX <sys/stat.h>).
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private InputFile() {
    }

    /**
     * @param option how the user named the file, for the message ({@code --model}), or empty for
     *     a positional argument
     * @param file the path
     * @param what what the file is, with its article ({@code the model}), or empty, for the
     *     message of a file that cannot be read at all: {@code cannot read the model x: no such file}
     * @param expected what the file should be ({@code a model file}), for the message of a file
     *     of the wrong kind
     * @return the file's size in bytes
     * @throws IllegalArgumentException if it does not exist, cannot be read or is not a regular file
     */
    public static long requireRegular(String option, Path file, String what, String expected) {
        String cannot = "cannot read " + (what.isEmpty() ? "" : what + " ") + file + ": ";
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(cannot + "no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(cannot + "permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException(cannot + e.getMessage());
        }
        if (!a.isRegularFile()) {
            throw new IllegalArgumentException((option.isEmpty() ? "" : option + " ") + file + ": not a regular file ("
                    + kind(file, a)
                    + "); give " + expected);
        }
        return a.size();
    }

    /** What a path that is not a regular file is, as {@code ls -l} would tell. */
    static String kind(Path file, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        try {
            if (Files.getAttribute(file, "unix:mode") instanceof Integer mode) {
                switch (mode & S_IFMT) {
                    case S_IFIFO:
                        return "a named pipe";
                    case S_IFCHR:
                        return "a character device";
                    case S_IFBLK:
                        return "a block device";
                    case S_IFSOCK:
                        return "a socket";
                    case S_IFDIR:
                        return "a directory";
                    default:
                        break;
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view on this file system: say less
        }
        return "a special file";
    }
}
