package org.neuroloop.bench.wake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * How long this machine takes to wake a waiting thread, the step every hop of the closed loop repeats: a timed sleep
 * ({@code parkNanos} of 1 ms, its overshoot) and a loopback TCP hop (one thread writes the send time into a socket,
 * another, blocked in a read, stamps the arrival), paced like the closed loop's samples (every 2 ms). Both run on a
 * machine that is otherwise as it is; {@link org.neuroloop.deploy.host.IdleCorePoller} is the comparison.
 */
public final class WakeProbe {
    private static final long SLEEP_NANOS = 1_000_000L;
    private static final long HOP_PERIOD_NANOS = 2_000_000L;

    private WakeProbe() {}

    /** Overshoots of 1 ms timed sleeps over {@code seconds}, in ms. */
    public static double[] sleepOvershootsMs(double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        double[] out = new double[(int) (seconds * 1000) + 16];
        int n = 0;
        while (n < out.length) {
            long t = System.nanoTime();
            if (t > end) {
                break;
            }
            LockSupport.parkNanos(SLEEP_NANOS);
            out[n++] = (System.nanoTime() - t - SLEEP_NANOS) / 1e6;
        }
        return Arrays.copyOf(out, n);
    }

    /** Send-to-receive times of a loopback TCP hop, one 8-byte message every 2 ms over {@code seconds}, in ms. */
    public static double[] loopbackHopsMs(double seconds) throws IOException, InterruptedException {
        int count = (int) (seconds * 1e9 / HOP_PERIOD_NANOS);
        double[] out = new double[count];
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel tx = SocketChannel.open(server.getLocalAddress());
                    SocketChannel rx = server.accept()) {
                tx.socket().setTcpNoDelay(true);
                int[] received = {0};
                Thread reader = new Thread(() -> read(rx, out, received), "wake-probe-reader");
                reader.start();
                ByteBuffer b = ByteBuffer.allocate(Long.BYTES);
                long next = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    next += HOP_PERIOD_NANOS;
                    LockSupport.parkNanos(next - System.nanoTime());
                    b.clear();
                    b.putLong(System.nanoTime()).flip();
                    while (b.hasRemaining()) {
                        tx.write(b);
                    }
                }
                tx.shutdownOutput();
                reader.join();
                return Arrays.copyOf(out, received[0]);
            }
        }
    }

    private static void read(SocketChannel rx, double[] out, int[] received) {
        ByteBuffer b = ByteBuffer.allocate(Long.BYTES);
        try {
            while (received[0] < out.length) {
                b.clear();
                while (b.hasRemaining()) {
                    if (rx.read(b) < 0) {
                        return;
                    }
                }
                long now = System.nanoTime();
                out[received[0]++] = (now - b.getLong(0)) / 1e6;
            }
        } catch (IOException e) {
            // the writer closed early; what arrived is reported
        }
    }

    /** Count, percentiles and the share of waits above 1, 2 and 5 ms. */
    public static Map<String, Object> summary(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.length);
        if (s.length == 0) {
            return m;
        }
        m.put("p50_ms", round(at(s, 0.50)));
        m.put("p99_ms", round(at(s, 0.99)));
        m.put("p999_ms", round(at(s, 0.999)));
        m.put("max_ms", round(s[s.length - 1]));
        for (double limit : new double[] {1, 2, 5}) {
            long over = Arrays.stream(s).filter(x -> x > limit).count();
            m.put("share_over_" + (int) limit + "ms", over / (double) s.length);
        }
        return m;
    }

    private static double at(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
