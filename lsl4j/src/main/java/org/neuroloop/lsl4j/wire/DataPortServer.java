package org.neuroloop.lsl4j.wire;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.thread.RealtimeThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outlet's TCP data port (docs/lsl-protocol.md §3): accepts connections, each carrying one request, on a thread per
 * connection:
 * <ul>
 *   <li>{@code LSL:fullinfo} → the full info XML, then close;</li>
 *   <li>{@code LSL:shortinfo\r\n<query>} → the short info XML when the query matches, then close;</li>
 *   <li>{@code LSL:streamfeed/110 <uid>} + headers → the {@link FeedRequest} decision: {@code 404}/{@code 505}, or
 *       the 200 header and the two test patterns, then the connection becomes a {@link FeedSession} (unless
 *       {@code Max-Buffer-Length} ≤ 0, which asks for the test patterns only);</li>
 *   <li>the unversioned protocol 1.00 {@code LSL:streamfeed} and anything else → closed (debug log): only liblsl
 *       older than 1.10 speaks 1.00.</li>
 * </ul>
 * A request must arrive within {@value #REQUEST_TIMEOUT_MS} ms.
 */
final class DataPortServer {
    private static final Logger LOG = LoggerFactory.getLogger(DataPortServer.class);
    static final int REQUEST_TIMEOUT_MS = 10_000;
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 256;

    /** Where established feeds go. */
    interface Consumers {
        /** Registers a session; false when the outlet is closing (the session is then closed). */
        boolean attach(FeedSession session);

        void detach(FeedSession session);
    }

    private final ServerSocketChannel server;
    private final StreamInfoDocument info;
    private final InfoQueryMatcher matcher;
    private final SampleCodec codec;
    private final int outletMaxSamples;
    private final Consumers consumers;
    private final String threadPrefix;
    private final String streamName;
    private final Map<Thread, SocketChannel> connections = new ConcurrentHashMap<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * @param server bound and listening
     * @param outletMaxSamples the outlet's per-consumer backlog bound in samples
     * @param threadPrefix e.g. {@code lsl-wire-EEG}
     */
    DataPortServer(
            ServerSocketChannel server,
            StreamInfoDocument info,
            InfoQueryMatcher matcher,
            SampleCodec codec,
            int outletMaxSamples,
            Consumers consumers,
            String threadPrefix,
            String streamName) {
        this.server = server;
        this.info = info;
        this.matcher = matcher;
        this.codec = codec;
        this.outletMaxSamples = outletMaxSamples;
        this.consumers = consumers;
        this.threadPrefix = threadPrefix;
        this.streamName = streamName;
        this.acceptor = new Thread(this::acceptLoop, threadPrefix + "-accept");
        acceptor.setDaemon(true);
    }

    /** The bound listening address. */
    SocketAddress localAddress() throws IOException {
        return server.getLocalAddress();
    }

    void start() {
        acceptor.start();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.debug("LSL outlet '{}': accept failed: {}", streamName, e.toString());
                continue;
            }
            int n = connectionCount.incrementAndGet();
            Thread t = new Thread(() -> handle(ch, n), threadPrefix + "-conn-" + n);
            t.setDaemon(true);
            connections.put(t, ch);
            if (closed) {
                closeQuietly(ch);
            }
            t.start();
        }
    }

    private void handle(SocketChannel ch, int n) {
        String peer = peerOf(ch);
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().setSoTimeout(REQUEST_TIMEOUT_MS);
            InputStream in = new BufferedInputStream(ch.socket().getInputStream());
            String request = readLine(in);
            if (request == null) {
                return;
            }
            if (request.equals("LSL:fullinfo")) {
                writeFully(ch, ByteBuffer.wrap(info.fullInfo()));
            } else if (request.equals("LSL:shortinfo")) {
                String query = readLine(in);
                if (query != null && matcher.matches(query)) {
                    writeFully(ch, ByteBuffer.wrap(info.shortInfo()));
                }
            } else if (request.startsWith("LSL:streamfeed/")) {
                feed(ch, n, peer, request, in);
            } else if (request.startsWith("LSL:streamfeed")) {
                LOG.debug(
                        "LSL outlet '{}': refusing a protocol 1.00 feed request from {} (only 1.10 is served)",
                        streamName,
                        peer);
            } else {
                LOG.debug(
                        "LSL outlet '{}': ignoring unknown request from {}: {}",
                        streamName,
                        peer,
                        request.length() > 80 ? request.substring(0, 80) + "…" : request);
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.debug("LSL outlet '{}': connection from {} failed: {}", streamName, peer, e.toString());
            }
        } finally {
            closeQuietly(ch);
            connections.remove(Thread.currentThread());
        }
    }

    private void feed(SocketChannel ch, int n, String peer, String requestLine, InputStream in) throws IOException {
        List<String> headers = new ArrayList<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            if (headers.size() == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " header lines");
            }
            headers.add(line);
        }
        FeedRequest request;
        try {
            request = FeedRequest.parse(requestLine, headers, codec.format());
        } catch (IllegalArgumentException e) {
            LOG.debug("LSL outlet '{}': bad feed request from {}: {}", streamName, peer, e.getMessage());
            return;
        }
        FeedRequest.Decision decision = request.decide(info.uid());
        if (decision == FeedRequest.Decision.UNSUPPORTED) {
            LOG.debug(
                    "LSL outlet '{}': {} asks for data protocol {}; only {} is served, closing",
                    streamName,
                    peer,
                    request.dataProtocolVersion(),
                    FeedRequest.OUR_VERSION);
            return;
        }
        byte[] header = FeedRequest.responseHeader(decision, info.uid()).getBytes(StandardCharsets.US_ASCII);
        if (decision != FeedRequest.Decision.OK) {
            LOG.debug(
                    "LSL outlet '{}': answered {} to a feed request from {} (version {}, uid '{}')",
                    streamName,
                    decision,
                    peer,
                    request.version(),
                    request.uid());
            writeFully(ch, ByteBuffer.wrap(header));
            return;
        }
        ByteBuffer opening = SampleCodec.buffer(header.length + 2 * testPatternBytes());
        opening.put(header);
        for (int offset : SampleCodec.TEST_PATTERN_OFFSETS) {
            codec.encodeTestPattern(opening, offset);
        }
        opening.flip();
        if (request.maxBufferLength() <= 0) {
            writeFully(ch, opening);
            LOG.debug(
                    "LSL outlet '{}': {} asked for no buffer (Max-Buffer-Length {}): test patterns only",
                    streamName,
                    peer,
                    request.maxBufferLength());
            return;
        }
        int bound = Math.max(1, Math.min(outletMaxSamples, request.maxBufferLength()));
        ch.configureBlocking(false);
        FeedSession session = new FeedSession(ch, bound, "LSL outlet '" + streamName + "' consumer " + peer);
        // the opening waits in the session and goes out once it is attached, ahead of any pushed sample: no sample
        // pushed after the consumer saw its test patterns is lost
        session.begin(opening);
        if (!consumers.attach(session)) {
            session.close();
            return;
        }
        Thread.currentThread().setName(threadPrefix + "-feed-" + n);
        RealtimeThreads.raiseCurrentThread();
        LOG.debug("LSL outlet '{}': consumer {} connected (backlog bound {} samples)", streamName, peer, bound);
        try {
            session.serve();
        } finally {
            consumers.detach(session);
            LOG.debug("LSL outlet '{}': consumer {} disconnected", streamName, peer);
        }
    }

    private int testPatternBytes() {
        if (codec.format() == ChannelFormat.STRING) {
            return codec.encodedSize(codec.stringTestPattern(), 0, true);
        }
        return codec.maxNumericSampleBytes();
    }

    /** One request line (LF-terminated, CR stripped), null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() == MAX_LINE) {
                throw new IOException("request line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static void writeFully(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static String peerOf(SocketChannel ch) {
        try {
            return String.valueOf(ch.getRemoteAddress());
        } catch (IOException e) {
            return "(unknown peer)";
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Stops accepting and closes every connection (feed sessions must also be {@link FeedSession#close() closed}). */
    void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (SocketChannel ch : connections.values()) {
            closeQuietly(ch);
        }
    }

    /** Waits up to {@code millis} for the accepting and connection threads to end; true if all did. */
    boolean join(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        acceptor.join(Math.max(1, millis));
        for (Thread t : connections.keySet()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            t.join(Math.max(1, left));
        }
        return !acceptor.isAlive() && connections.isEmpty();
    }
}
