package org.neuroloop.lsl4j.liblsl;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.lang.reflect.Array;
import java.util.Arrays;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.LslOutlet;

/**
 * A stream outlet ({@code lsl_outlet}): makes a stream discoverable on this host and sends pushed samples to every
 * connected inlet.
 *
 * <p>Samples are sample-major (interleaved): {@code data[i * channels + c]}. Timestamps are LSL-clock seconds, one
 * per sample; a timestamp of 0 means "now" ({@link Lsl#localClock()}). Samples pushed while no inlet is connected are
 * dropped by liblsl, so producers that must not lose data wait with {@link #waitForConsumers(double)} first.
 *
 * <p>Push methods are synchronized (one native scratch buffer per outlet) and allocate nothing once the buffer
 * has grown to the largest chunk. The pushed values must match the stream's format or be convertible by liblsl
 * (e.g. floats into a double64 stream).
 */
public final class StreamOutlet extends NativeHandle implements LslOutlet {
    private final int channels;
    private final ChannelFormat format;
    private final String name;
    private final NativeBuffer data = new NativeBuffer();
    private final NativeBuffer stamps = new NativeBuffer();

    /** An outlet sending each push as it comes (chunk size 0) with a 360 s (or 36000-sample) send buffer. */
    public StreamOutlet(StreamInfo info) {
        this(info, 0, 360);
    }

    /**
     * @param info description to publish (copied; the caller keeps ownership)
     * @param chunkSize samples per network chunk, 0 = as pushed
     * @param maxBuffered seconds of data buffered per consumer (x100 samples for irregular streams)
     */
    public StreamOutlet(StreamInfo info, int chunkSize, int maxBuffered) {
        super(
                LslNative.lsl_create_outlet(info.handle(), chunkSize, maxBuffered),
                LslNative::lsl_destroy_outlet,
                "an outlet for " + info.name());
        this.channels = info.channelCount();
        this.format = info.channelFormat();
        this.name = info.name();
    }

    public int channelCount() {
        return channels;
    }

    public ChannelFormat channelFormat() {
        return format;
    }

    /** The outlet's info including the network fields (uid, ports, created_at); the caller must close it. */
    public StreamInfo info() {
        return new StreamInfo(LslNative.lsl_get_info(handle()));
    }

    /** Whether at least one inlet is connected. */
    public boolean haveConsumers() {
        return LslNative.lsl_have_consumers(handle()) != 0;
    }

    /** Blocks until an inlet connects or the timeout (seconds) passes; true if one connected. */
    public boolean waitForConsumers(double timeoutSeconds) {
        return LslNative.lsl_wait_for_consumers(handle(), timeoutSeconds) != 0;
    }

    // ---- numeric chunks: data has sampleCount * channels values, timestamps has sampleCount values ----

    public synchronized void pushChunk(float[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        pushNumeric(
                samples,
                Float.BYTES,
                (m, v, n) -> m.write(0, v, 0, n),
                LslNative::lsl_push_chunk_ftnp,
                sampleCount,
                timestamps,
                pushthrough);
    }

    public synchronized void pushChunk(double[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        pushNumeric(
                samples,
                Double.BYTES,
                (m, v, n) -> m.write(0, v, 0, n),
                LslNative::lsl_push_chunk_dtnp,
                sampleCount,
                timestamps,
                pushthrough);
    }

    public synchronized void pushChunk(int[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        pushNumeric(
                samples,
                Integer.BYTES,
                (m, v, n) -> m.write(0, v, 0, n),
                LslNative::lsl_push_chunk_itnp,
                sampleCount,
                timestamps,
                pushthrough);
    }

    public synchronized void pushChunk(short[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        pushNumeric(
                samples,
                Short.BYTES,
                (m, v, n) -> m.write(0, v, 0, n),
                LslNative::lsl_push_chunk_stnp,
                sampleCount,
                timestamps,
                pushthrough);
    }

    public synchronized void pushChunk(byte[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        pushNumeric(
                samples,
                Byte.BYTES,
                (m, v, n) -> m.write(0, v, 0, n),
                LslNative::lsl_push_chunk_ctnp,
                sampleCount,
                timestamps,
                pushthrough);
    }

    public synchronized void pushChunk(long[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        pushNumeric(
                samples,
                Long.BYTES,
                (m, v, n) -> m.write(0, v, 0, n),
                LslNative::lsl_push_chunk_ltnp,
                sampleCount,
                timestamps,
                pushthrough);
    }

    /** One of JNA's per-type {@code Memory.write} calls: copies {@code n} values into native memory. */
    private interface Write<A> {
        void write(Memory m, A samples, int n);
    }

    /** liblsl's {@code lsl_push_chunk_*tnp} functions. */
    private interface ChunkPush {
        int push(Pointer out, Pointer data, long dataElements, Pointer timestamps, int pushthrough);
    }

    private <A> void pushNumeric(
            A samples,
            int bytesPerValue,
            Write<A> write,
            ChunkPush push,
            int sampleCount,
            double[] timestamps,
            boolean pushthrough) {
        int n = checkShape(Array.getLength(samples), sampleCount, timestamps);
        if (n == 0) {
            return;
        }
        Memory m = data.ensure((long) bytesPerValue * n);
        write.write(m, samples, n);
        check(push.push(handle(), m, n, stampsOf(timestamps, sampleCount), flag(pushthrough)));
    }

    /** Pushes {@code timestamps.length} samples, sent at once. */
    public void pushChunk(float[] samples, double[] timestamps) {
        pushChunk(samples, timestamps.length, timestamps, true);
    }

    /** Pushes {@code timestamps.length} samples, sent at once. */
    public void pushChunk(double[] samples, double[] timestamps) {
        pushChunk(samples, timestamps.length, timestamps, true);
    }

    // ---- single samples (allocate a one-element timestamp array; use pushChunk on hot paths) ----

    public void pushSample(float[] sample, double timestamp) {
        pushChunk(sample, 1, new double[] {timestamp}, true);
    }

    public void pushSample(double[] sample, double timestamp) {
        pushChunk(sample, 1, new double[] {timestamp}, true);
    }

    // ---- strings ----

    /**
     * Pushes string samples: {@code values[i * channels + c]} (UTF-8 on the wire).
     *
     * @param sampleCount number of samples
     * @param timestamps one per sample (0 = now)
     */
    public synchronized void pushStrings(String[] values, int sampleCount, double[] timestamps, boolean pushthrough) {
        int n = checkShape(values.length, sampleCount, timestamps);
        if (n == 0) {
            return;
        }
        String[] exact = values.length == n ? values : Arrays.copyOf(values, n);
        for (int i = 0; i < n; i++) {
            if (exact[i] == null) {
                throw new IllegalArgumentException("outlet " + name + ": string value " + i + " is null");
            }
        }
        StringArray ptrs = new StringArray(exact, "UTF-8");
        try {
            check(LslNative.lsl_push_chunk_strtnp(
                    handle(), ptrs, n, stampsOf(timestamps, sampleCount), flag(pushthrough)));
        } finally {
            ptrs.close();
        }
    }

    /** Pushes one marker on a 1-channel string stream at {@code timestamp} (0 = now). */
    public void pushMarker(String label, double timestamp) {
        if (channels != 1) {
            throw new IllegalStateException(
                    "outlet " + name + " has " + channels + " channels; pushMarker needs a 1-channel string stream");
        }
        pushStrings(new String[] {label}, 1, new double[] {timestamp}, true);
    }

    // ---- helpers ----

    private int checkShape(int length, int sampleCount, double[] timestamps) {
        if (sampleCount < 0 || timestamps.length < sampleCount) {
            throw new IllegalArgumentException(
                    "outlet " + name + ": sampleCount " + sampleCount + " with " + timestamps.length + " timestamps");
        }
        long n = (long) sampleCount * channels;
        if (length < n) {
            throw new IllegalArgumentException("outlet " + name + ": " + sampleCount + " samples x " + channels
                    + " channels need " + n + " values, got " + length);
        }
        return (int) n;
    }

    private Pointer stampsOf(double[] timestamps, int sampleCount) {
        Memory t = stamps.ensure(8L * Math.max(sampleCount, 1));
        t.write(0, timestamps, 0, sampleCount);
        return t;
    }

    private static int flag(boolean b) {
        return b ? 1 : 0;
    }

    private void check(int ec) {
        LslException.check(ec, "push to outlet", name);
    }

    @Override
    public synchronized void close() {
        super.close();
        data.close();
        stamps.close();
    }
}
