package org.rnn4j.examples.training;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The four files a run will write ({@link RunFiles}), chosen, checked and claimed before any
 * training, so that nothing the user had is lost and no run is lost to a file it cannot write at
 * the end:
 *
 * <ul>
 *   <li><b>Never over an earlier run without asking.</b> Without {@code --save}, a run takes
 *       {@code runs/<name>.safetensors}, or if any of that run's files exist (or another run
 *       holds it) the first free {@code runs/<name>-2.safetensors}, {@code -3}, ... With
 *       {@code --save}, existing files of that name are an error unless {@code --overwrite} is
 *       given; then the earlier run's files are deleted just before the new run writes its first
 *       file ({@link #replaceEarlier()}), so that no file of it can later be taken for one of the
 *       new run's, and a run that stops before it has anything to save (a NaN at its first step)
 *       leaves them as they were. A resumed run continues its own files
 *       (those of the checkpoint it resumes) and may write them.</li>
 *   <li><b>Never over an input.</b> No output may be the training text or the checkpoint a run
 *       resumes from (compared as files, {@link Files#isSameFile}, so links and {@code ..} do not
 *       hide one), except that a resumed run replaces its own checkpoint.</li>
 *   <li><b>Writable, checked up front.</b> An empty path, a directory, a path under a regular
 *       file, a directory that cannot be created, and a directory where the files cannot be
 *       created (read-only file system, permissions, a name too long) are one-line errors before
 *       training: a temporary file named as the atomic writes name theirs is created and deleted
 *       beside each of the four.</li>
 *   <li><b>One run at a time.</b> The run holds {@link RunLock} on its model's name until it
 *       ends; a second run on the same path fails at once.</li>
 * </ul>
 */
final class RunOutputs implements AutoCloseable {

    /** The highest n of {@code runs/<name>-n.safetensors} tried. */
    static final int MAX_NUMBER = 9_999;

    private final RunFiles files;
    private final RunLock lock;
    private final String note;
    /** The option that asked for {@link #replaceEarlier()} ({@code --save x --overwrite}), or null. */
    private String replacing;

    private RunOutputs(RunFiles files, RunLock lock, String note) {
        this.files = files;
        this.lock = lock;
        this.note = note;
    }

    /**
     * With {@code --overwrite}: deletes the earlier run's files, once, before the new run writes its
     * first file; without it (or after the first call) does nothing.
     *
     * @throws IllegalStateException if one cannot be deleted
     */
    void replaceEarlier() {
        if (replacing != null) {
            try {
                delete(replacing, files);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            replacing = null;
        }
    }

    /**
     * Chooses, checks and claims a run's files.
     *
     * @param save the {@code --save} path, or null
     * @param fallback the model's default path ({@code runs/<task name>.safetensors}), used without
     *     {@code --save} and {@code own}
     * @param own for a resumed run, its own model file (beside its checkpoint), used without
     *     {@code --save}; else null
     * @param overwrite whether {@code --overwrite} was given
     * @param inputs the files the run reads (by what they are: "the training text", "the checkpoint
     *     it resumes from"), none of which an output may be
     * @param resumed the checkpoint a resumed run reads, which its own checkpoint output may replace,
     *     or null
     * @return the claimed files; {@link #close()} releases them
     * @throws IllegalArgumentException with a one-line message if they cannot be used
     */
    static RunOutputs claim(Path save, Path fallback, Path own, boolean overwrite, Map<String, Path> inputs,
            Path resumed) {
        if (save != null && save.toString().isEmpty()) {
            throw new IllegalArgumentException("--save '': an empty path; give a file name such as "
                    + "runs/model.safetensors");
        }
        String option = save != null ? "--save " + save : "the run's files";
        Path model = save != null ? save : own != null ? own : fallback;
        boolean continuing = own != null && (save == null || sameFile(save, own));
        if (save != null || own != null || overwrite) {
            RunFiles f = RunFiles.beside(model);
            prepare(option, f);
            check(option, f, inputs, continuing ? resumed : null);
            probe(option, f);
            RunLock lock = lock(option, f);
            try {
                RunOutputs outputs = new RunOutputs(f, lock, null);
                if (!continuing) {
                    if (overwrite) {
                        outputs.replacing = option;
                    } else {
                        requireNone(f, save != null);
                    }
                }
                return outputs;
            } catch (RuntimeException e) {
                release(lock);
                throw e;
            }
        }
        for (int n = 1; n <= MAX_NUMBER; n++) {
            RunFiles f = RunFiles.beside(n == 1 ? fallback : numbered(fallback, n));
            prepare(option, f);
            check(option, f, inputs, null);
            probe(option, f);
            RunLock lock = tryLock(option, f);
            if (lock == null) {
                continue;
            }
            if (!existing(f).isEmpty()) {
                release(lock);
                continue;
            }
            return new RunOutputs(f, lock, n == 1 ? null : fallback + " is taken by another run: this one saves as "
                    + f.model() + " (--save FILE chooses, --overwrite replaces)");
        }
        throw new IllegalArgumentException(numbered(fallback, MAX_NUMBER) + " and every name before it are taken; give "
                + "--save FILE");
    }

    /** @return the files */
    RunFiles files() {
        return files;
    }

    /** @return a line saying why the run's name is not the default, or null when it is */
    String note() {
        return note;
    }

    /** Releases the files for other runs (idempotent). */
    @Override
    public void close() {
        release(lock);
    }

    /** {@code runs/reber.safetensors} with n = 2 is {@code runs/reber-2.safetensors}. */
    static Path numbered(Path model, int n) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(RunFiles.EXTENSION) ? name.substring(0, name.length() - RunFiles.EXTENSION.length())
                : name;
        String ext = name.substring(stem.length());
        return model.resolveSibling(stem + "-" + n + ext);
    }

    /** No output is a directory or under a regular file; the directory exists afterwards. */
    private static void prepare(String option, RunFiles f) {
        for (Path p : all(f)) {
            if (Files.isDirectory(p)) {
                throw new IllegalArgumentException(option + ": " + p + " is a directory; give a file name"
                        + (p.equals(f.model()) ? " such as " + p.resolve("model" + RunFiles.EXTENSION) : ""));
            }
        }
        Path dir = f.model().toAbsolutePath().getParent();
        for (Path up = dir; up != null; up = up.getParent()) {
            if (Files.exists(up)) {
                if (!Files.isDirectory(up)) {
                    throw new IllegalArgumentException(option + ": " + up + " is a file, not a directory");
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot create the directory " + dir + ": " + reason(e));
        }
    }

    private static RunLock lock(String option, RunFiles f) {
        RunLock lock = tryLock(option, f);
        if (lock == null) {
            throw new IllegalArgumentException(f.model() + " is in use by another rnn4j run (pid "
                    + RunLock.holder(f.model()) + "); wait for it to end, or give another --save");
        }
        return lock;
    }

    private static RunLock tryLock(String option, RunFiles f) {
        try {
            return RunLock.tryTake(f.model());
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot create the lock file " + RunLock.fileOf(f.model())
                    + ": " + reason(e));
        }
    }

    /** No output is one of the inputs (except a resumed run's own checkpoint). */
    private static void check(String option, RunFiles f, Map<String, Path> inputs, Path replaceable) {
        String[] roles = {"the model", "the checkpoint", "the plot", "the loss curve"};
        List<Path> out = all(f);
        for (int i = 0; i < out.size(); i++) {
            for (Map.Entry<String, Path> in : inputs.entrySet()) {
                boolean allowed = i == 1 && replaceable != null && sameFile(in.getValue(), replaceable);
                if (!allowed && sameFile(out.get(i), in.getValue())) {
                    throw new IllegalArgumentException(option + " would write " + roles[i] + " over " + in.getKey()
                            + ", " + in.getValue() + "; give another file name");
                }
            }
        }
    }

    /** With {@code --save} and no {@code --overwrite}: none of the files may exist. */
    private static void requireNone(RunFiles f, boolean explicit) {
        List<Path> there = existing(f);
        if (!there.isEmpty()) {
            throw new IllegalArgumentException(there.get(0) + " exists (an earlier run's); give --overwrite to replace "
                    + "that run" + (explicit ? ", or another --save" : ""));
        }
    }

    private static void delete(String option, RunFiles f) {
        for (Path p : all(f)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new IllegalArgumentException(option + " --overwrite: cannot delete " + p + ": " + reason(e));
            }
        }
    }

    /** Creates and deletes a file named as {@code AtomicFile} names its temporary files, beside each output. */
    private static void probe(String option, RunFiles f) {
        for (Path p : all(f)) {
            Path tmp = p.toAbsolutePath().resolveSibling("." + p.getFileName() + "."
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".rnn4j-tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                Files.delete(tmp);
            } catch (IOException e) {
                throw new IllegalArgumentException(option + ": cannot write " + p + ": " + reason(e));
            }
        }
    }

    private static List<Path> existing(RunFiles f) {
        List<Path> there = new ArrayList<>();
        for (Path p : all(f)) {
            if (Files.exists(p)) {
                there.add(p);
            }
        }
        return there;
    }

    private static List<Path> all(RunFiles f) {
        return List.of(f.model(), f.checkpoint(), f.plot(), f.csv());
    }

    /** Whether two paths name one file (both must exist; a file that does not exist is no input). */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b)
                    : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }

    /** Why an I/O operation failed, in the operating system's words where it gives them. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void release(RunLock lock) {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException e) {
            // the lock ends with the process anyway
        }
    }
}
