package org.rnn4j.core.math;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed crew of daemon threads that run the slices of {@link Kernels#parallel}: the caller
 * takes the first slice itself and hands one slice to each worker through its own slot, so a
 * parallel region allocates nothing. Workers and callers spin for a short while before they
 * park: a layer hands out its next region within microseconds, much sooner than a parked
 * thread wakes. A slice the worker has not taken by the time the caller is done with its own
 * is taken back and run by the caller, so a busy machine that leaves a worker unscheduled
 * costs at most the time of running the slices in turn.
 *
 * <p>One region runs at a time. A call that finds the crew busy (another thread's region, or a
 * region started inside a slice) runs the same slices one after the other on its caller, so
 * nesting never deadlocks or oversubscribes the cores, and results do not depend on which
 * thread got the crew.
 */
final class Workers {

    /** Busy-wait iterations before parking, about 20 to 50 microseconds. */
    private static final int SPINS = 20_000;

    private final Worker[] crew;
    private final AtomicBoolean busy = new AtomicBoolean();

    /**
     * @param threads the total number of threads of a region, the caller included
     */
    Workers(int threads) {
        crew = new Worker[threads - 1];
        for (int i = 0; i < crew.length; i++) {
            crew[i] = new Worker("rnn4j-kernels-" + (i + 1));
            crew[i].start();
        }
    }

    /** @return threads of a region, the caller included */
    int threads() {
        return crew.length + 1;
    }

    /**
     * Runs {@code body} over [0, n) in up to {@link #threads()} contiguous slices of at least
     * {@code minSlice} indices, and returns when every slice has run; inline when the crew is
     * busy or the range too short to share.
     *
     * @param n number of indices
     * @param minSlice smallest slice worth a thread of its own
     * @param body the work
     */
    void run(int n, int minSlice, Range body) {
        if (!tryAcquire()) {
            // the same slices one after the other: results never depend on who holds the crew
            int slices = slices(n, minSlice);
            for (int s = 0; s < slices; s++) {
                body.run(bound(n, slices, s), bound(n, slices, s + 1));
            }
            return;
        }
        try {
            runHeld(n, minSlice, body);
        } finally {
            release();
        }
    }

    /**
     * Takes the crew for a sequence of regions ({@link #runHeld}) that share buffers.
     *
     * @return false if another region holds it
     */
    boolean tryAcquire() {
        return crew.length > 0 && busy.compareAndSet(false, true);
    }

    /** Gives the crew back after {@link #tryAcquire()}. */
    void release() {
        busy.set(false);
    }

    /**
     * {@link #run} for a caller that holds the crew.
     *
     * @param n number of indices
     * @param minSlice smallest slice worth a thread of its own
     * @param body the work
     */
    void runHeld(int n, int minSlice, Range body) {
        int slices = slices(n, minSlice);
        if (slices < 2) {
            body.run(0, n);
            return;
        }
        Thread caller = Thread.currentThread();
        for (int s = 1; s < slices; s++) {
            crew[s - 1].hand(body, bound(n, slices, s), bound(n, slices, s + 1), caller);
        }
        Throwable failure = null;
        try {
            body.run(0, bound(n, slices, 1));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (int s = 1; s < slices; s++) {
            Throwable t = crew[s - 1].await();
            if (failure == null) {
                failure = t;
            }
        }
        rethrow(failure);
    }

    /**
     * @return how many slices {@link #run} cuts [0, n) into: one per thread, each at least
     *     {@code minSlice} long, at least one
     */
    int slices(int n, int minSlice) {
        return Math.max(1, Math.min(threads(), n / Math.max(1, minSlice)));
    }

    /**
     * @return the start of slice {@code s} of [0, n) cut into {@code slices} nearly equal parts
     *     ({@code n} for {@code s == slices})
     */
    static int bound(int n, int slices, int s) {
        return (int) ((long) n * s / slices);
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** One worker thread and its slot. */
    private static final class Worker extends Thread {

        /** No slice. */
        private static final int IDLE = 0;
        /** A slice is waiting to be taken, by the worker or back by the caller. */
        private static final int HANDED = 1;
        /** Someone runs it. */
        private static final int TAKEN = 2;
        /** The worker ran it. */
        private static final int DONE = 3;

        private final AtomicInteger state = new AtomicInteger(IDLE);
        private Range body;
        private int from;
        private int to;
        private Thread caller;
        private Throwable failure;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        /** Called by the region's caller: publishes the slice (the state's write last). */
        void hand(Range work, int start, int end, Thread by) {
            body = work;
            from = start;
            to = end;
            caller = by;
            failure = null;
            state.set(HANDED);
            LockSupport.unpark(this);
        }

        /**
         * Called by the region's caller once its own slice is done: runs the slice itself if the
         * worker has not taken it yet (a worker the OS has not scheduled never holds a region
         * up), otherwise waits for it.
         *
         * @return what the slice threw, or null
         */
        Throwable await() {
            if (state.compareAndSet(HANDED, TAKEN)) {
                Throwable thrown = runSlice();
                state.set(IDLE);
                return thrown;
            }
            for (int i = 0; state.get() != DONE; i++) {
                if (i < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            state.set(IDLE);
            return failure;
        }

        private Throwable runSlice() {
            try {
                body.run(from, to);
                return null;
            } catch (RuntimeException | Error e) {
                return e;
            }
        }

        @Override
        public void run() {
            while (true) {
                for (int i = 0; state.get() != HANDED; i++) {
                    if (i < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                if (state.compareAndSet(HANDED, TAKEN)) {
                    failure = runSlice();
                    Thread by = caller;
                    state.set(DONE);
                    LockSupport.unpark(by);
                }
            }
        }
    }
}
