package org.neuroloop.deploy.job;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.dsp.record.Chunk;

/**
 * Chained right after a source, counts with {@code ThreadMXBean} the bytes the task thread allocates while everything
 * chained after it handles each chunk (downstream runs synchronously inside {@code collect}), after a warm-up.
 *
 * <p>Flink runs a serialized copy of the probe, so the counts live in a static registry under the probe's own id:
 * every new probe starts from zero, and the allocation tests that share one JVM never see each other's counts.
 */
public final class AllocationProbe extends ProcessFunction<Chunk, Chunk> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Counts> COUNTS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final long warmUp;
    private transient ThreadMXBean threads;
    private transient Counts counts;
    private transient long seen;

    /** A probe that measures the chunks after the first {@code warmUp}. */
    public AllocationProbe(long warmUp) {
        this.warmUp = warmUp;
        COUNTS.put(id, new Counts());
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<Chunk> out) {
        if (threads == null) {
            threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            counts = COUNTS.get(id);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        out.collect(chunk);
        long after = threads.getCurrentThreadAllocatedBytes();
        if (++seen > warmUp) {
            counts.allocated.addAndGet(after - before);
            counts.chunks.incrementAndGet();
        }
    }

    /** Bytes allocated by the chain after the probe, summed over the measured chunks. */
    public long allocatedBytes() {
        return COUNTS.get(id).allocated.get();
    }

    /** Chunks measured so far (those after the warm-up). */
    public long measuredChunks() {
        return COUNTS.get(id).chunks.get();
    }

    private static final class Counts {
        final AtomicLong allocated = new AtomicLong();
        final AtomicLong chunks = new AtomicLong();
    }
}
