package dev.assay.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap of this JVM while a candidate runs. Heap use only grows between collections, so its peak is
 * the larger of the heap in use just before any collection (from GC notifications) and the heap in use at the
 * end. The most retained after any collection is reported too: it is what the program holds on to, whereas the
 * peak also counts garbage that the collector had not yet reclaimed (and so depends on how large the collector
 * chose to make the young generation within {@code -Xmx}).
 *
 * <p>GC notifications arrive on a JMX thread shortly after each collection; {@link #snapshot()} waits briefly for
 * stragglers.
 */
final class MemoryProbe implements NotificationListener {

    private final AtomicLong peakBeforeGc = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();
    private long collectionsAtReset;

    /** Starts listening to every collector of this JVM. */
    MemoryProbe() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
            }
        }
    }

    /** Forgets what was measured so far (after warm-up). */
    void reset() {
        peakBeforeGc.set(0);
        maxAfterGc.set(0);
        collectionsAtReset = totalCollections();
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        peakBeforeGc.accumulateAndGet(used(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        maxAfterGc.accumulateAndGet(used(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
        notifications.incrementAndGet();
    }

    /** The figures since the last {@link #reset()}, with the heap in use now counted towards the peak. */
    Snapshot snapshot() throws InterruptedException {
        long collections = totalCollections();
        for (int i = 0; i < 50 && notifications.get() < collections; i++) {
            Thread.sleep(10);
        }
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Snapshot(Math.max(peakBeforeGc.get(), now), maxAfterGc.get(), collections - collectionsAtReset,
                totalGcMillis(), peakRss());
    }

    static long totalGcMillis() {
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, collector.getCollectionTime());
        }
        return millis;
    }

    private static long totalCollections() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }

    private static long used(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pools.containsKey(pool.getName())) {
                used += pools.get(pool.getName()).getUsed();
            }
        }
        return used;
    }

    /** The resident-set high-water mark of this process (VmHWM), which also counts native memory such as DuckDB's. */
    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * @param peakHeapUsed   highest heap in use, garbage included
     * @param maxLiveAfterGc most heap still in use right after a collection (0 when there was none)
     * @param collections    collections since the last reset
     * @param gcMillis       time spent in collections since the JVM started
     * @param peakRss        the process's peak resident set (since the JVM started), or -1 where unknown
     */
    record Snapshot(long peakHeapUsed, long maxLiveAfterGc, long collections, long gcMillis, long peakRss) {
    }
}
