package org.neuroloop.lsl4j.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's live sample feed, after the handshake and the test patterns were sent.
 *
 * <p>Latency path: {@link #offer} runs on the pushing thread and writes the encoded samples straight into the
 * (non-blocking, TCP_NODELAY) socket, so a pushed sample reaches the kernel within microseconds, with no queue and no
 * thread hand-off. Only what the socket does not take at once (a consumer that reads slower than we push) goes to
 * the {@link FeedBacklog}, which {@link #serve()} (the session's own thread, blocked in a {@link Selector}) flushes
 * when the socket becomes writable again. The backlog is bounded: beyond {@code maxSamples} the oldest samples are
 * dropped and counted, so a stalled consumer never blocks the pusher or the other consumers. Samples already moved
 * to the socket-side buffer ({@code inFlight}, at most 64 KiB or one sample) are never dropped, because a
 * half-sent sample would corrupt the stream.
 *
 * <p>{@link #serve()} also watches for the consumer hanging up (EOF or error), then ends the session.
 */
final class FeedSession {
    private static final Logger LOG = LoggerFactory.getLogger(FeedSession.class);
    private static final int IN_FLIGHT_BYTES = 64 * 1024;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final FeedBacklog backlog;
    private final String description;
    private ByteBuffer inFlight = ByteBuffer.allocate(IN_FLIGHT_BYTES).flip();
    private boolean closed;
    private boolean dropWarned;

    /**
     * @param channel connected, non-blocking feed socket
     * @param maxSamples backlog bound in samples, &gt;= 1
     * @param description for logs, e.g. "outlet 'EEG' consumer 127.0.0.1:40512"
     */
    FeedSession(SocketChannel channel, int maxSamples, String description) throws IOException {
        this.channel = channel;
        this.backlog = new FeedBacklog(maxSamples);
        this.description = description;
        this.selector = Selector.open();
        try {
            this.key = channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    /**
     * Queues the feed's opening (response header and test patterns) ahead of everything else; {@link #serve()} sends
     * it. Call before the session is attached to the outlet: the consumer cannot see its test patterns before the
     * session receives pushes, so every sample pushed after a consumer's open() returns reaches it.
     */
    synchronized void begin(ByteBuffer opening) {
        inFlight = ByteBuffer.allocate(Math.max(IN_FLIGHT_BYTES, opening.remaining()));
        inFlight.put(opening).flip();
    }

    /**
     * Sends {@code n} encoded samples: {@code encoded} holds them back to back from index 0 of its backing array,
     * sample {@code i} ending at {@code ends[i]}. Never blocks; {@code encoded}'s position and limit are changed.
     */
    synchronized void offer(ByteBuffer encoded, int[] ends, int n) {
        if (closed) {
            return;
        }
        byte[] bytes = encoded.array();
        if (hasPending()) {
            for (int i = 0; i < n; i++) {
                int start = i == 0 ? 0 : ends[i - 1];
                backlog.add(bytes, start, ends[i] - start);
            }
            warnOnDrops();
            return;
        }
        encoded.limit(ends[n - 1]).position(0);
        try {
            channel.write(encoded);
        } catch (IOException e) {
            LOG.debug("{}: send failed, ending the session: {}", description, e.toString());
            closeLocked();
            return;
        }
        int written = encoded.position();
        if (written == ends[n - 1]) {
            return;
        }
        int i = 0;
        while (ends[i] <= written) {
            i++;
        }
        int start = i == 0 ? 0 : ends[i - 1];
        if (written > start) { // the rest of a half-sent sample must go out before anything else
            int rest = ends[i] - written;
            if (inFlight.capacity() < rest) {
                inFlight = ByteBuffer.allocate(rest);
            }
            inFlight.clear();
            inFlight.put(bytes, written, rest).flip();
            i++;
        }
        for (; i < n; i++) {
            backlog.add(bytes, ends[i - 1], ends[i] - ends[i - 1]);
        }
        warnOnDrops();
        selector.wakeup(); // let serve() watch for writability
    }

    private boolean hasPending() {
        return inFlight.hasRemaining() || !backlog.isEmpty();
    }

    private void warnOnDrops() {
        if (!dropWarned && backlog.dropped() > 0) {
            dropWarned = true;
            LOG.warn(
                    "{} does not keep up: its backlog is full, dropping the oldest samples (dropped so far: {})",
                    description,
                    backlog.dropped());
        }
    }

    /** Samples dropped for this consumer so far. */
    synchronized long dropped() {
        return backlog.dropped();
    }

    /**
     * Runs the session until the consumer hangs up or {@link #close()} is called: flushes the backlog when the
     * socket can take more, and detects the end of the connection.
     */
    void serve() {
        ByteBuffer incoming = ByteBuffer.allocate(512);
        try {
            while (true) {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    key.interestOps(SelectionKey.OP_READ | (hasPending() ? SelectionKey.OP_WRITE : 0));
                }
                selector.select();
                selector.selectedKeys().clear();
                if (!key.isValid()) {
                    return;
                }
                if (key.isReadable()) {
                    incoming.clear();
                    if (channel.read(incoming) < 0) {
                        LOG.debug("{} hung up", description);
                        return;
                    }
                }
                if (key.isValid() && key.isWritable()) {
                    synchronized (this) {
                        if (!closed) {
                            flush();
                        }
                    }
                }
            }
        } catch (IOException | CancelledKeyException e) {
            synchronized (this) {
                if (!closed) {
                    LOG.debug("{} ended: {}", description, e.toString());
                }
            }
        } finally {
            close();
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
            long d = dropped();
            if (d > 0) {
                LOG.warn("{}: {} samples were dropped in total because the consumer did not keep up", description, d);
            }
        }
    }

    /** Writes the in-flight bytes, then the backlog, until the socket stops taking more. Holds the lock. */
    private void flush() throws IOException {
        while (true) {
            if (inFlight.hasRemaining()) {
                channel.write(inFlight);
                if (inFlight.hasRemaining()) {
                    return;
                }
            }
            if (backlog.isEmpty()) {
                return;
            }
            if (inFlight.capacity() < backlog.headSampleBytes()) {
                inFlight = ByteBuffer.allocate(backlog.headSampleBytes());
            }
            backlog.takeInto(inFlight);
        }
    }

    /** Ends the session: closes the socket (the consumer sees the stream lost) and wakes {@link #serve()}. */
    synchronized void close() {
        closeLocked();
    }

    private void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // already broken
        }
        selector.wakeup();
    }

    @Override
    public String toString() {
        return description;
    }
}
