package org.rnn4j.io.model;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The bytes the current thread allocates while it runs something (HotSpot's per-thread
 * allocation counter): what a load costs, measured without timing and without depending on the
 * heap's size or the garbage collector. Reached by reflection, as this module does not read
 * {@code jdk.management} (its tests run inside it).
 */
final class Allocation {

    /**
     * The allowance a load gets on top of a multiple of the file's size: parsing, messages, the
     * round trip of a valid file (a load of a valid 6 kB file allocates about 1.3 MB).
     */
    static final long SLACK = 8L << 20;
    /** Bytes a load may allocate per byte of the file: read once, a network's values and gradients. */
    static final long PER_BYTE = 16;

    private static final Object THREADS;
    private static final Method ALLOCATED;

    static {
        try {
            THREADS = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes",
                    long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Allocation() {
    }

    /**
     * @param action what to measure; what it throws is passed on
     * @return the bytes allocated by this thread while it ran
     */
    static long during(Runnable action) {
        long before = allocated();
        action.run();
        return allocated() - before;
    }

    private static long allocated() {
        try {
            return (long) ALLOCATED.invoke(THREADS, Thread.currentThread().getId());
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread", e);
        }
    }

    /**
     * Runs a load and fails if it allocates more than {@link #budget} of the file's size. A load
     * over budget is run and measured again before it fails: the first run of a code path also
     * counts the loading (and, under the fuzzer, the instrumentation) of classes it meets for the
     * first time, the second only what the load itself allocates.
     *
     * @param fileBytes the file's size
     * @param what the file, for the message
     * @param load the load; what it throws is passed on
     * @throws AssertionError if both runs allocate more than the budget
     */
    static void requireWithinBudget(long fileBytes, String what, Runnable load) {
        long allocated = during(load);
        if (allocated > budget(fileBytes)) {
            allocated = during(load);
        }
        if (allocated > budget(fileBytes)) {
            throw new AssertionError(what + " of " + fileBytes + " bytes made the loader allocate " + allocated
                    + " bytes, more than its budget of " + budget(fileBytes) + " (" + PER_BYTE + " per byte + "
                    + SLACK + ")");
        }
    }

    /**
     * @param fileBytes a file's size
     * @return the most a load of it may allocate
     */
    static long budget(long fileBytes) {
        return PER_BYTE * fileBytes + SLACK;
    }
}
