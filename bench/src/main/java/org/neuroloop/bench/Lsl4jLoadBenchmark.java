package org.neuroloop.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.neuroloop.bench.lsl.LslEndpoints;
import org.neuroloop.bench.lsl.LslPairBenchmark;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamInlet;
import org.neuroloop.lsl4j.StreamOutlet;
import org.neuroloop.lsl4j.StreamResolver;

/**
 * lsl4j under load on this machine, each figure from its own outlet(s) and inlet(s) on loopback:
 * <ul>
 *   <li>{@link #oneHop} and {@link #throughput}: {@link LslPairBenchmark} with lsl4j at both ends;</li>
 *   <li>{@link #sustained}: a paced stream for minutes, with lost samples (pushed − received) and the heap after
 *       GC;</li>
 *   <li>{@link #consumers}: one paced outlet read by many inlets, each counting what it got;</li>
 *   <li>{@link #outlets}: many outlets found by one resolve.</li>
 * </ul>
 */
public final class Lsl4jLoadBenchmark {
    private final String tag = Long.toString(System.nanoTime() % 1_000_000, 36);

    private StreamOutlet outlet(String name, int channels, double rate) {
        return new StreamOutlet(StreamInfo.create(name, "EEG", channels, rate, ChannelFormat.FLOAT32, name));
    }

    private static StreamInlet inlet(String name) {
        List<StreamInfo> found = StreamResolver.resolveByProp("name", name, 1, 10.0);
        if (found.isEmpty()) {
            throw new IllegalStateException("cannot resolve the benchmark's own outlet " + name);
        }
        StreamInlet in = new StreamInlet(found.get(0), 360, 0, false);
        in.openStream(10.0);
        return in;
    }

    /** Reads {@code in} on a daemon thread until interrupted; counts samples, records push-to-pull latencies. */
    private static Thread reader(StreamInlet in, int channels, AtomicLong count, double[] latencies) {
        Thread t = new Thread(
                () -> {
                    float[] buf = new float[256 * channels];
                    double[] ts = new double[256];
                    while (!Thread.currentThread().isInterrupted()) {
                        int n;
                        try {
                            n = in.pullChunk(buf, ts, 0.05);
                        } catch (RuntimeException e) {
                            return;
                        }
                        double now = Lsl.localClock();
                        for (int i = 0; i < n && latencies != null; i++) {
                            long k = count.get() + i;
                            if (k < latencies.length) {
                                latencies[(int) k] = now - ts[i];
                            }
                        }
                        count.addAndGet(n);
                    }
                },
                "bench-lsl4j-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Pushes one sample at a time at {@code rate} for {@code seconds}; returns the samples pushed. */
    private static long pace(StreamOutlet out, int channels, double rate, double seconds, Runnable every10s) {
        float[] sample = new float[channels];
        double[] ts = new double[1];
        long n = (long) (rate * seconds);
        long start = System.nanoTime();
        long nextReport = start + 10_000_000_000L;
        for (long i = 0; i < n; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sample[0] = i;
            ts[0] = Lsl.localClock();
            out.pushChunk(sample, 1, ts, true);
            if (every10s != null && System.nanoTime() - nextReport >= 0) {
                every10s.run();
                nextReport += 10_000_000_000L;
            }
        }
        return n;
    }

    private static void settle(AtomicLong received, long expected) {
        long end = System.nanoTime() + 5_000_000_000L;
        while (received.get() < expected && System.nanoTime() < end) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** One hop: p50/p99/max of push-to-pull, milliseconds ({@link LslPairBenchmark#oneHop}, lsl4j at both ends). */
    public Map<String, Object> oneHop(int channels, double rate, double seconds) {
        return new LslPairBenchmark(LslEndpoints.LSL4J, LslEndpoints.LSL4J).oneHop(channels, rate, seconds, 0);
    }

    /** Samples per second an inlet receives of chunks pushed back to back ({@link LslPairBenchmark#throughput}). */
    public Map<String, Object> throughput(int channels, int chunk, double seconds) {
        return new LslPairBenchmark(LslEndpoints.LSL4J, LslEndpoints.LSL4J).throughput(channels, chunk, seconds);
    }

    /** A paced stream for {@code minutes}: lost samples and heap after GC every 10 s. */
    public Map<String, Object> sustained(int channels, double rate, double minutes) {
        String name = "nl-bench-lsl4j-long-" + tag;
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        List<Double> heapMb = new ArrayList<>();
        try (StreamOutlet out = outlet(name, channels, rate);
                StreamInlet in = inlet(name)) {
            out.waitForConsumers(10);
            AtomicLong got = new AtomicLong();
            Thread r = reader(in, channels, got, null);
            Runnable sample = () -> {
                System.gc();
                heapMb.add(mem.getHeapMemoryUsage().getUsed() / 1e6);
                System.err.printf(
                        "bench lsl4j: %d samples received, heap %.1f MB%n", got.get(), heapMb.get(heapMb.size() - 1));
            };
            sample.run();
            long pushed = pace(out, channels, rate, minutes * 60, sample);
            settle(got, pushed);
            sample.run();
            r.interrupt();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channels", channels);
            m.put("rate_hz", rate);
            m.put("minutes", minutes);
            m.put("pushed", pushed);
            m.put("received", got.get());
            m.put("lost", pushed - got.get());
            m.put("dropped_by_outlet", out.wire().droppedSamples());
            m.put("heap_after_gc_mb", heapMb);
            return m;
        }
    }

    /** One outlet, {@code count} inlets: what each received of a paced stream. */
    public Map<String, Object> consumers(int count, int channels, double rate, double seconds) {
        String name = "nl-bench-lsl4j-fan-" + tag;
        try (StreamOutlet out = outlet(name, channels, rate)) {
            List<StreamInlet> inlets = new ArrayList<>();
            List<AtomicLong> counts = new ArrayList<>();
            List<Thread> readers = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    StreamInlet in = inlet(name);
                    inlets.add(in);
                    AtomicLong c = new AtomicLong();
                    counts.add(c);
                    readers.add(reader(in, channels, c, null));
                }
                long end = System.nanoTime() + 10_000_000_000L;
                while (out.wire().consumerCount() < count && System.nanoTime() < end) {
                    LockSupport.parkNanos(1_000_000);
                }
                long pushed = pace(out, channels, rate, seconds, null);
                for (AtomicLong c : counts) {
                    settle(c, pushed);
                }
                long min = counts.stream().mapToLong(AtomicLong::get).min().orElse(0);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("consumers", count);
                m.put("connected", out.wire().consumerCount());
                m.put("pushed", pushed);
                m.put("least_received", min);
                m.put(
                        "lost_total",
                        counts.stream().mapToLong(c -> pushed - c.get()).sum());
                return m;
            } finally {
                readers.forEach(Thread::interrupt);
                inlets.forEach(StreamInlet::close);
            }
        }
    }

    /**
     * {@code count} outlets, then one resolve for all of them: how many were found and how long it took. The 32 ports
     * of the default range hold 32 outlets, so this run widens the range (a loopback config in a temporary file,
     * chosen with {@link LslConfig#useFile}) to {@code count} + 64.
     */
    public Map<String, Object> outlets(int count) throws IOException {
        String prefix = "nl-bench-lsl4j-many-" + tag + "-";
        List<StreamOutlet> outs = new ArrayList<>();
        Path cfg = Files.createTempFile("nl-bench-lsl4j", ".cfg");
        Files.writeString(
                cfg,
                "[ports]\nIPv6 = disable\nPortRange = " + (count + 64) + "\n[multicast]\n"
                        + "ResolveScope = machine\n[lab]\nKnownPeers = {127.0.0.1}\n");
        LslConfig.useFile(cfg);
        try {
            for (int i = 0; i < count; i++) {
                outs.add(outlet(prefix + i, 1, 10));
            }
            long t0 = System.nanoTime();
            int found = StreamResolver.resolveByPred("starts-with(name,'" + prefix + "')", count, 10.0)
                    .size();
            double seconds = (System.nanoTime() - t0) * 1e-9;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outlets", count);
            m.put("found", found);
            m.put("resolve_seconds", seconds);
            return m;
        } finally {
            outs.forEach(StreamOutlet::close);
            LslConfig.useFile(null);
            Files.deleteIfExists(cfg);
        }
    }
}
