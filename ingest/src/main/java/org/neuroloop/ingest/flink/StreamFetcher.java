package org.neuroloop.ingest.flink;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.LslTimeoutException;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamResolver;
import org.neuroloop.lsl4j.thread.RealtimeThreads;
import org.neuroloop.lsl4j.time.TimestampPipeline;
import org.neuroloop.lsl4j.time.TimestampSettings;
import org.neuroloop.lsl4j.wire.WireInlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one LSL stream on its own thread and hands records to the reader.
 *
 * <p>Life cycle: resolve the split's stream (by source id, channel count, format and name, as liblsl's own recovery
 * does) → open an inlet without liblsl's silent recovery → pull; when the outlet is lost, close the inlet and resolve
 * again until it comes back, then flag the first record after it {@link ChunkFlags#GAP}. When no sample arrives for
 * the stale timeout the split is reported idle and the next record is flagged {@link ChunkFlags#STALE}.
 * Timestamps go through a {@link TimestampPipeline} that is rebuilt for every connection (a new outlet is a new
 * clock).
 */
abstract class StreamFetcher<T> implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamFetcher.class);

    protected final LslStreamSplit split;
    protected final LslSourceSettings settings;
    private final FetchSink<T> sink;
    private final LslConfig lslSettings;
    private volatile boolean running = true;
    private Thread thread;

    private LslInlet inlet;
    private TimestampPipeline timestamps;
    private String connectedUid;
    private boolean everConnected;
    private int pendingFlags;
    private long lastDataNanos;
    private boolean idle;
    /** STALE needs earlier data to be stale against: the wait for the very first sample is not flagged. */
    private boolean hadData;

    private long nextRetryNanos;
    private boolean warnedUnreconnectable;
    private final Set<String> mismatchReported = new HashSet<>();
    /** Sequence number of the next sample (chunks) or marker. */
    protected volatile long seq;

    StreamFetcher(LslStreamSplit split, LslSourceSettings settings, FetchSink<T> sink) {
        this.split = split;
        this.settings = settings;
        this.lslSettings = settings.lslSettings();
        this.sink = sink;
        this.seq = split.nextSeq();
        if (split.resumed()) {
            pendingFlags |= ChunkFlags.GAP;
        }
    }

    void start() {
        lastDataNanos = System.nanoTime();
        thread = new Thread(this, "lsl-fetch-" + split.splitId());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread (waits for the current pull, bounded by the pull/resolve timeouts) and closes the inlet. */
    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The split with the progress made so far (for checkpoints); restoring it flags the first record as a gap. */
    LslStreamSplit snapshot() {
        return split.at(seq, true);
    }

    @Override
    public void run() {
        RealtimeThreads.raiseCurrentThread();
        try {
            while (running) {
                try {
                    if (inlet == null && !connect()) {
                        checkIdle();
                        continue;
                    }
                    int n = settings.pollIntervalMicros() > 0 ? poll() : pull(inlet, settings.pullTimeoutSeconds());
                    if (n == 0) {
                        checkIdle();
                        continue;
                    }
                    long now = System.nanoTime();
                    if (hadData && (idle || now - lastDataNanos > staleNanos())) {
                        // also when the idle check never ran in between (e.g. one long reconnect attempt)
                        pendingFlags |= ChunkFlags.STALE;
                    }
                    idle = false;
                    hadData = true;
                    lastDataNanos = now;
                    int flags = (timestamps.process(timestampBuffer(), n) ? ChunkFlags.CLOCK_JUMP : 0) | pendingFlags;
                    pendingFlags = 0;
                    if (!emit(n, flags)) {
                        return;
                    }
                } catch (LslLostException e) {
                    LOG.warn("LSL stream {} (source_id '{}') lost; reconnecting", split.name(), split.sourceId());
                    disconnect();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    LOG.error("LSL stream {}: {}; reconnecting", split.name(), e.toString(), e);
                    disconnect();
                    try {
                        Thread.sleep(200); // no hot loop (or log flood) if the failure repeats
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        } finally {
            disconnect();
        }
    }

    /** Non-waiting pulls with short parks in between, up to the pull timeout (see pollIntervalMicros). */
    private int poll() {
        long deadline = System.nanoTime() + (long) (settings.pullTimeoutSeconds() * 1e9);
        long park = settings.pollIntervalMicros() * 1000L;
        while (true) {
            int n = pull(inlet, 0.0);
            if (n > 0 || System.nanoTime() >= deadline || !running) {
                return n;
            }
            LockSupport.parkNanos(park);
        }
    }

    private void disconnect() {
        if (inlet != null) {
            inlet.close();
            inlet = null;
            pendingFlags |= ChunkFlags.GAP;
        }
    }

    private void checkIdle() throws InterruptedException {
        if (!idle && System.nanoTime() - lastDataNanos > staleNanos()) {
            idle = true;
            LOG.info("LSL stream {}: no samples for {} s, marking idle", split.name(), settings.staleTimeoutSeconds());
            sink.idle(split.splitId());
        }
    }

    private long staleNanos() {
        return (long) (settings.staleTimeoutSeconds() * 1e9);
    }

    /** XPath for the split's stream: its source id (shape checked in {@link #matches}), or its uid when it has none. */
    private String predicate() {
        if (!split.reconnectable()) {
            return "uid=" + StreamResolver.xpathLiteral(split.uid());
        }
        return "source_id=" + StreamResolver.xpathLiteral(split.sourceId());
    }

    /**
     * Whether a stream found by source id is this split's stream again: same name, channel count and format (what
     * liblsl's own recovery requires). A mismatch is reported once per outlet instance and never connected.
     */
    private boolean matches(StreamInfo i) {
        boolean same = i.name().equals(split.name())
                && i.channelCount() == split.channelCount()
                && i.channelFormat().xmlName().equals(split.channelFormat());
        if (!same && mismatchReported.add(i.uid())) {
            LOG.error(
                    "LSL source_id '{}' is back as '{}' with {} {} channels, but session {} was '{}' with {} {} channels: not "
                            + "reconnecting to it",
                    split.sourceId(),
                    i.name(),
                    i.channelCount(),
                    i.channelFormat().xmlName(),
                    split.sessionId(),
                    split.name(),
                    split.channelCount(),
                    split.channelFormat());
        }
        return same;
    }

    private boolean connect() throws InterruptedException {
        if (everConnected && !split.reconnectable()) {
            if (!warnedUnreconnectable) {
                warnedUnreconnectable = true;
                LOG.warn(
                        "LSL stream {} has no source_id: it cannot be recognised when its outlet restarts; not reconnecting",
                        split.name());
            }
            Thread.sleep(100);
            return false;
        }
        long now = System.nanoTime();
        if (now < nextRetryNanos) {
            Thread.sleep(Math.max(1, (nextRetryNanos - now) / 1_000_000));
            return false;
        }
        List<StreamInfo> found =
                StreamResolver.resolveByPred(lslSettings, predicate(), 1, settings.reconnectResolveSeconds());
        nextRetryNanos = System.nanoTime() + 100_000_000L;
        StreamInfo newest = null;
        for (StreamInfo i : found) {
            if (matches(i) && (newest == null || i.createdAt() > newest.createdAt())) {
                newest = i;
            }
        }
        if (newest == null) {
            StreamResolver.closeAll(found);
            return false;
        }
        LslInlet in = null;
        try {
            in = new WireInlet(newest, settings.inletBufferSeconds(), lslSettings);
            in.open(2.0);
            try {
                in.timeCorrection(2.0); // the first estimate takes a few probes: take it now, not on the first chunk
            } catch (LslTimeoutException e) {
                LOG.warn("LSL stream {}: no time correction yet ({})", split.name(), e.getMessage());
            }
            String uid = newest.uid();
            if (everConnected) {
                pendingFlags |= ChunkFlags.GAP;
                LOG.info("LSL stream {} reconnected (uid {} -> {})", split.name(), connectedUid, uid);
            } else {
                LOG.info("LSL stream {} connected (uid {})", split.name(), uid);
            }
            LslInlet bound = in;
            timestamps = new TimestampPipeline(
                    timestampSettings(),
                    split.nominalRate(),
                    () -> offset(bound),
                    bound::wasClockReset,
                    Lsl::localClock);
            inlet = in;
            connectedUid = uid;
            everConnected = true;
            return true;
        } catch (LslException e) {
            LOG.warn("LSL stream {}: cannot open inlet: {}", split.name(), e.getMessage());
            if (in != null) {
                in.close();
            }
            return false;
        } finally {
            StreamResolver.closeAll(found);
        }
    }

    private double offset(LslInlet in) {
        try {
            return in.timeCorrection(0.5);
        } catch (LslTimeoutException e) {
            return timestamps == null ? 0.0 : timestamps.clockOffset();
        }
    }

    /** The timestamp stages this kind of stream uses (the configured ones by default). */
    protected TimestampSettings timestampSettings() {
        return settings.timestamps();
    }

    /** Pulls up to the buffer capacity into the subclass's buffers; returns the number of samples. */
    protected abstract int pull(LslInlet in, double timeoutSeconds);

    /** The timestamp buffer filled by {@link #pull}. */
    protected abstract double[] timestampBuffer();

    /** Turns the first {@code n} pulled samples (timestamps already corrected) into records. */
    protected abstract boolean emit(int n, int flags) throws InterruptedException;

    protected final boolean put(T record, double lslSeconds) throws InterruptedException {
        return running && sink.put(split.splitId(), record, LslSource.toEventMillis(lslSeconds));
    }
}
