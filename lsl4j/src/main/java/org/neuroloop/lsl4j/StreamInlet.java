package org.neuroloop.lsl4j;

import org.neuroloop.lsl4j.time.Monotonizer;
import org.neuroloop.lsl4j.time.RlsDejitter;
import org.neuroloop.lsl4j.wire.WireInlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream inlet, as pylsl's {@code StreamInlet}: receives the samples of one outlet (the protocol work is
 * {@link WireInlet}'s), post-processes their timestamps on request and recovers from a lost outlet.
 *
 * <p>Pulls fill caller-owned arrays sample-major ({@code out[i * channels + c]}) and one timestamp per sample; they
 * wait up to {@code timeout} seconds for the first sample and then return what is already there, up to the arrays'
 * capacity. {@code pullSample} returns the sample's timestamp, or 0.0 when none arrived in time.
 *
 * <p><b>Recovery</b> (on unless turned off): when the connection ends, or a regular stream sends nothing for
 * {@link #watchdogSeconds()} (liblsl's watchdog, 15 s), the loss is logged and counted ({@link #losses()}) and
 * pulls look for the stream again with {@code name, type, channel_count, channel_format} and its
 * {@code source_id} (or {@code hostname} when it has none): the same uid reconnects, otherwise a single match is
 * taken as the restarted outlet. Meanwhile pulls return nothing. Without recovery a loss throws
 * {@link LslLostException} from the pull that notices it.
 *
 * <p><b>Post-processing</b> ({@link #setPostprocessing(int)}, liblsl's flags): {@link #PROC_CLOCKSYNC} adds the
 * {@link #timeCorrection(double)}, {@link #PROC_DEJITTER} smooths regular streams' stamps by recursive least
 * squares ({@link RlsDejitter}), {@link #PROC_MONOTONIZE} keeps them ascending ({@link Monotonizer}).
 * Methods are synchronized ({@link #PROC_THREADSAFE} is always in effect); {@link #close()} may come from any thread.
 */
public final class StreamInlet implements LslInlet {
    private static final Logger LOG = LoggerFactory.getLogger(StreamInlet.class);
    public static final int PROC_NONE = 0;
    public static final int PROC_CLOCKSYNC = 1;
    public static final int PROC_DEJITTER = 2;
    public static final int PROC_MONOTONIZE = 4;
    public static final int PROC_THREADSAFE = 8;
    public static final int PROC_ALL = 15;
    /** Seconds without data after which a regular stream counts as lost (liblsl WatchdogTimeThreshold). */
    public static final double DEFAULT_WATCHDOG_SECONDS = 15.0;
    /** Least time a pull spends looking for a lost stream, even with a shorter timeout. */
    static final double MIN_RECOVERY_SECONDS = 0.2;

    private final String name;
    private final int channels;
    private final ChannelFormat format;
    private final double rate;
    private final int maxBuflen;
    private final boolean recover;
    private final InletRecovery recovery;
    private volatile WireInlet wire;
    private String uid;
    private volatile boolean closed;
    private double watchdogSeconds = DEFAULT_WATCHDOG_SECONDS;
    private long lastDataNanos = System.nanoTime();
    private int losses;
    private final StampPostprocessing postprocessing;
    private long[] longs = new long[0];
    private final double[] oneStamp = new double[1];

    /** An inlet with a 360 s buffer and recovery on. */
    public StreamInlet(StreamInfo info) {
        this(info, 360, 0, true, PROC_NONE);
    }

    public StreamInlet(StreamInfo info, int maxBuflen, int maxChunklen, boolean recover) {
        this(info, maxBuflen, maxChunklen, recover, PROC_NONE);
    }

    /**
     * @param info a resolved stream (from {@link StreamResolver} or {@link ContinuousResolver})
     * @param maxBuflen seconds of data the outlet keeps for this inlet (x100 samples for irregular streams), &gt;= 1
     * @param maxChunklen accepted for liblsl compatibility; samples arrive as the outlet sends them
     * @param recover look for the stream again when it is lost
     * @param processingFlags {@link #PROC_NONE} or a sum of the {@code PROC_} flags
     */
    public StreamInlet(StreamInfo info, int maxBuflen, int maxChunklen, boolean recover, int processingFlags) {
        this(info, maxBuflen, maxChunklen, recover, processingFlags, LslConfig.current());
    }

    /**
     * As {@link #StreamInlet(StreamInfo, int, int, boolean, int)} under the settings {@code cfg} instead of this
     * process's: the outlet's address is judged by them and recovery resolves with them.
     */
    public StreamInlet(
            StreamInfo info, int maxBuflen, int maxChunklen, boolean recover, int processingFlags, LslConfig cfg) {
        this.name = info.name();
        this.channels = info.channelCount();
        this.format = info.channelFormat();
        this.rate = info.nominalRate();
        this.maxBuflen = maxBuflen;
        this.recover = recover;
        this.uid = info.uid();
        this.wire = new WireInlet(info, maxBuflen, cfg);
        this.postprocessing = new StampPostprocessing(rate, processingFlags);
        this.recovery = new InletRecovery(info, maxBuflen, cfg);
    }

    @Override
    public int channelCount() {
        return channels;
    }

    @Override
    public ChannelFormat channelFormat() {
        return format;
    }

    /** The full info of the outlet (with its desc), fetched from it. */
    public synchronized StreamInfo info(double timeoutSeconds) {
        return FullInfoRequest.fetch(current().endpoint(), timeoutSeconds);
    }

    /** Subscribes to the data now (pulls open the stream implicitly otherwise). */
    public synchronized void openStream(double timeoutSeconds) {
        open(timeoutSeconds);
    }

    @Override
    public synchronized void open(double timeoutSeconds) {
        long deadline = deadline(timeoutSeconds);
        while (true) {
            try {
                current().open(secondsLeft(deadline));
                lastDataNanos = System.nanoTime();
                return;
            } catch (LslLostException e) {
                if (!recover || closed) {
                    throw e;
                }
                if (!recoverUntil(deadline)) {
                    throw new LslTimeoutException(
                            "LSL stream '" + name + "' could not be reopened within " + timeoutSeconds + " s");
                }
            }
        }
    }

    /** Unsubscribes; samples not pulled yet are dropped. The next pull subscribes again. */
    public synchronized void closeStream() {
        WireInlet w = wire;
        wire = new WireInlet(w.endpoint(), maxBuflen);
        w.close();
    }

    /** The value to add to this stream's timestamps to map them to this host's clock (refreshed every 2 s). */
    @Override
    public synchronized double timeCorrection(double timeoutSeconds) {
        return current().timeCorrection(timeoutSeconds);
    }

    @Override
    public synchronized boolean wasClockReset() {
        return current().wasClockReset();
    }

    /** Complete samples a pull would return at once. */
    public synchronized int samplesAvailable() {
        return wire == null ? 0 : wire.samplesAvailable();
    }

    /** Sets the post-processing ({@code PROC_} flags) of the timestamps pulled from now on. */
    public synchronized void setPostprocessing(int processingFlags) {
        postprocessing.setFlags(processingFlags);
    }

    /** How long a regular stream may send nothing before it counts as lost. */
    public synchronized double watchdogSeconds() {
        return watchdogSeconds;
    }

    public synchronized void setWatchdogSeconds(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("watchdog seconds must be > 0, got " + seconds);
        }
        this.watchdogSeconds = seconds;
    }

    /** How often the stream was lost so far (each loss is also logged). */
    public synchronized int losses() {
        return losses;
    }

    /** The uid of the outlet currently read (changes when recovery switches to a restarted outlet). */
    public synchronized String uid() {
        return uid;
    }

    // ---- pulls ----

    @Override
    public synchronized int pullChunk(float[] out, double[] timestamps, double timeoutSeconds) {
        return pullRecovering(WireInlet::pullChunk, out, timestamps, timeoutSeconds);
    }

    @Override
    public synchronized int pullChunk(double[] out, double[] timestamps, double timeoutSeconds) {
        return pullRecovering(WireInlet::pullChunk, out, timestamps, timeoutSeconds);
    }

    /** Pulls into 64-bit integers, exact for int64 streams. */
    public synchronized int pullChunk(long[] out, double[] timestamps, double timeoutSeconds) {
        return pullRecovering(WireInlet::pullChunk, out, timestamps, timeoutSeconds);
    }

    public synchronized int pullChunk(int[] out, double[] timestamps, double timeoutSeconds) {
        int n = pullChunk(longs(out.length), timestamps, timeoutSeconds);
        for (int i = 0; i < n * channels; i++) {
            out[i] = (int) longs[i];
        }
        return n;
    }

    public synchronized int pullChunk(short[] out, double[] timestamps, double timeoutSeconds) {
        int n = pullChunk(longs(out.length), timestamps, timeoutSeconds);
        for (int i = 0; i < n * channels; i++) {
            out[i] = (short) longs[i];
        }
        return n;
    }

    public synchronized int pullChunk(byte[] out, double[] timestamps, double timeoutSeconds) {
        int n = pullChunk(longs(out.length), timestamps, timeoutSeconds);
        for (int i = 0; i < n * channels; i++) {
            out[i] = (byte) longs[i];
        }
        return n;
    }

    /** Pulls string samples ({@code out[i * channels + c]}); each string is a new object. */
    @Override
    public synchronized int pullStrings(String[] out, double[] timestamps, double timeoutSeconds) {
        return pullRecovering(WireInlet::pullStrings, out, timestamps, timeoutSeconds);
    }

    /** Same as {@link #pullStrings}. */
    public int pullChunk(String[] out, double[] timestamps, double timeoutSeconds) {
        return pullStrings(out, timestamps, timeoutSeconds);
    }

    public synchronized double pullSample(float[] sample, double timeoutSeconds) {
        return pullChunk(sample, oneStamp, timeoutSeconds) == 1 ? oneStamp[0] : 0.0;
    }

    public synchronized double pullSample(double[] sample, double timeoutSeconds) {
        return pullChunk(sample, oneStamp, timeoutSeconds) == 1 ? oneStamp[0] : 0.0;
    }

    public synchronized double pullSample(long[] sample, double timeoutSeconds) {
        return pullChunk(sample, oneStamp, timeoutSeconds) == 1 ? oneStamp[0] : 0.0;
    }

    public synchronized double pullSample(int[] sample, double timeoutSeconds) {
        return pullChunk(sample, oneStamp, timeoutSeconds) == 1 ? oneStamp[0] : 0.0;
    }

    public synchronized double pullSample(short[] sample, double timeoutSeconds) {
        return pullChunk(sample, oneStamp, timeoutSeconds) == 1 ? oneStamp[0] : 0.0;
    }

    public synchronized double pullSample(byte[] sample, double timeoutSeconds) {
        return pullChunk(sample, oneStamp, timeoutSeconds) == 1 ? oneStamp[0] : 0.0;
    }

    public synchronized double pullSample(String[] sample, double timeoutSeconds) {
        return pullStrings(sample, oneStamp, timeoutSeconds) == 1 ? oneStamp[0] : 0.0;
    }

    /** One pull from a wire inlet, in one of its per-format variants. */
    private interface WirePull<A> {
        int pull(WireInlet wire, A out, double[] timestamps, double timeoutSeconds);
    }

    /** Pulls from the current outlet; when it is lost, recovers (if enabled) and pulls again until the deadline. */
    private <A> int pullRecovering(WirePull<A> pull, A out, double[] timestamps, double timeoutSeconds) {
        long deadline = deadline(timeoutSeconds);
        while (true) {
            try {
                return received(pull.pull(current(), out, timestamps, secondsLeft(deadline)), timestamps);
            } catch (LslLostException e) {
                if (!lost(e, deadline)) {
                    return 0;
                }
            }
        }
    }

    private long[] longs(int n) {
        if (longs.length < n) {
            longs = new long[n];
        }
        return longs;
    }

    /** Post-processes the pulled stamps and runs the watchdog; returns {@code n}. */
    private int received(int n, double[] ts) {
        long now = System.nanoTime();
        if (n > 0) {
            lastDataNanos = now;
            postprocessing.apply(ts, n, () -> current().timeCorrection(2.0));
            return n;
        }
        if (rate > 0 && now - lastDataNanos > (long) (watchdogSeconds * 1e9)) {
            throw new LslLostException("LSL stream '" + name + "' sent no data for " + watchdogSeconds + " s");
        }
        return 0;
    }

    // ---- recovery ----

    /** The protocol endpoint behind this inlet now (its sockets; a new one after each recovery). */
    public synchronized WireInlet wire() {
        return current();
    }

    private WireInlet current() {
        WireInlet w = wire;
        if (closed) {
            throw new LslLostException("LSL inlet of '" + name + "' is closed");
        }
        if (w == null) {
            throw new LslLostException("LSL stream '" + name + "' is lost and not found again yet");
        }
        return w;
    }

    /**
     * Handles a loss seen by a pull: without recovery rethrows it; else looks for the stream until the deadline
     * (at least {@value #MIN_RECOVERY_SECONDS} s). True when a connection is back, so the pull goes on.
     */
    private boolean lost(LslLostException e, long deadline) {
        if (!recover || closed) {
            throw e;
        }
        WireInlet w = wire;
        if (w != null) {
            losses++;
            LOG.warn("LSL stream '{}' lost ({}); looking for it again (recovery on)", name, e.getMessage());
            wire = null;
            w.close();
        }
        return recoverUntil(Math.max(deadline, System.nanoTime() + (long) (MIN_RECOVERY_SECONDS * 1e9)));
    }

    private boolean recoverUntil(long deadline) {
        WireInlet old = wire;
        if (old != null) {
            wire = null;
            old.close();
        }
        WireInlet w = recovery.reconnect(uid, deadline, () -> closed);
        if (w == null) {
            return false;
        }
        uid = w.endpoint().uid();
        wire = w;
        lastDataNanos = System.nanoTime();
        postprocessing.reset();
        return true;
    }

    private static long deadline(double timeoutSeconds) {
        return System.nanoTime() + (long) (Math.max(0, Math.min(timeoutSeconds, Lsl.FOREVER)) * 1e9);
    }

    static double secondsLeft(long deadline) {
        return Math.max(0, (deadline - System.nanoTime()) * 1e-9);
    }

    @Override
    public void close() {
        closed = true;
        WireInlet w = wire;
        if (w != null) {
            w.close();
        }
    }

    @Override
    public String toString() {
        return "StreamInlet[" + name + " uid=" + uid + "]";
    }
}
