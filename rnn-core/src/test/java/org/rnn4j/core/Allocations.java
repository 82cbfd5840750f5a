package org.rnn4j.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** The bytes a thread allocates, for tests that bound what a pass allocates (not how long it takes). */
final class Allocations {

    private Allocations() {
    }

    /**
     * @param action run on this thread
     * @return the bytes this thread allocated while it ran (HotSpot's per-thread counter, by reflection)
     * @throws IllegalStateException on a JVM that does not count them
     */
    static long allocatedDuring(Runnable action) {
        try {
            Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes",
                    long.class);
            long id = Thread.currentThread().getId();
            long before = (long) allocated.invoke(threads, id);
            action.run();
            return (long) allocated.invoke(threads, id) - before;
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread", e);
        }
    }
}
