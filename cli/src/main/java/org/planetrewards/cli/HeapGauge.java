package org.planetrewards.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The bench's heap readings: peak heap (per heap pool, since the last reset), the heap still in use
 * after full collections (what a model or engine retains), and time spent collecting.
 */
final class HeapGauge {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
            .toList();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    /** Starts a new peak: every heap pool's peak becomes its current use. */
    void resetPeak() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /**
     * The sum of every heap pool's peak since {@link #resetPeak()}. Pools peak at different moments
     * (eden just before a young collection, old gen later), so this is an upper bound of the true peak,
     * and the number to hold against -Xmx.
     */
    long peakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : heapPools) {
            sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** Heap in use right now, garbage included. */
    long usedBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : heapPools) {
            sum += p.getUsage().getUsed();
        }
        return sum;
    }

    /**
     * Heap in use after full collections: what is still reachable. Collects until the reading stops
     * falling (at most five times) and returns the lowest reading.
     */
    long settledBytes() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long used = usedBytes();
            if (used >= best - (best >> 8)) { // within 0.4 % of the last reading: settled
                return Math.min(best, used);
            }
            best = Math.min(best, used);
        }
        return best;
    }

    /** Milliseconds all collectors have spent collecting since the JVM started. */
    long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** The collectors' names, for the report header. */
    String collectorNames() {
        return String.join(" + ", collectors.stream().map(GarbageCollectorMXBean::getName).toList());
    }
}
