package org.neuroloop.ingest.lsl.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.neuroloop.ingest.lsl.ChannelFormat;
import org.neuroloop.ingest.lsl.Lsl;
import org.neuroloop.ingest.lsl.LslOutlet;
import org.neuroloop.ingest.lsl.StreamInfo;
import org.neuroloop.ingest.lsl.StreamInlet;
import org.neuroloop.ingest.lsl.StreamOutlet;
import org.neuroloop.ingest.lsl.StreamResolver;

/**
 * A hand-run measurement (not a test): push → receive latency of single samples from a {@link WireOutlet} and from
 * liblsl's {@link StreamOutlet}, both read by a liblsl {@link StreamInlet} that polls without waiting
 * ({@code pullChunk(..., 0.0)} then {@code parkNanos(20 µs)}), in the same process. Each sample is stamped with
 * {@link Lsl#localClock()} just before the push; latency = receive clock − timestamp; {@code push_call} is how long
 * the push call itself took (for WireOutlet: encode + write to the socket). Prints one JSON line per outlet and run
 * (microseconds), alternating wire, liblsl, wire, liblsl.
 *
 * <p>Run from the repository root (it needs lsl_api.cfg there):
 * {@code java -cp "ingest/target-X/test-classes:ingest/target-X/classes:dsp/target-X/classes:<deps>"
 * org.neuroloop.ingest.lsl.wire.WireOutletLatencyProbe [samples=2000] [rate=250] [channels=32]}
 */
public final class WireOutletLatencyProbe {
    private WireOutletLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 250;
        int channels = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        for (String kind : List.of("wire", "liblsl", "wire", "liblsl")) {
            String name = "nl-probe-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
            try (StreamInfo info = StreamInfo.create(name, "EEG", channels, rate, ChannelFormat.FLOAT32, "")) {
                LslOutlet out = kind.equals("wire") ? new WireOutlet(info) : new StreamOutlet(info);
                try (out) {
                    double[] pushCall = new double[samples + 50];
                    double[] lat = measure(out, name, samples, rate, channels, pushCall);
                    Arrays.sort(lat);
                    double[] calls = Arrays.copyOfRange(pushCall, 50, pushCall.length);
                    Arrays.sort(calls);
                    System.out.printf(Locale.ROOT, "{\"outlet\":\"%s\",\"samples\":%d,\"rate\":%.0f,\"channels\":%d,"
                                    + "\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,\"max_us\":%.1f,"
                                    + "\"push_call_p50_us\":%.1f,\"push_call_p99_us\":%.1f}%n", kind, lat.length, rate,
                            channels, pct(lat, 0.5), pct(lat, 0.9), pct(lat, 0.99), lat[lat.length - 1], pct(calls, 0.5),
                            pct(calls, 0.99));
                }
            }
        }
    }

    private static double pct(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    private static double[] measure(LslOutlet out, String name, int samples, double rate, int channels, double[] pushCall)
            throws Exception {
        List<StreamInfo> found = StreamResolver.resolveByProperty("name", name, 1, 10.0);
        if (found.isEmpty()) {
            throw new IllegalStateException("stream " + name + " not resolved");
        }
        try (StreamInlet in = new StreamInlet(found.get(0), 360, 0, false)) {
            StreamResolver.closeAll(found);
            in.open(10.0);
            if (!out.waitForConsumers(10.0)) {
                throw new IllegalStateException("no consumer for " + name);
            }
            double[] latency = new double[samples];
            int[] received = {0};
            Thread pusher = new Thread(() -> push(out, samples + 50, rate, channels, pushCall), "probe-pusher");
            pusher.setDaemon(true);
            pusher.start();
            float[] buf = new float[64 * channels];
            double[] ts = new double[64];
            int skipped = 0;
            long deadline = System.nanoTime() + (long) ((samples + 50) / rate * 1e9) + 10_000_000_000L;
            while (received[0] < samples && System.nanoTime() < deadline) {
                int n = in.pullChunk(buf, ts, 0.0);
                if (n == 0) {
                    LockSupport.parkNanos(20_000);
                    continue;
                }
                double now = Lsl.localClock();
                for (int i = 0; i < n; i++) {
                    if (skipped < 50) { // warm-up
                        skipped++;
                    } else if (received[0] < samples) {
                        latency[received[0]++] = (now - ts[i]) * 1e6;
                    }
                }
            }
            pusher.join(10_000);
            return Arrays.copyOf(latency, received[0]);
        }
    }

    /** Pushes {@code count} single samples at {@code rate}; {@code pushCall[i]} = duration of push i, µs. */
    private static void push(LslOutlet out, int count, double rate, int channels, double[] pushCall) {
        float[] one = new float[channels];
        double[] stamp = new double[1];
        long period = (long) (1e9 / rate);
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            next += period;
            LockSupport.parkNanos(next - System.nanoTime());
            Arrays.fill(one, i);
            stamp[0] = Lsl.localClock();
            out.pushChunk(one, 1, stamp, true);
            pushCall[i] = (Lsl.localClock() - stamp[0]) * 1e6;
        }
    }
}
