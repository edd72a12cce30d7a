package org.neuroloop.bench.lsl;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslOutlet;

/**
 * One outlet and one inlet of given implementations ({@link LslEndpoints}) in this process, on loopback:
 * <ul>
 *   <li>{@link #oneHop}: one sample per push, paced at the rate, stamped with the LSL clock at push; an inlet thread
 *       pulls one sample at a time (so a pull returns the moment a sample is there) and records (now − stamp);</li>
 *   <li>{@link #throughput}: chunks pushed back to back, at most ~1 s of data in flight so no outlet drops any; the
 *       samples per second the inlet receives.</li>
 * </ul>
 * Both implementations' clocks are {@code CLOCK_MONOTONIC}, so stamps from one are read on the other.
 */
public final class LslPairBenchmark {
    private final LslEndpoints from;
    private final LslEndpoints to;
    private final String tag = Long.toString(System.nanoTime() % 1_000_000, 36);

    public LslPairBenchmark(LslEndpoints from, LslEndpoints to) {
        this.from = from;
        this.to = to;
    }

    private String name(String what) {
        return "nl-bench-" + from.label() + "-" + to.label() + "-" + what + "-" + tag;
    }

    /** p50/p99/max of push → pull in milliseconds, after {@code warmupSeconds} unmeasured. */
    public Map<String, Object> oneHop(int channels, double rate, double seconds, double warmupSeconds) {
        String name = name("hop");
        try (LslOutlet out = from.outlet(name, channels, rate);
                LslInlet in = to.inlet(name)) {
            if (!out.waitForConsumers(10)) {
                throw new IllegalStateException(to.label() + " inlet never connected to " + name);
            }
            long warm = (long) (rate * warmupSeconds);
            long total = warm + (long) (rate * seconds);
            double[] lat = new double[(int) (total - warm)];
            AtomicLong got = new AtomicLong();
            Thread r = new Thread(
                    () -> {
                        float[] one = new float[channels];
                        double[] ts = new double[1];
                        while (!Thread.currentThread().isInterrupted()) {
                            int n;
                            try {
                                n = in.pullChunk(one, ts, 0.05);
                            } catch (RuntimeException e) {
                                return;
                            }
                            if (n == 1) {
                                double now = Lsl.localClock();
                                long k = got.getAndIncrement() - warm;
                                if (k >= 0 && k < lat.length) {
                                    lat[(int) k] = now - ts[0];
                                }
                            }
                        }
                    },
                    "bench-hop-reader");
            r.setDaemon(true);
            r.start();
            float[] sample = new float[channels];
            double[] ts = new double[1];
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                sample[0] = i;
                ts[0] = Lsl.localClock();
                out.pushChunk(sample, 1, ts, true);
            }
            settle(got, total);
            r.interrupt();
            int n = (int) Math.max(0, Math.min(got.get() - warm, lat.length));
            double[] v = Arrays.copyOf(lat, n);
            Arrays.sort(v);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pushed", total - warm);
            m.put("samples", n);
            m.put("p50_ms", n == 0 ? Double.NaN : ms(v[n / 2]));
            m.put("p99_ms", n == 0 ? Double.NaN : ms(v[(int) (n * 0.99)]));
            m.put("max_ms", n == 0 ? Double.NaN : ms(v[n - 1]));
            return m;
        }
    }

    /** Samples per second the inlet receives when chunks of {@code chunk} samples are pushed back to back. */
    public Map<String, Object> throughput(int channels, int chunk, double seconds) {
        String name = name("tput");
        try (LslOutlet out = from.outlet(name, channels, 1000);
                LslInlet in = to.inlet(name)) {
            if (!out.waitForConsumers(10)) {
                throw new IllegalStateException(to.label() + " inlet never connected to " + name);
            }
            AtomicLong got = new AtomicLong();
            Thread r = new Thread(
                    () -> {
                        float[] buf = new float[256 * channels];
                        double[] ts = new double[256];
                        while (!Thread.currentThread().isInterrupted()) {
                            int n;
                            try {
                                n = in.pullChunk(buf, ts, 0.0);
                            } catch (RuntimeException e) {
                                return;
                            }
                            got.addAndGet(n);
                            if (n == 0) {
                                LockSupport.parkNanos(
                                        20_000); // both implementations polled alike: neither blocks inside
                            }
                        }
                    },
                    "bench-throughput-reader");
            r.setDaemon(true);
            r.start();
            float[] data = new float[chunk * channels];
            double[] ts = new double[chunk];
            long pushed = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                while (pushed - got.get() > 1000L * chunk && System.nanoTime() < end) {
                    LockSupport.parkNanos(100_000);
                }
                Arrays.fill(ts, Lsl.localClock());
                out.pushChunk(data, chunk, ts, true);
                pushed += chunk;
            }
            settle(got, pushed);
            double elapsed = (System.nanoTime() - start) * 1e-9;
            r.interrupt();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channels", channels);
            m.put("chunk_samples", chunk);
            m.put("samples_per_second", Math.round(got.get() / elapsed));
            m.put("megabytes_per_second", Math.round(got.get() * channels * 4 / elapsed / 1e5) / 10.0);
            m.put("lost", pushed - got.get());
            return m;
        }
    }

    private static void settle(AtomicLong received, long expected) {
        long end = System.nanoTime() + 5_000_000_000L;
        while (received.get() < expected && System.nanoTime() < end) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static double ms(double seconds) {
        return Math.round(seconds * 1e7) / 1e4;
    }
}
