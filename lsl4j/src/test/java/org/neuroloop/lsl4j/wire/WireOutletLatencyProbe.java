package org.neuroloop.lsl4j.wire;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.liblsl.Lsl;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;
import org.neuroloop.lsl4j.liblsl.StreamOutlet;
import org.neuroloop.lsl4j.liblsl.StreamResolver;

/**
 * A hand-run measurement (not a test): push → receive latency of single samples from a {@link WireOutlet} and from
 * liblsl's {@link StreamOutlet}, in one process, read by
 * <ul>
 *   <li>{@code inlet}: a liblsl {@link StreamInlet} polled without waiting ({@code pullChunk(..., 0.0)}, then
 *       {@code parkNanos(20 µs)} when empty), what a low-latency liblsl consumer does;</li>
 *   <li>{@code raw}: a plain socket speaking the feed protocol, blocked in {@code read} and decoding with
 *       {@link SampleCodec}: the outlet's own hand-off latency without any consumer-side buffering.</li>
 * </ul>
 * Each sample is stamped with {@link Lsl#localClock()} just before the push; latency = receive clock − timestamp;
 * {@code push_call} is how long the push call took (for WireOutlet: encode + write into every socket; for liblsl:
 * enqueue). Prints one JSON line per combination (microseconds).
 *
 * <p>Run from the repository root (it needs lsl_api.cfg there), after {@code test-compile}:
 * {@code java -cp "ingest/target-X/test-classes:ingest/target-X/classes:dsp/target-X/classes:<deps>"
 * org.neuroloop.lsl4j.wire.WireOutletLatencyProbe [samples=2000] [rate=250] [channels=32]}
 */
public final class WireOutletLatencyProbe {
    private static final int WARM_UP = 50;

    private WireOutletLatencyProbe() {}

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 250;
        int channels = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        for (String reader : List.of("inlet", "raw")) {
            for (String kind : List.of("wire", "liblsl")) {
                String name =
                        "nl-probe-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
                try (StreamInfo info = StreamInfo.create(name, "EEG", channels, rate, ChannelFormat.FLOAT32, "")) {
                    LslOutlet out =
                            kind.equals("wire") ? new WireOutlet(Lsl4jInfo.of(info.toXml())) : new StreamOutlet(info);
                    try (out) {
                        double[] pushCall = new double[samples + WARM_UP];
                        double[] lat = measure(out, name, reader, samples, rate, channels, pushCall);
                        Arrays.sort(lat);
                        double[] calls = Arrays.copyOfRange(pushCall, WARM_UP, pushCall.length);
                        Arrays.sort(calls);
                        System.out.printf(
                                Locale.ROOT,
                                "{\"outlet\":\"%s\",\"reader\":\"%s\",\"samples\":%d,\"rate\":%.0f,"
                                        + "\"channels\":%d,\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,\"max_us\":%.1f,"
                                        + "\"push_call_p50_us\":%.1f,\"push_call_p99_us\":%.1f}%n",
                                kind,
                                reader,
                                lat.length,
                                rate,
                                channels,
                                pct(lat, 0.5),
                                pct(lat, 0.9),
                                pct(lat, 0.99),
                                lat[lat.length - 1],
                                pct(calls, 0.5),
                                pct(calls, 0.99));
                    }
                }
            }
        }
    }

    private static double pct(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    private static double[] measure(
            LslOutlet out, String name, String reader, int samples, double rate, int channels, double[] pushCall)
            throws Exception {
        List<StreamInfo> found = StreamResolver.resolveByProperty("name", name, 1, 10.0);
        if (found.isEmpty()) {
            throw new IllegalStateException("stream " + name + " not resolved");
        }
        double[] latency = new double[samples];
        int received;
        if (reader.equals("inlet")) {
            try (StreamInlet in = new StreamInlet(found.get(0), 360, 0, false)) {
                StreamResolver.closeAll(found);
                in.open(10.0);
                Thread pusher = startPusher(out, samples, rate, channels, pushCall);
                received = pollInlet(in, channels, latency, deadline(samples, rate));
                pusher.join(10_000);
            }
        } else {
            String xml = found.get(0).toXml();
            String uid = found.get(0).uid();
            StreamResolver.closeAll(found);
            int port = Integer.parseInt(xml.replaceAll("(?s).*<v4data_port>(\\d+)</v4data_port>.*", "$1"));
            try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                s.setTcpNoDelay(true);
                s.getOutputStream()
                        .write(("LSL:streamfeed/110 " + uid + "\r\nNative-Byte-Order: 1234\r\nEndian-Performance: 0\r\n"
                                        + "Has-IEEE754-Floats: 1\r\nSupports-Subnormals: 1\r\nValue-Size: 4\r\nData-Protocol-Version: 110\r\n"
                                        + "Max-Buffer-Length: 360\r\nMax-Chunk-Length: 0\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout(10_000);
                Thread pusher = startPusher(out, samples, rate, channels, pushCall);
                received = readRaw(s.getInputStream(), new SampleCodec(ChannelFormat.FLOAT32, channels, rate), latency);
                pusher.join(10_000);
            }
        }
        return Arrays.copyOf(latency, received);
    }

    private static long deadline(int samples, double rate) {
        return System.nanoTime() + (long) ((samples + WARM_UP) / rate * 1e9) + 10_000_000_000L;
    }

    private static Thread startPusher(LslOutlet out, int samples, double rate, int channels, double[] pushCall) {
        if (!out.waitForConsumers(10.0)) {
            throw new IllegalStateException("no consumer");
        }
        Thread pusher = new Thread(() -> push(out, samples + WARM_UP, rate, channels, pushCall), "probe-pusher");
        pusher.setDaemon(true);
        pusher.start();
        return pusher;
    }

    private static int pollInlet(StreamInlet in, int channels, double[] latency, long deadline) {
        float[] buf = new float[64 * channels];
        double[] ts = new double[64];
        int received = 0;
        int skipped = 0;
        while (received < latency.length && System.nanoTime() < deadline) {
            int n = in.pullChunk(buf, ts, 0.0);
            if (n == 0) {
                LockSupport.parkNanos(20_000);
                continue;
            }
            double now = Lsl.localClock();
            for (int i = 0; i < n; i++) {
                if (skipped < WARM_UP) {
                    skipped++;
                } else if (received < latency.length) {
                    latency[received++] = (now - ts[i]) * 1e6;
                }
            }
        }
        return received;
    }

    /** Reads the feed's header, test patterns and samples with blocking reads. */
    private static int readRaw(InputStream in, SampleCodec codec, double[] latency) throws Exception {
        ByteBuffer buf = SampleCodec.buffer(1 << 16);
        buf.flip();
        byte[] chunk = new byte[1 << 15];
        float[] row = new float[codec.channels()];
        boolean header = false;
        int patterns = 0;
        int skipped = 0;
        int received = 0;
        double previous = 0;
        while (received < latency.length) {
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            double now = Lsl.localClock();
            buf.compact().put(chunk, 0, n).flip();
            if (!header) {
                String text = new String(buf.array(), 0, buf.limit(), StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end < 0) {
                    continue;
                }
                if (!text.startsWith("LSL/110 200")) {
                    throw new IllegalStateException("feed refused: " + text.substring(0, end));
                }
                buf.position(end + 4);
                header = true;
            }
            while (codec.completeSampleSize(buf) > 0) {
                if (patterns < 2) {
                    codec.checkTestPattern(buf, SampleCodec.TEST_PATTERN_OFFSETS[patterns++]);
                    continue;
                }
                previous = codec.decode(buf, row, 0, previous);
                if (skipped < WARM_UP) {
                    skipped++;
                } else if (received < latency.length) {
                    latency[received++] = (now - previous) * 1e6;
                }
            }
        }
        return received;
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
