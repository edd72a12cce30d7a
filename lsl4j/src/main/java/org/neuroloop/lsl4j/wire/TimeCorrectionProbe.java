package org.neuroloop.lsl4j.wire;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.neuroloop.lsl4j.LslConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of an outlet's clock-offset service (docs/lsl-protocol.md §5): a wave of UDP {@code LSL:timedata} probes to
 * the
 * outlet's service port, answered with the outlet's receive and send times, gives the offset between the two LSL
 * clocks, NTP style. For a reply to the probe sent at local time t0, received by the outlet at t1, answered at t2
 * (outlet clock) and received back at t3:
 * <pre>
 *   rtt    = (t3 - t0) - (t2 - t1)
 *   offset = ((t1 - t0) + (t2 - t3)) / 2       (outlet clock - local clock)
 * </pre>
 * The wave's estimate is the offset of the probe with the smallest rtt (its error bound), and the time correction,
 * the value to add to the outlet's timestamps, is {@code -offset}. As in liblsl (time_receiver.cpp) a wave has
 * {@value #PROBE_COUNT} probes, waits {@value #MAX_RTT_SECONDS} s for late replies after the last one and needs at
 * least {@value #MIN_PROBES} replies.
 *
 * <p>One difference: liblsl spaces the probes 64 ms apart to sample a LAN at independent moments; this client only
 * talks to loopback (round trips of ~0.1 ms), where 64 ms buys nothing and would make the first, blocking measurement
 * take 0.6 s. Probes go {@value #PROBE_INTERVAL_MILLIS} ms apart, so a wave on loopback ends after ~75 ms.
 *
 * <p>The local clock is {@code System.nanoTime()} in seconds: on Linux both it and liblsl's {@code lsl_local_clock()}
 * read CLOCK_MONOTONIC (docs/lsl-protocol.md §0), so no native call is needed. Waves are serialized; the socket is
 * bound to
 * 127.0.0.1.
 */
public final class TimeCorrectionProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TimeCorrectionProbe.class);

    /** Probes per wave (liblsl TimeProbeCount). */
    public static final int PROBE_COUNT = 8;
    /** Replies a wave needs to count (liblsl TimeUpdateMinProbes). */
    public static final int MIN_PROBES = 6;
    /** Spacing of the probes of a wave (liblsl: 64 ms; see the class comment). */
    public static final int PROBE_INTERVAL_MILLIS = 10;
    /** How long after the last probe replies are still awaited (liblsl TimeProbeMaxRTT). */
    public static final double MAX_RTT_SECONDS = 0.128;
    /** A best round trip up to this is trusted at once (loopback: ~0.1 ms); a slower one makes the wave repeat. */
    static final double GOOD_RTT_SECONDS = 0.5e-3;
    /** Most waves one measurement runs (after the warm-up wave) looking for a good round trip. */
    static final int MAX_WAVES = 4;

    private final InetSocketAddress service;
    private final byte[] replyBytes = new byte[512];
    private final DatagramPacket reply = new DatagramPacket(replyBytes, replyBytes.length);
    private volatile DatagramSocket socket;
    private int waveId = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE / 2);
    private volatile boolean closed;
    private boolean warm;

    /** A probe client for the outlet service at {@code address:servicePort} (UDP). */
    public TimeCorrectionProbe(InetAddress address, int servicePort) {
        this.service = new InetSocketAddress(address, servicePort);
    }

    /** The local LSL clock, seconds. */
    public static double localClock() {
        return System.nanoTime() * 1e-9;
    }

    /**
     * Runs one wave of probes.
     *
     * @param deadlineNanos give up at this {@code System.nanoTime()} even if the wave is not over
     * @return the time correction (seconds to add to the outlet's timestamps), or NaN when fewer than
     *         {@value #MIN_PROBES} replies arrived in time or the probe was closed
     */
    public synchronized double measure(long deadlineNanos) {
        if (!warm) {
            // the first wave runs through cold code on both ends (class loading, interpreter), and time spent between
            // a stamp and its packet biases the offset by half of it (measured: ~3 ms on a loaded machine); it only
            // warms the path
            warm = true;
            wave(deadlineNanos);
        }
        // a wave whose best round trip is slow (threads starved on a loaded machine) may be off by half of it:
        // try again, up to MAX_WAVES, and keep the best round trip of all
        double[] best = null;
        for (int i = 0; i < MAX_WAVES && (best == null || best[1] > GOOD_RTT_SECONDS); i++) {
            double[] w = wave(deadlineNanos);
            if (w != null && (best == null || w[1] < best[1])) {
                best = w;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                break;
            }
        }
        return best == null ? Double.NaN : best[0];
    }

    /** One wave: {@code {time correction, its round trip}}, or null (too few replies, closed). */
    private double[] wave(long deadlineNanos) {
        if (closed) {
            return null;
        }
        int wave = ++waveId;
        long interval = PROBE_INTERVAL_MILLIS * 1_000_000L;
        long start = System.nanoTime();
        long end = Math.min(deadlineNanos, start + (PROBE_COUNT - 1) * interval + (long) (MAX_RTT_SECONDS * 1e9));
        int sent = 0;
        int replies = 0;
        double[] written = new double[PROBE_COUNT];
        double[] sentAt = new double[PROBE_COUNT];
        double bestRtt = Double.POSITIVE_INFINITY;
        double bestOffset = Double.NaN;
        try {
            DatagramSocket s = socket();
            while (true) {
                long now = System.nanoTime();
                if (sent < PROBE_COUNT && now - (start + sent * interval) >= 0) {
                    written[sent] = localClock();
                    byte[] probe = ("LSL:timedata\r\n" + wave + " " + written[sent] + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    DatagramPacket packet = new DatagramPacket(probe, probe.length, service);
                    // the probe's true send time: formatting it after the stamp would count as network delay
                    sentAt[sent] = localClock();
                    s.send(packet);
                    sent++;
                    continue;
                }
                if (replies == PROBE_COUNT || now - end >= 0) {
                    break;
                }
                long until = sent < PROBE_COUNT ? Math.min(start + sent * interval, end) : end;
                s.setSoTimeout((int) Math.max(1, (until - now + 999_999) / 1_000_000));
                try {
                    s.receive(reply);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                double t3 = localClock();
                double[] t = parseReply(new String(replyBytes, 0, reply.getLength(), StandardCharsets.US_ASCII), wave);
                if (t == null) {
                    continue;
                }
                double t0 = sendTime(t[0], written, sentAt, sent);
                double rtt = (t3 - t0) - (t[2] - t[1]);
                double offset = ((t[1] - t0) + (t[2] - t3)) / 2;
                replies++;
                if (rtt < bestRtt) {
                    bestRtt = rtt;
                    bestOffset = offset;
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("LSL time probe to {} failed: {}", service, e.toString());
            }
            return null;
        }
        if (replies < MIN_PROBES) {
            LOG.debug("LSL time probe wave to {}: {} of {} replies (need {})", service, replies, sent, MIN_PROBES);
            return null;
        }
        return new double[] {-bestOffset, bestRtt};
    }

    /** When the probe that carried {@code t0} (echoed by the outlet) left; {@code t0} itself if it is not ours. */
    private static double sendTime(double t0, double[] written, double[] sentAt, int sent) {
        for (int i = 0; i < sent; i++) {
            if (written[i] == t0) {
                return sentAt[i];
            }
        }
        return t0;
    }

    /**
     * {@code {t0, t1, t2}} from a reply {@code " <wave> <t0> <t1> <t2>"} of this wave, else null (stale or not ours).
     */
    static double[] parseReply(String text, int wave) {
        String[] f = text.trim().split("\\s+");
        if (f.length < 4) {
            return null;
        }
        try {
            if (Integer.parseInt(f[0]) != wave) {
                return null;
            }
            return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private DatagramSocket socket() throws IOException {
        DatagramSocket s = socket;
        if (s == null) {
            // from the loopback address (127.0.0.1 or ::1) to a loopback outlet, so the probe never leaves the host;
            // else from any interface
            InetAddress to = service.getAddress();
            InetAddress from = to instanceof Inet6Address
                    ? LslConfig.ipv6Loopback()
                    : InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            s = to.isLoopbackAddress() ? new DatagramSocket(new InetSocketAddress(from, 0)) : new DatagramSocket(0);
            socket = s;
            if (closed) {
                s.close();
                throw new SocketException("time probe closed");
            }
        }
        return s;
    }

    /** Where the probes are sent from, or null before the first wave. */
    public InetSocketAddress localAddress() {
        DatagramSocket s = socket;
        return s == null ? null : (InetSocketAddress) s.getLocalSocketAddress();
    }

    /** Closes the socket; a running wave ends at once with NaN. */
    @Override
    public void close() {
        closed = true;
        DatagramSocket s = socket;
        if (s != null) {
            s.close();
        }
    }
}
