package com.qlower.loaders.local;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The largest heap a collection left since {@link #reset()}: what the process holds, where the pools' peak usage
 * also counts the garbage not collected yet. That peak follows how large the collector lets the young generation
 * grow, which it adapts as the run goes on: between runs of the same file it varied by as much as between a file and
 * one four times larger (bench-pipeline, G1 logs: 24 to 26 MB after each young collection at 250,000 records and at
 * 1,000,000, peaks 77 to 95 MB before them).
 */
final class HeapAfterCollections implements NotificationListener {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong largest = new AtomicLong();

    /** Listens to every collector of this JVM from now on. */
    static HeapAfterCollections listening() {
        HeapAfterCollections listener = new HeapAfterCollections();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
        return listener;
    }

    void reset() {
        largest.set(0);
    }

    /** The largest heap left by a collection since the reset; 0 when none ran. */
    long bytes() {
        return largest.get();
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var after = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo()
                .getMemoryUsageAfterGc();
        long heap = after.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
        largest.accumulateAndGet(heap, Math::max);
    }
}
