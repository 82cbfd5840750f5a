package org.rnn4j.examples.limits;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The heap this Java may use ({@link Runtime#maxMemory()}, set by {@code -Xmx}, by default a
 * quarter of the machine's memory) against what a run needs: a run whose estimate does not fit
 * is refused in one line that gives both figures and how to raise the limit,
 * {@code RNN4J_JAVA_OPTS=-Xmx...}.
 *
 * <p>Arrays are counted as the collector lays them out: 16 bytes of header plus the data, and
 * under G1 (Java's default collector) an array of half a region or more takes whole regions
 * (a humongous object), which for the buffers of a large network can nearly double its size.
 * The region size is G1's default for this heap: the maximum heap / 2048, rounded down to a
 * power of two, between 1 and 32 MB. {@link #RESERVE} is kept for the program itself (its
 * classes' objects, the plug-in registry, the command line, small buffers).
 */
public final class Heap {

    /** Heap kept for everything the estimates do not count. */
    public static final long RESERVE = 48L << 20;

    private Heap() {
    }

    /** @return the most heap this Java may use, bytes */
    public static long max() {
        return Runtime.getRuntime().maxMemory();
    }

    /** @return what a run may take: {@link #max()} less {@link #RESERVE} */
    public static long available() {
        return Math.max(0, max() - RESERVE);
    }

    /** @return G1's region size for this heap, or 0 under another collector */
    public static long regionBytes() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().startsWith("G1")) {
                return g1Region(max());
            }
        }
        return 0;
    }

    /**
     * @param maxHeap the maximum heap, bytes
     * @return G1's default region size for it
     */
    static long g1Region(long maxHeap) {
        long r = Long.highestOneBit(Math.max(1, maxHeap / 2048));
        return Math.min(32L << 20, Math.max(1L << 20, r));
    }

    /**
     * @param dataBytes the array's data
     * @param regionBytes G1's region size, or 0
     * @return the heap the array takes
     */
    static double arrayBytes(double dataBytes, long regionBytes) {
        double b = 16 + dataBytes;
        if (regionBytes > 0 && b >= regionBytes / 2.0) {
            return Math.ceil(b / regionBytes) * regionBytes;
        }
        return b;
    }

    /**
     * Refuses what does not fit.
     *
     * @param what what needs the memory ("lstm 2 x 20000 on 65 characters, T 64, B 32")
     * @param m the estimate
     * @throws IllegalArgumentException with the figures and how to raise the limit
     */
    public static void require(String what, RunMemory m) {
        long region = regionBytes();
        require(what, m.bytes(region), m.largestParts(region));
    }

    /**
     * Refuses what does not fit.
     *
     * @param what what needs the memory
     * @param bytes how much
     * @param parts the largest parts, or empty
     * @throws IllegalArgumentException with the figures and how to raise the limit
     */
    public static void require(String what, long bytes, String parts) {
        if (bytes > available()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs about %s of heap%s, more than the "
                    + "%s this Java has for it (its maximum heap %s less %s for the program); raise it with "
                    + "RNN4J_JAVA_OPTS=-Xmx%dg if the machine has the memory", what,
                    human(bytes), parts.isEmpty() ? "" : " (" + parts + ")", human(available()), human(max()),
                    human(RESERVE), (long) Math.ceil((bytes + RESERVE) * 1.1 / (1L << 30))));
        }
    }

    /**
     * @param bytes a size
     * @return it in MB, GB or TB, for people
     */
    static String human(double bytes) {
        return bytes >= 1e12 ? String.format(Locale.ROOT, "%,.0f TB", bytes / 1e12)
                : bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / 1e6));
    }
}
