package org.neuroloop.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap after garbage collection, read from the collections the JVM makes on its own: a listener on every
 * collector's GC notifications sums the after-collection usage of all heap pools, and {@link #take()} returns, for
 * the collections that ended since the previous call, the lowest such sum (the closest to the live set: the heap of a
 * collection that reclaimed the most), how many there were and the longest pause among them.
 *
 * <p>Forcing a collection to read the heap ({@code System.gc()}) would stop the pipeline being measured; this never
 * does. Under a collector whose every cycle covers the whole heap (Shenandoah, ZGC) the reading is the live set plus
 * what was allocated during the cycle; under a generational one (G1) a young collection leaves the old generation's
 * garbage in place until its next marking cycle, so the reading is an upper bound that falls back after each mixed
 * collection. An interval in which no collection ended repeats the heap pools' usage after their last collection
 * ({@link MemoryPoolMXBean#getCollectionUsage()}).
 */
public final class HeapAfterGc implements NotificationListener, AutoCloseable {

    /**
     * What the collections since the previous {@link #take()} left.
     *
     * @param heapMb lowest heap in use after one of them, MiB (after the last earlier one if none; NaN before any)
     * @param collections collections that ended, all collectors (a whole cycle of a concurrent collector counts once)
     * @param maxPauseMs longest stop-the-world pause among them, ms (0 if none)
     */
    public record Reading(double heapMb, int collections, double maxPauseMs) {}

    private final Set<String> heapPools = new LinkedHashSet<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final List<String> collectors = new ArrayList<>();
    private double minBytes = Double.NaN;
    private int collections;
    private double maxPauseMs;

    /** Starts listening to every collector of this JVM. */
    public HeapAfterGc() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(gc.getName());
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** The JVM's collectors, by their MXBean names. */
    public List<String> collectors() {
        return List.copyOf(collectors);
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        GcInfo gc = info.getGcInfo();
        // Shenandoah and ZGC report their concurrent cycles (collector "... Cycles") apart from the pauses within them
        // ("... Pauses"), whose after-GC usage they leave at 0; each of G1's collections is both
        String name = info.getGcName();
        boolean pause = !name.endsWith("Cycles");
        boolean collection = !name.endsWith("Pauses");
        double bytes = heapBytes(gc.getMemoryUsageAfterGc());
        synchronized (this) {
            if (collection) {
                collections++;
                if (!(bytes >= minBytes)) {
                    minBytes = bytes;
                }
            }
            if (pause) {
                maxPauseMs = Math.max(maxPauseMs, gc.getDuration());
            }
        }
    }

    /** The collections since the previous call (or since this watcher started), and starts a new interval. */
    public Reading take() {
        double bytes;
        int n;
        double pause;
        synchronized (this) {
            bytes = minBytes;
            n = collections;
            pause = maxPauseMs;
            minBytes = Double.NaN;
            collections = 0;
            maxPauseMs = 0;
        }
        if (n == 0) {
            bytes = lastCollectionBytes();
        }
        return new Reading(bytes / 1048576.0, n, pause);
    }

    /** Sum over the heap pools of their usage after their latest collection; NaN if none has collected yet. */
    private double lastCollectionBytes() {
        double total = 0;
        boolean any = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (u != null) {
                total += u.getUsed();
                any = true;
            }
        }
        long count = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
        return any && count > 0 ? total : Double.NaN;
    }

    private double heapBytes(Map<String, MemoryUsage> after) {
        double total = 0;
        for (Map.Entry<String, MemoryUsage> e : after.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                total += e.getValue().getUsed();
            }
        }
        return total;
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // already removed
            }
        }
        emitters.clear();
    }
}
