package org.rnn4j.examples.training;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a stop at the next step boundary with everything saved,
 * instead of an exit that loses every step since the last checkpoint.
 *
 * <p>How: a JVM shutdown hook. When the JVM starts shutting down because of a signal, the hook
 * sets {@link #requested()}, which the run polls after every step ({@link TrainRun#stopWhen});
 * the run finishes its step, saves the CSV, the plot, the checkpoint and the model (atomically),
 * and the command prints where to resume. Then {@link #close()} lets the hook return, and the JVM
 * ends with the status it chose for the signal: 143 (128 + 15) after SIGTERM, 130 (128 + 2) after
 * SIGINT.
 *
 * <p>No deadlock: the hook waits only for {@link #close()}, which the command calls (in a
 * {@code finally}) before it returns and before anything can call {@link System#exit}; a
 * {@code System.exit} during shutdown blocks until the hooks are done, so the training thread must
 * never wait for the hook, and it does not. As a last resort the hook gives up after
 * {@value #WAIT_MINUTES} minutes (the files are written atomically, so even then none is left
 * half-written). During the wait further signals do nothing; {@code kill -9} still ends the
 * process at once.
 *
 * <p>The hook also runs on a normal {@code System.exit}, which is why it must be removed (by
 * {@link #close()}) once training and its report are done.
 */
public final class StopOnSignal implements AutoCloseable {

    /** The longest the hook waits for the run to save, in minutes. */
    static final int WAIT_MINUTES = 10;

    /** Set once a signal starts the JVM's shutdown while a hook is installed. */
    private static volatile boolean signalled;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private StopOnSignal() {
        hook = new Thread(this::stopAndWait, "rnn4j-stop-on-signal");
    }

    /**
     * Installs the hook.
     *
     * @return the stop request to poll; close it when training and its report are done
     */
    public static StopOnSignal install() {
        StopOnSignal s = new StopOnSignal();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** @return whether the JVM is shutting down (a signal) and the run should stop and save */
    public boolean requested() {
        return requested;
    }

    private void stopAndWait() {
        requested = true;
        signalled = true;
        try {
            done.await(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return whether a signal started the JVM's shutdown during a run: the process will end with
     *     the signal's status, and the main thread must not call {@link System#exit} (see
     *     {@link #awaitHalt()})
     */
    public static boolean signalled() {
        return signalled;
    }

    /**
     * Blocks the calling thread until the JVM, already shutting down for a signal, halts with that
     * signal's status. A {@code System.exit(status)} instead would race it: once the shutdown hooks
     * have returned, a nonzero exit halts at once with its own status (1, not 143).
     */
    public static void awaitHalt() {
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException e) {
                // keep waiting: the halt is coming
            }
        }
    }

    /** Lets a waiting hook return and removes it (if the JVM is not already shutting down). */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running, and now returns
        }
    }
}
