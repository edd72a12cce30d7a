package org.neuroloop.lsl4j.wire;

import java.util.Arrays;

/**
 * The consumers of one {@link WireOutlet}: the feed sessions its pushes go to, kept in an array that is replaced,
 * never changed in place, so the pusher reads it without a lock; and the samples they dropped.
 */
final class OutletConsumers implements DataPortServer.Consumers {
    private static final FeedSession[] NO_SESSIONS = new FeedSession[0];

    private final Object lock = new Object();
    private volatile FeedSession[] sessions = NO_SESSIONS;
    private long droppedByEnded;
    private volatile boolean closed;

    @Override
    public boolean attach(FeedSession session) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            FeedSession[] grown = Arrays.copyOf(sessions, sessions.length + 1);
            grown[grown.length - 1] = session;
            sessions = grown;
            lock.notifyAll();
            return true;
        }
    }

    @Override
    public void detach(FeedSession session) {
        synchronized (lock) {
            FeedSession[] now = sessions;
            for (int i = 0; i < now.length; i++) {
                if (now[i] == session) {
                    FeedSession[] shrunk = new FeedSession[now.length - 1];
                    System.arraycopy(now, 0, shrunk, 0, i);
                    System.arraycopy(now, i + 1, shrunk, i, now.length - i - 1);
                    sessions = shrunk;
                    droppedByEnded += session.dropped();
                    return;
                }
            }
        }
    }

    /** The sessions connected now; the caller must not change the array. */
    FeedSession[] current() {
        return sessions;
    }

    boolean isClosed() {
        return closed;
    }

    /** Waits until a consumer is connected; false on timeout, interrupt or close. */
    boolean await(double timeoutSeconds) {
        long deadline = System.nanoTime() + (long) (Math.max(0, Math.min(timeoutSeconds, 1e9)) * 1e9);
        synchronized (lock) {
            while (sessions.length == 0 && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(left / 1_000_000L, (int) (left % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return sessions.length > 0;
        }
    }

    /** Samples dropped so far for consumers that did not keep up (connected and departed ones). */
    long droppedSamples() {
        synchronized (lock) {
            long d = droppedByEnded;
            for (FeedSession s : sessions) {
                d += s.dropped();
            }
            return d;
        }
    }

    /**
     * Refuses sessions from now on and wakes the waiters.
     *
     * @return the sessions connected until now, or null when already closed
     */
    FeedSession[] close() {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            closed = true;
            lock.notifyAll();
            return sessions;
        }
    }
}
