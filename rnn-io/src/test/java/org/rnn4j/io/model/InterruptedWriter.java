package org.rnn4j.io.model;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A stream that lets {@code limit} bytes through and then stops the writer: by throwing (a
 * simulated crash inside the process) or, when run as a program in a child JVM, by announcing
 * "HALFWAY" on stdout and waiting to be killed.
 */
final class InterruptedWriter extends FilterOutputStream {

    private final long limit;
    private final Runnable atLimit;
    private long written;

    InterruptedWriter(OutputStream out, long limit, Runnable atLimit) {
        super(out);
        this.limit = limit;
        this.atLimit = atLimit;
    }

    /** Throws an IOException when the limit is reached. */
    static InterruptedWriter throwing(OutputStream out, long limit) {
        return new InterruptedWriter(out, limit, () -> {
            throw new SimulatedCrash();
        });
    }

    @Override
    public void write(int b) throws IOException {
        check(1);
        out.write(b);
        written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int first = (int) Math.min(len, Math.max(0, limit - written));
        out.write(b, off, first);
        written += first;
        if (first < len) {
            check(len - first);
            out.write(b, off + first, len - first);
            written += len - first;
        }
    }

    private void check(int more) {
        if (written + more > limit) {
            atLimit.run();
        }
    }

    /** What {@link #throwing} throws. */
    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash mid-write");
        }
    }

    /**
     * Child-JVM entry point: saves a model to {@code args[0]} atomically, and after
     * {@code args[1]} bytes prints HALFWAY and sleeps until killed.
     *
     * @param args the target file and the byte count
     * @throws IOException on a write error
     */
    public static void main(String[] args) throws IOException {
        SavedModel model = SavedModel.of(Nets.large(99));
        AtomicFile.write(Path.of(args[0]), out -> ModelFile.write(new InterruptedWriter(out, Long.parseLong(args[1]),
                () -> {
                    System.out.println("HALFWAY");
                    System.out.flush();
                    try {
                        Thread.sleep(120_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("the parent should have killed this process");
                }), model));
    }
}
