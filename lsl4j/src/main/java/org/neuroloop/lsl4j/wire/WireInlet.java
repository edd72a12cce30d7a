package org.neuroloop.lsl4j.wire;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
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

    /** Receive buffer to start with: ~470 samples of 32 float32 channels. Grows only for a larger single sample. */
    static final int INITIAL_BUFFER_BYTES = 64 * 1024;
    /** A single sample larger than this is refused (a string stream gone wrong). */
    static final int MAX_BUFFER_BYTES = 64 * 1024 * 1024;
    /** The handshake of a pull that opens the stream implicitly may take at least this long. */
    static final double IMPLICIT_OPEN_SECONDS = 5.0;

    private static final int FLOATS = 0;
    private static final int DOUBLES = 1;
    private static final int STRINGS = 2;
    private static final int LONGS = 3;
    private static final Consumer<SelectionKey> IGNORE_KEY = k -> {};
    private final StreamEndpoint stream;
    private final SampleCodec codec;
    private final int channels;
    private final int maxBufferSamples;
    private final InletTimeCorrection timeCorrection;

    // connection; written by the opening thread, read by close()
    private volatile SocketChannel channel;
    private volatile Selector selector;
    private volatile boolean closed;

    // receive state, owned by the pulling thread. rx is in read mode: undecoded bytes in [position, limit).
    private ByteBuffer rx;
    private int lastFree;
    private boolean opened;
    private String lostReason;
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
    }

    /** The local address of the time probes' socket, or null before the first time correction. */
    public InetSocketAddress timeProbeAddress() {
        return timeCorrection.probeAddress();
    }

    /** The local address of the data connection, or null when not connected. */
    public InetSocketAddress dataConnectionAddress() {
        SocketChannel ch = channel;
        try {
            return ch == null || !ch.isOpen() ? null : (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
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
            connect(deadline);
            handshake(deadline);
            opened = true;
            LOG.debug("LSL wire inlet subscribed to {}", stream.describe());
        } catch (LslLostException e) {
            lostReason = e.getMessage();
            disconnect();
            throw e;
        } catch (RuntimeException e) {
            disconnect();
            throw e;
        }
    }

    private void connect(long deadline) {
        SocketChannel ch;
        try {
            ch = SocketChannel.open();
        } catch (IOException e) {
            throw new LslException(
                    "cannot create a socket for LSL stream " + stream.describe() + ": " + e.getMessage(), e);
        }
        channel = ch;
        try {
            if (closed) {
                throw new IOException("the inlet was closed");
            }
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(new InetSocketAddress(stream.address(), stream.dataPort()), millisLeft(deadline));
            ch.write(ByteBuffer.wrap(FeedHandshake.request(stream, maxBufferSamples)));
            ch.configureBlocking(false);
            Selector sel = Selector.open();
            selector = sel;
            if (closed) {
                throw new IOException("the inlet was closed");
            }
            ch.register(sel, SelectionKey.OP_READ);
        } catch (SocketTimeoutException e) {
            throw new LslTimeoutException(
                    "LSL outlet " + stream.describe() + " did not accept a connection within the timeout");
        } catch (ConnectException e) {
            throw new LslLostException(
                    "LSL outlet " + stream.describe() + " is gone (connection refused: " + e.getMessage() + ")");
        } catch (IOException e) {
            throw new LslLostException("cannot connect to LSL outlet " + stream.describe() + ": " + e);
        }
        rx = directBuffer(INITIAL_BUFFER_BYTES);
        rx.flip();
    }

    /** Reads and checks the response header and the two test patterns, leaving live samples in {@code rx}. */
    private void handshake(long deadline) {
        int statusEnd;
        while ((statusEnd = FeedHandshake.lineEnd(rx, rx.position())) < 0) {
            if (!awaitHandshakeBytes(deadline, "the response to the feed request", true)) {
                // liblsl 1.10 writes "LSL/110 404 Not found" without a line end, then closes the connection
                if (!rx.hasRemaining()) {
                    throw new LslLostException("LSL outlet " + stream.describe() + " closed the connection without "
                            + "answering the feed request");
                }
                statusEnd = rx.limit();
                break;
            }
        }
        FeedHandshake.checkStatus(ascii(rx.position(), statusEnd), stream);
        int headerEnd;
        while ((headerEnd = FeedHandshake.headerEnd(rx)) < 0) {
            if (rx.remaining() > FeedHandshake.MAX_HEADER_BYTES) {
                throw new LslProtocolException("LSL outlet " + stream.describe()
                        + " sent a response header of more than " + FeedHandshake.MAX_HEADER_BYTES
                        + " bytes without an empty line");
            }
            awaitHandshakeBytes(deadline, "the response header", false);
        }
        FeedHandshake.checkHeader(ascii(rx.position(), headerEnd), stream);
        rx.position(headerEnd);
        for (int offset : SampleCodec.TEST_PATTERN_OFFSETS) {
            while (codec.completeSampleSize(rx) < 0) {
                awaitHandshakeBytes(deadline, "test pattern " + offset, false);
            }
            codec.checkTestPattern(rx, offset);
        }
        lastTimestamp = 0.0;
    }

    /**
     * Reads at least one byte of {@code what}.
     *
     * @return true when bytes came, false at the end of the connection if {@code endAllowed}
     * @throws LslLostException at the end of the connection otherwise
     * @throws LslTimeoutException when nothing came before the deadline
     */
    private boolean awaitHandshakeBytes(long deadline, String what, boolean endAllowed) {
        while (true) {
            int r = readNow();
            if (r > 0) {
                return true;
            }
            if (r < 0 && endAllowed && !closed) {
                return false;
            }
            if (r < 0) {
                throw new LslLostException("LSL outlet " + stream.describe() + " closed the connection before sending "
                        + what + " (" + lostReason + ")");
            }
            if (!awaitReadable(deadline)) {
                if (lostReason != null) {
                    throw new LslLostException("LSL inlet for " + stream.describe() + ": " + lostReason);
                }
                throw new LslTimeoutException(
                        "LSL outlet " + stream.describe() + " did not send " + what + " within the timeout");
            }
        }
    }

    private String ascii(int from, int to) {
        byte[] b = new byte[to - from];
        rx.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
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
        if (!opened || closed) {
            return 0;
        }
        if (lostReason == null) {
            while (true) {
                int r = readNow();
                if (r <= 0 || r < lastFree) {
                    break;
                }
            }
        }
        ByteBuffer view = rx.duplicate().order(ByteOrder.LITTLE_ENDIAN);
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
            if (lostReason != null) {
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
                if (lostReason != null) {
                    throw lost();
                }
                if (!awaitReadable(deadline)) {
                    if (lostReason != null) {
                        throw lost();
                    }
                    return 0;
                }
                n = readAndDecode(kind, n, cap);
            }
            return n;
        } catch (LslProtocolException e) {
            lostReason = "protocol error: " + e.getMessage();
            rx.position(rx.limit()); // the rest of the buffer cannot be trusted
            disconnect();
            throw e;
        } finally {
            stampsOut = null;
        }
    }

    /** Reads what the socket holds without blocking and decodes it, while there is room for samples. */
    private int readAndDecode(int kind, int n, int cap) {
        while (n < cap) {
            int r = readNow();
            if (r <= 0) {
                break;
            }
            n = decodeBuffered(kind, n, cap);
            if (r < lastFree) {
                break; // the read did not fill the buffer: the socket had nothing more just now
            }
        }
        return n;
    }

    /** Decodes complete buffered samples into slots {@code n..cap-1} of the caller's arrays; returns the new count. */
    private int decodeBuffered(int kind, int n, int cap) {
        ByteBuffer in = rx;
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

    // ---- socket ----

    /**
     * One non-blocking read into the free end of {@code rx} (compacting it first, growing it only when a single
     * incomplete sample fills it). Returns the bytes read, 0 when none were ready, -1 when the connection is gone
     * (then {@link #lostReason} is set).
     */
    private int readNow() {
        if (lostReason != null) {
            return -1;
        }
        if (rx.position() == 0 && rx.limit() == rx.capacity()) {
            grow();
        }
        rx.compact();
        lastFree = rx.remaining();
        int r;
        try {
            r = channel.read(rx);
        } catch (IOException | RuntimeException e) {
            r = -1;
            lostReason = closed ? "the inlet was closed" : "connection error: " + e;
        } finally {
            rx.flip();
        }
        if (r < 0 && lostReason == null) {
            lostReason = "the outlet closed the connection";
        }
        if (r < 0) {
            LOG.debug("LSL wire inlet {}: {}", stream.describe(), lostReason);
        }
        return r;
    }

    private void grow() {
        int size = rx.capacity() * 2;
        if (size > MAX_BUFFER_BYTES) {
            throw new LslProtocolException("LSL stream " + stream.describe() + ": a single sample is larger than "
                    + MAX_BUFFER_BYTES + " bytes");
        }
        ByteBuffer bigger = directBuffer(size);
        bigger.put(rx).flip();
        rx = bigger;
    }

    /** Direct, so the socket reads straight into it (a heap buffer costs a copy through a temporary direct one). */
    private static ByteBuffer directBuffer(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Blocks until the socket is readable or the deadline passes; false on timeout or when closed. */
    private boolean awaitReadable(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            selector.select(IGNORE_KEY, Math.max(1, (left + 999_999) / 1_000_000));
            return !closed;
        } catch (IOException | ClosedSelectorException e) {
            if (lostReason == null) {
                lostReason = closed ? "the inlet was closed" : "connection error: " + e;
            }
            return false;
        }
    }

    private LslLostException lost() {
        disconnect();
        return new LslLostException("LSL stream " + stream.describe() + " lost: " + lostReason);
    }

    private void requireUsable() {
        if (closed) {
            throw new LslLostException("LSL inlet for " + stream.describe() + " was closed");
        }
    }

    private void disconnect() {
        Selector s = selector;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        SocketChannel c = channel;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    static long deadline(double timeoutSeconds) {
        long now = System.nanoTime();
        if (!(timeoutSeconds > 0)) {
            return now;
        }
        return now + (long) Math.min(timeoutSeconds * 1e9, 1e18);
    }

    private static int millisLeft(long deadline) {
        long ms = (deadline - System.nanoTime() + 999_999) / 1_000_000;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
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
        if (closed) {
            return;
        }
        closed = true;
        disconnect();
        timeCorrection.close();
    }

    @Override
    public String toString() {
        return "WireInlet[" + stream + (closed ? " closed" : opened ? " open" : "") + "]";
    }
}
