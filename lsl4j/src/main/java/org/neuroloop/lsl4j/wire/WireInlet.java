package org.neuroloop.lsl4j.wire;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.LslTimeoutException;
import org.neuroloop.lsl4j.StreamInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inlet side of LSL protocol 1.10 in pure Java: subscribes to any liblsl (or NeuroLoop) outlet over TCP and
 * decodes its samples in the pulling thread itself. A waiting pull blocks on the socket (epoll) and returns the
 * moment a complete sample's bytes arrive: no receive thread, no queue, no polling (why that matters:
 * {@code docs/lsl-protocol.md}, "Why NeuroLoop carries its own data path").
 *
 * <p>Wire protocol (docs/lsl-protocol.md §3–4): {@link #open(double)} connects to the outlet's
 * {@code v4data_port}, sends the
 * {@link FeedHandshake} request for the resolved {@code uid}, checks the {@code LSL/110 200 OK} response (404: the
 * outlet was closed or replaced → {@link LslLostException}) and the two test-pattern samples; then samples follow as
 * {@code tag [f64 timestamp] values}, little endian. A deduced timestamp (tag 1) is the previous one plus
 * 1/nominal_srate (the same for an irregular stream), the first one counting from 0, as in liblsl.
 *
 * <p>Pulls fill caller-owned arrays sample-major ({@code out[i * channels + c]}) with up to
 * {@code min(out.length / channels, timestamps.length)} samples: every complete sample already buffered, then what
 * the socket holds without blocking; only when that is nothing and {@code timeoutSeconds > 0} they wait, up to the
 * timeout, for one complete sample (then take whatever else is readable). Bytes and samples beyond the capacity stay
 * for the next pull. A pull before {@link #open(double)} opens the stream first (allowing the handshake
 * {@code max(timeout, 5 s)}). Numeric pulls allocate nothing once the receive buffer has grown to the largest
 * sample; string pulls allocate the strings. When the outlet goes away (EOF, socket error), the samples already
 * received are still returned, then pulls throw {@link LslLostException}; the inlet does not reconnect
 * ({@link org.neuroloop.lsl4j.StreamInlet} does).
 *
 * <p>Timestamps are the outlet's; {@link #timeCorrection(double)} maps them to this host's clock through
 * {@link TimeCorrectionProbe}; {@link org.neuroloop.lsl4j.StreamInlet} adds post-processing and recovery.
 *
 * <p>Threading: one pulling thread. {@link #close()} may come from any thread; a pull blocked in another thread
 * then ends with {@link LslLostException}. Under a loopback-only config only loopback outlets are accepted
 * ({@link StreamEndpoint}).
 */
public final class WireInlet implements LslInlet {
    private static final Logger LOG = LoggerFactory.getLogger(WireInlet.class);

    /** The handshake of a pull that opens the stream implicitly may take at least this long. */
    static final double IMPLICIT_OPEN_SECONDS = 5.0;

    private static final int FLOATS = 0;
    private static final int DOUBLES = 1;
    private static final int STRINGS = 2;
    private static final int LONGS = 3;
    private final StreamEndpoint stream;
    private final SampleCodec codec;
    private final int channels;
    private final int maxBufferSamples;
    private final InletTimeCorrection timeCorrection;
    private final FeedConnection connection;

    // receive state, owned by the pulling thread
    private boolean opened;
    private double lastTimestamp;

    // the caller's arrays during one pull
    private float[] floatsOut;
    private double[] doublesOut;
    private String[] stringsOut;
    private long[] longsOut;
    private double[] stampsOut;

    /**
     * An inlet for a stream found by {@code StreamResolver}; nothing is connected until {@link #open(double)} or the
     * first pull.
     *
     * @param resolved the resolved info (read once, not kept)
     * @param maxBufferSeconds how much the outlet queues for us: seconds x nominal rate samples (x100 for an
     *                         irregular stream), {@code Max-Buffer-Length} of the request
     * @throws LslException when the info lacks network fields or names a non-loopback address
     */
    public WireInlet(StreamInfo resolved, int maxBufferSeconds) {
        this(StreamEndpoint.fromXml(resolved.toXml()), maxBufferSeconds);
    }

    /** As {@link #WireInlet(StreamInfo, int)} under the settings {@code cfg} instead of this process's. */
    public WireInlet(StreamInfo resolved, int maxBufferSeconds, LslConfig cfg) {
        this(StreamEndpoint.fromXml(resolved.toXml(), cfg), maxBufferSeconds);
    }

    /** An inlet for an already parsed endpoint (see {@link #WireInlet(StreamInfo, int)}). */
    public WireInlet(StreamEndpoint stream, int maxBufferSeconds) {
        if (maxBufferSeconds < 1) {
            throw new IllegalArgumentException(
                    "LSL inlet for '" + stream.name() + "': maxBufferSeconds must be >= 1, got " + maxBufferSeconds);
        }
        this.stream = stream;
        this.channels = stream.channelCount();
        this.codec = new SampleCodec(stream.format(), channels, stream.nominalRate());
        this.maxBufferSamples = FeedHandshake.maxBufferSamples(maxBufferSeconds, stream.nominalRate());
        this.timeCorrection = new InletTimeCorrection(stream);
        this.connection = new FeedConnection(stream);
    }

    /** The local address of the time probes' socket, or null before the first time correction. */
    public InetSocketAddress timeProbeAddress() {
        return timeCorrection.probeAddress();
    }

    /** The local address of the data connection, or null when not connected. */
    public InetSocketAddress dataConnectionAddress() {
        return connection.localAddress();
    }

    /** The outlet this inlet reads. */
    public StreamEndpoint endpoint() {
        return stream;
    }

    @Override
    public int channelCount() {
        return channels;
    }

    @Override
    public ChannelFormat channelFormat() {
        return stream.format();
    }

    // ---- connection ----

    /**
     * Connects and subscribes: TCP to the data port, feed request, response and test patterns, all within the
     * timeout. Does nothing when already open.
     *
     * @throws LslTimeoutException when the outlet does not complete the handshake in time (the attempt is dropped;
     *                             a later call starts over)
     * @throws LslLostException when the outlet is gone (connection refused or closed, 404 for a replaced outlet)
     * @throws LslProtocolException when the response or the test patterns are not what protocol 1.10 prescribes
     */
    @Override
    public void open(double timeoutSeconds) {
        if (opened) {
            return;
        }
        requireUsable();
        long deadline = deadline(timeoutSeconds);
        try {
            connection.connect(deadline, FeedHandshake.request(stream, maxBufferSamples));
            connection.handshake(deadline, codec);
            lastTimestamp = 0.0;
            opened = true;
            LOG.debug("LSL wire inlet subscribed to {}", stream.describe());
        } catch (LslLostException e) {
            connection.markLost(e.getMessage());
            connection.disconnect();
            throw e;
        } catch (RuntimeException e) {
            connection.disconnect();
            throw e;
        }
    }

    // ---- pulls ----

    @Override
    public int pullChunk(float[] out, double[] timestamps, double timeoutSeconds) {
        requireNumeric("float");
        floatsOut = out;
        try {
            return pull(FLOATS, capacity(out.length, timestamps), timestamps, timeoutSeconds);
        } finally {
            floatsOut = null;
        }
    }

    @Override
    public int pullChunk(double[] out, double[] timestamps, double timeoutSeconds) {
        requireNumeric("double");
        doublesOut = out;
        try {
            return pull(DOUBLES, capacity(out.length, timestamps), timestamps, timeoutSeconds);
        } finally {
            doublesOut = null;
        }
    }

    /** Pulls into 64-bit integers, exact for int64 streams (other formats rounded). */
    public int pullChunk(long[] out, double[] timestamps, double timeoutSeconds) {
        requireNumeric("long");
        longsOut = out;
        try {
            return pull(LONGS, capacity(out.length, timestamps), timestamps, timeoutSeconds);
        } finally {
            longsOut = null;
        }
    }

    /**
     * Complete samples that a pull would return now without waiting: those buffered plus those the socket holds
     * (read without blocking). 0 before the stream is open.
     */
    public int samplesAvailable() {
        if (!opened || connection.isClosed()) {
            return 0;
        }
        if (connection.lostReason() == null) {
            while (true) {
                int r = connection.readNow();
                if (r <= 0 || !connection.filledBuffer(r)) {
                    break;
                }
            }
        }
        ByteBuffer view = connection.rx().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        for (int size = codec.completeSampleSize(view); size >= 0; size = codec.completeSampleSize(view)) {
            view.position(view.position() + size);
            n++;
        }
        return n;
    }

    /** Pulls string samples ({@code out[i * channels + c]}); each string is a new object. */
    @Override
    public int pullStrings(String[] out, double[] timestamps, double timeoutSeconds) {
        if (stream.format() != ChannelFormat.STRING) {
            throw new IllegalArgumentException("LSL stream " + stream.describe() + " is "
                    + stream.format().xmlName() + ", not string: pull it with pullChunk(float[]/double[], ...)");
        }
        stringsOut = out;
        try {
            return pull(STRINGS, capacity(out.length, timestamps), timestamps, timeoutSeconds);
        } finally {
            stringsOut = null;
        }
    }

    private void requireNumeric(String type) {
        if (stream.format() == ChannelFormat.STRING) {
            throw new IllegalArgumentException("LSL stream " + stream.describe() + " has string channels: pull it with "
                    + "pullStrings, not into " + type + "[]");
        }
    }

    private int capacity(int length, double[] timestamps) {
        return Math.min(length / channels, timestamps.length);
    }

    private int pull(int kind, int cap, double[] timestamps, double timeoutSeconds) {
        requireUsable();
        if (cap <= 0) {
            return 0;
        }
        if (!opened) {
            if (connection.lostReason() != null) {
                throw lost();
            }
            open(Math.max(timeoutSeconds, IMPLICIT_OPEN_SECONDS));
        }
        long deadline = deadline(timeoutSeconds);
        stampsOut = timestamps;
        try {
            int n = decodeBuffered(kind, 0, cap);
            if (n < cap) {
                n = readAndDecode(kind, n, cap);
            }
            while (n == 0) {
                if (connection.lostReason() != null) {
                    throw lost();
                }
                if (!connection.awaitReadable(deadline)) {
                    if (connection.lostReason() != null) {
                        throw lost();
                    }
                    return 0;
                }
                n = readAndDecode(kind, n, cap);
            }
            return n;
        } catch (LslProtocolException e) {
            connection.markLost("protocol error: " + e.getMessage());
            connection.discardBuffered();
            connection.disconnect();
            throw e;
        } finally {
            stampsOut = null;
        }
    }

    /** Reads what the socket holds without blocking and decodes it, while there is room for samples. */
    private int readAndDecode(int kind, int n, int cap) {
        while (n < cap) {
            int r = connection.readNow();
            if (r <= 0) {
                break;
            }
            n = decodeBuffered(kind, n, cap);
            if (!connection.filledBuffer(r)) {
                break; // the read did not fill the buffer: the socket had nothing more just now
            }
        }
        return n;
    }

    /** Decodes complete buffered samples into slots {@code n..cap-1} of the caller's arrays; returns the new count. */
    private int decodeBuffered(int kind, int n, int cap) {
        ByteBuffer in = connection.rx();
        while (n < cap && codec.completeSampleSize(in) >= 0) {
            double ts = switch (kind) {
                case FLOATS -> codec.decode(in, floatsOut, n * channels, lastTimestamp);
                case DOUBLES -> codec.decode(in, doublesOut, n * channels, lastTimestamp);
                case LONGS -> codec.decode(in, longsOut, n * channels, lastTimestamp);
                default -> codec.decode(in, stringsOut, n * channels, lastTimestamp);
            };
            stampsOut[n++] = ts;
            lastTimestamp = ts;
        }
        return n;
    }

    private LslLostException lost() {
        connection.disconnect();
        return new LslLostException("LSL stream " + stream.describe() + " lost: " + connection.lostReason());
    }

    private void requireUsable() {
        if (connection.isClosed()) {
            throw new LslLostException("LSL inlet for " + stream.describe() + " was closed");
        }
    }

    static long deadline(double timeoutSeconds) {
        long now = System.nanoTime();
        if (!(timeoutSeconds > 0)) {
            return now;
        }
        return now + (long) Math.min(timeoutSeconds * 1e9, 1e18);
    }

    // ---- clock ----

    /**
     * The value to add to this stream's timestamps to express them on this host's LSL clock, seconds (about 0 for
     * an outlet on this host); see {@link InletTimeCorrection}.
     *
     * @throws LslTimeoutException when no estimate exists yet and the first wave got too few replies in time
     */
    @Override
    public double timeCorrection(double timeoutSeconds) {
        requireUsable();
        return timeCorrection.get(timeoutSeconds);
    }

    /**
     * Always false. liblsl raises this flag when a time-correction wave jumps, i.e. when the outlet's host
     * rebooted during a connection. This inlet only reads outlets on this host (loopback), whose clock is ours and
     * cannot reset under us; consumers that want to guard anyway watch the offset for jumps themselves.
     */
    @Override
    public boolean wasClockReset() {
        return false;
    }

    /**
     * Closes the connection and the time-probe socket; idempotent, callable from any thread. A pull blocked in another
     * thread ends with {@link LslLostException}.
     */
    @Override
    public void close() {
        if (connection.isClosed()) {
            return;
        }
        connection.close();
        timeCorrection.close();
    }

    @Override
    public String toString() {
        return "WireInlet[" + stream + (connection.isClosed() ? " closed" : opened ? " open" : "") + "]";
    }
}
