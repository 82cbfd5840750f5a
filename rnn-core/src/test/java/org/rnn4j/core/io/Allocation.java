package org.rnn4j.core.io;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The bytes the current thread allocates while it runs something (HotSpot's per-thread
 * allocation counter): what a load costs, measured without timing and without depending on the
 * heap's size or the garbage collector. Reached by reflection, as this module does not read
 * {@code jdk.management} (its tests run inside it).
 */
final class Allocation {

    /** The allowance a load gets on top of a multiple of the file's size: parsing, messages, classes. */
    static final long SLACK = 4L << 20;
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
     * @param action what to measure; its exceptions are swallowed (the caller checks them separately)
     * @return the bytes allocated by this thread while it ran
     */
    static long during(Runnable action) {
        long before = allocated();
        try {
            action.run();
        } catch (RuntimeException e) {
            // measured either way
        }
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
     * @param fileBytes a file's size
     * @return the most a load of it may allocate
     */
    static long budget(long fileBytes) {
        return PER_BYTE * fileBytes + SLACK;
    }
}
