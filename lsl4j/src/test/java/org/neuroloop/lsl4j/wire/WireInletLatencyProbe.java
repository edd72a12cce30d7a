package org.neuroloop.lsl4j.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.liblsl.Lsl;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;
import org.neuroloop.lsl4j.liblsl.StreamOutlet;
import org.neuroloop.lsl4j.liblsl.StreamResolver;

/**
 * A hand-run measurement (not a test): push → pull latency of single 32-channel float32 samples, one every 4 ms,
 * stamped with {@link Lsl#localClock()} just before the push, read in the same run by two consumers of the same
 * outlet, each on its own thread:
 * <ul>
 *   <li>{@code wire}: a {@link WireInlet} with blocking pulls ({@code pullChunk(..., 1.0)});</li>
 *   <li>{@code liblsl}: liblsl's {@link StreamInlet} pulled without waiting ({@code pullChunk(..., 0.0)}) and
 *       {@code LockSupport.parkNanos(100 µs)} when empty, what the Flink LSL source did before.</li>
 * </ul>
 * Latency = {@link Lsl#localClock()} when the pull returns − the sample's timestamp. The outlet is liblsl's
 * {@link StreamOutlet} ({@code liblsl}), or NeuroLoop's {@link WireOutlet} ({@code wire}); both by default. Prints
 * one JSON line per (outlet, inlet), microseconds.
 *
 * <p>Run from the repository root (lsl_api.cfg), after {@code test-compile}:
 * {@code java -cp "ingest/target-X/test-classes:ingest/target-X/classes:<deps>"
 * org.neuroloop.lsl4j.wire.WireInletLatencyProbe [samples=2000] [outlets=liblsl,wire] [inlets=wire,liblsl]}
 * (naming one inlet measures it alone, without the other consumer's threads competing for the CPU)
 */
public final class WireInletLatencyProbe {
    private static final int CHANNELS = 32;
    private static final double RATE = 250.0;
    private static final long PERIOD_NANOS = 4_000_000L;
    private static final double WARM_TS = 1.0;

    private WireInletLatencyProbe() {}

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<String> outlets = List.of((args.length > 1 ? args[1] : "liblsl,wire").split(","));
        List<String> inlets = List.of((args.length > 2 ? args[2] : "wire,liblsl").split(","));
        for (String kind : outlets) {
            String name =
                    "nl-wi-latency-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
            try (StreamInfo created = StreamInfo.create(name, "EEG", CHANNELS, RATE, ChannelFormat.FLOAT32, name)) {
                LslOutlet out =
                        kind.equals("wire") ? new WireOutlet(Lsl4jInfo.of(created.toXml())) : new StreamOutlet(created);
                try (out) {
                    run(kind, out, name, samples, inlets);
                }
            }
        }
        System.exit(0);
    }

    private static void run(String kind, LslOutlet out, String name, int samples, List<String> inlets)
            throws Exception {
        List<StreamInfo> found = StreamResolver.resolveByProperty("name", name, 1, 10.0);
        if (found.isEmpty()) {
            throw new IllegalStateException("stream " + name + " not resolved");
        }
        List<LslInlet> opened = new ArrayList<>();
        try {
            for (String inlet : inlets) {
                LslInlet in = inlet.equals("wire")
                        ? new WireInlet(StreamEndpoint.fromXml(found.get(0).toXml()), 360)
                        : new StreamInlet(found.get(0), 360, 0, false);
                opened.add(in);
                in.open(10.0);
            }
        } finally {
            StreamResolver.closeAll(found);
        }
        try {
            warmUp(out, opened.toArray(new LslInlet[0]));
            double[][] lat = new double[opened.size()][samples];
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> readers = new ArrayList<>();
            for (int k = 0; k < opened.size(); k++) {
                LslInlet in = opened.get(k);
                double[] l = lat[k];
                // WireInlet: blocking pulls; liblsl: non-waiting pulls and a 100 µs park when empty
                readers.add(
                        in instanceof WireInlet
                                ? reader("wire", () -> receive(in, l, 1.0, 0), failure)
                                : reader("liblsl", () -> receive(in, l, 0.0, 100_000), failure));
            }
            readers.forEach(Thread::start);
            float[] row = new float[CHANNELS];
            double[] ts = new double[1];
            long next = System.nanoTime() + 50 * PERIOD_NANOS;
            for (int i = 0; i < samples; i++) {
                while (next - System.nanoTime() > 0) {
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                row[0] = i;
                ts[0] = Lsl.localClock();
                out.pushChunk(row, 1, ts, true);
                next += PERIOD_NANOS;
            }
            for (Thread t : readers) {
                t.join(20_000);
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a reader failed", failure.get());
            }
            for (int k = 0; k < opened.size(); k++) {
                print(
                        kind,
                        opened.get(k) instanceof WireInlet ? "wire_blocking" : "liblsl_poll_100us",
                        opened.size(),
                        lat[k]);
            }
        } finally {
            opened.forEach(LslInlet::close);
        }
    }

    private static Thread reader(String name, Runnable body, AtomicReference<Throwable> failure) {
        Thread t = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                },
                "probe-" + name);
        t.setDaemon(true);
        return t;
    }

    /** Pulls until {@code lat} is full; parks {@code parkNanos} after an empty pull when it is > 0. */
    private static void receive(LslInlet in, double[] lat, double timeout, long parkNanos) {
        float[] buf = new float[64 * CHANNELS];
        double[] ts = new double[64];
        int k = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (k < lat.length && System.nanoTime() < deadline) {
            int n = in.pullChunk(buf, ts, timeout);
            if (n == 0) {
                if (parkNanos > 0) {
                    LockSupport.parkNanos(parkNanos);
                }
                continue;
            }
            double now = Lsl.localClock();
            for (int i = 0; i < n && k < lat.length; i++) {
                if (ts[i] != WARM_TS) {
                    lat[k++] = now - ts[i];
                }
            }
        }
        if (k < lat.length) {
            throw new IllegalStateException("only " + k + " of " + lat.length + " samples arrived");
        }
    }

    /** Pushes warm-up samples until both inlets received one, then drains them. */
    private static void warmUp(LslOutlet out, LslInlet... inlets) {
        float[] row = new float[CHANNELS];
        float[] buf = new float[64 * CHANNELS];
        double[] ts = new double[64];
        boolean[] got = new boolean[inlets.length];
        long deadline = System.nanoTime() + 20_000_000_000L;
        boolean all = false;
        while (!all) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("warm-up samples never arrived");
            }
            out.pushChunk(row, 1, new double[] {WARM_TS}, true);
            all = true;
            for (int k = 0; k < inlets.length; k++) {
                got[k] |= inlets[k].pullChunk(buf, ts, 0.05) > 0;
                all &= got[k];
            }
        }
        for (LslInlet in : inlets) {
            while (in.pullChunk(buf, ts, 0.2) > 0) {
                // drain
            }
        }
    }

    private static void print(String outlet, String inlet, int consumers, double[] lat) {
        double[] s = lat.clone();
        Arrays.sort(s);
        System.out.printf(
                Locale.ROOT,
                "{\"outlet\":\"%s\",\"inlet\":\"%s\",\"consumers\":%d,\"samples\":%d,\"channels\":%d,\"period_ms\":4,"
                        + "\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,\"max_us\":%.1f}%n",
                outlet,
                inlet,
                consumers,
                s.length,
                CHANNELS,
                1e6 * q(s, 0.5),
                1e6 * q(s, 0.9),
                1e6 * q(s, 0.99),
                1e6 * s[s.length - 1]);
    }

    private static double q(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }
}
