package org.neuroloop.lsl4j;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background resolver (liblsl's {@code continuous_resolver}) that keeps the set of currently visible streams
 * matching a query: a daemon thread sends a query wave every {@value StreamResolver#WAVE_SECONDS} s and collects
 * the replies; {@link #results()} is cheap and never blocks on the network. Streams that have not answered for
 * {@code forgetAfter} seconds drop out.
 */
public final class ContinuousResolver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContinuousResolver.class);

    private final ResolveAttempt attempt;
    private final long forgetAfterNanos;
    private final Thread thread;
    private volatile boolean closed;

    private ContinuousResolver(LslConfig cfg, String predicate, double forgetAfterSeconds) {
        if (!(forgetAfterSeconds > 0)) {
            throw new IllegalArgumentException("forgetAfterSeconds must be > 0, got " + forgetAfterSeconds);
        }
        this.attempt = new ResolveAttempt(cfg, ResolveAttempt.query(cfg, predicate));
        this.forgetAfterNanos = (long) (forgetAfterSeconds * 1e9);
        this.thread = new Thread(this::run, "lsl4j-continuous-resolver");
        thread.setDaemon(true);
        thread.start();
    }

    /** Resolves every stream. */
    public static ContinuousResolver all(double forgetAfterSeconds) {
        return new ContinuousResolver(LslConfig.current(), null, forgetAfterSeconds);
    }

    /** Resolves streams whose {@code property} equals {@code value}. */
    public static ContinuousResolver byProperty(String property, String value, double forgetAfterSeconds) {
        return new ContinuousResolver(
                LslConfig.current(), property + "=" + StreamResolver.xpathLiteral(value), forgetAfterSeconds);
    }

    /** Resolves streams matching an XPath 1.0 predicate. */
    public static ContinuousResolver byPredicate(String predicate, double forgetAfterSeconds) {
        return new ContinuousResolver(LslConfig.current(), predicate, forgetAfterSeconds);
    }

    /** Resolves streams matching an XPath 1.0 predicate under the settings {@code cfg} instead of this process's. */
    public static ContinuousResolver byPredicate(LslConfig cfg, String predicate, double forgetAfterSeconds) {
        return new ContinuousResolver(cfg, predicate, forgetAfterSeconds);
    }

    private void run() {
        long waveNanos = (long) (StreamResolver.WAVE_SECONDS * 1e9);
        while (!closed) {
            try {
                synchronized (attempt) {
                    attempt.sendWave();
                }
                long end = System.nanoTime() + waveNanos;
                while (!closed && System.nanoTime() - end < 0) {
                    synchronized (attempt) {
                        attempt.receiveUntil(Math.min(end, System.nanoTime() + 20_000_000L));
                    }
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("LSL continuous resolver: {}", e.getMessage());
                    sleepQuietly(waveNanos);
                }
            }
        }
    }

    private static void sleepQuietly(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Currently visible matching streams. */
    public List<StreamInfo> results() {
        synchronized (attempt) {
            return attempt.resultsSince(System.nanoTime() - forgetAfterNanos);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        attempt.close();
    }
}
