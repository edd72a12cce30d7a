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
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.LslTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data connection of one {@link WireInlet}: the non-blocking socket, its selector and the receive buffer
 * {@link #rx()}, the feed handshake, and why the connection ended. The inlet decodes samples out of the buffer;
 * this class only moves bytes into it and blocks (epoll) until more can be read.
 *
 * <p>Threading: one reading thread; {@link #close()} may come from any thread and wakes a blocked
 * {@link #awaitReadable(long)}.
 */
final class FeedConnection {
    private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);

    /** Receive buffer to start with: ~470 samples of 32 float32 channels. Grows only for a larger single sample. */
    static final int INITIAL_BUFFER_BYTES = 64 * 1024;
    /** A single sample larger than this is refused (a string stream gone wrong). */
    static final int MAX_BUFFER_BYTES = 64 * 1024 * 1024;

    private static final Consumer<SelectionKey> IGNORE_KEY = k -> {};
    private final StreamEndpoint stream;

    // written by the opening thread, read by close()
    private volatile SocketChannel channel;
    private volatile Selector selector;
    private volatile boolean closed;

    // owned by the reading thread. rx is in read mode: undecoded bytes in [position, limit).
    private ByteBuffer rx;
    private int lastFree;
    private String lostReason;

    FeedConnection(StreamEndpoint stream) {
        this.stream = stream;
    }

    /** The receive buffer in read mode: undecoded bytes in {@code [position, limit)}; replaced when it grows. */
    ByteBuffer rx() {
        return rx;
    }

    /** True when the last {@link #readNow()} of {@code read} bytes filled the buffer, so more may be waiting. */
    boolean filledBuffer(int read) {
        return read >= lastFree;
    }

    /** Why the connection ended, or null while it lasts. */
    String lostReason() {
        return lostReason;
    }

    /** Marks the connection as ended for {@code reason}, which replaces any earlier one. */
    void markLost(String reason) {
        lostReason = reason;
    }

    /** Drops whatever is buffered: after a protocol error the rest cannot be trusted. */
    void discardBuffered() {
        rx.position(rx.limit());
    }

    boolean isClosed() {
        return closed;
    }

    /** The local address of the data connection, or null when not connected. */
    InetSocketAddress localAddress() {
        SocketChannel ch = channel;
        try {
            return ch == null || !ch.isOpen() ? null : (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** Connects to the outlet's data port and sends the feed {@code request}, all before the deadline. */
    void connect(long deadline, byte[] request) {
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
            ch.write(ByteBuffer.wrap(request));
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

    /**
     * Reads and checks the response header and the two test patterns, leaving live samples in {@link #rx()}.
     */
    void handshake(long deadline, SampleCodec codec) {
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

    /**
     * One non-blocking read into the free end of {@code rx} (compacting it first, growing it only when a single
     * incomplete sample fills it). Returns the bytes read, 0 when none were ready, -1 when the connection is gone
     * (then {@link #lostReason()} is set).
     */
    int readNow() {
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
    boolean awaitReadable(long deadline) {
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

    void disconnect() {
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

    /** Closes the socket and the selector for good; a blocked {@link #awaitReadable(long)} returns false. */
    void close() {
        closed = true;
        disconnect();
    }

    private static int millisLeft(long deadline) {
        long ms = (deadline - System.nanoTime() + 999_999) / 1_000_000;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}
