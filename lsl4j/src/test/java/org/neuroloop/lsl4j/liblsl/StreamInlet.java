package org.neuroloop.lsl4j.liblsl;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.reflect.Array;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslLostException;

/**
 * A stream inlet ({@code lsl_inlet}): receives the samples of one outlet.
 *
 * <p>Pulls fill caller-owned, preallocated primitive arrays (sample-major: {@code data[i * channels + c]}) and a
 * timestamp array (remote LSL-clock seconds, one per sample; add {@link #timeCorrection(double)} to map them to
 * this host's clock). Once the inlet's native scratch buffer has grown to the largest pull, pulls allocate nothing.
 *
 * <p>{@code pullChunk(..., timeout)} waits up to {@code timeout} seconds for the <em>first</em> sample and then
 * returns everything already buffered, up to the arrays' capacity. (liblsl's own {@code lsl_pull_chunk} with a
 * timeout waits until the buffer is full, which adds latency for real-time use.)
 *
 * <p>Methods are synchronized; {@link #close()} waits for a running pull (bounded by its timeout) so no call ever
 * reaches a destroyed handle. Use one pulling thread per inlet.
 */
public final class StreamInlet extends NativeHandle implements LslInlet {
    private final int channels;
    private final ChannelFormat format;
    private final String name;
    private final NativeBuffer data = new NativeBuffer();
    private final NativeBuffer stamps = new NativeBuffer();
    private final Memory ec = new Memory(4);

    /** An inlet with a 360 s buffer, sender-chosen chunking and liblsl's silent recovery enabled. */
    public StreamInlet(StreamInfo info) {
        this(info, 360, 0, true);
    }

    /**
     * @param info a resolved stream info (copied; the caller keeps ownership)
     * @param maxBufferSeconds seconds buffered on both ends (x100 samples for irregular streams)
     * @param maxChunkLength samples per network chunk, 0 = as the sender chunks; 1 for lowest latency
     * @param recover let liblsl reconnect silently to a restarted outlet with the same source id. Pass false to see
     *                {@link LslLostException} instead (what the Flink source does, so it can flag the gap).
     */
    public StreamInlet(StreamInfo info, int maxBufferSeconds, int maxChunkLength, boolean recover) {
        super(
                LslNative.lsl_create_inlet(info.handle(), maxBufferSeconds, maxChunkLength, recover ? 1 : 0),
                LslNative::lsl_destroy_inlet,
                "an inlet for " + info.name());
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

    /** The full info including {@code desc}, fetched from the outlet; the caller must close it. */
    public synchronized StreamInfo info(double timeoutSeconds) {
        Pointer p = LslNative.lsl_get_fullinfo(handle(), timeoutSeconds, ec0());
        LslException.check(ec.getInt(0), "get full info of", name);
        return new StreamInfo(p);
    }

    /** Subscribes to the data now (pulls open the stream implicitly otherwise). */
    public synchronized void open(double timeoutSeconds) {
        LslNative.lsl_open_stream(handle(), timeoutSeconds, ec0());
        LslException.check(ec.getInt(0), "open stream", name);
    }

    /** Unsubscribes; buffered samples are dropped. */
    public synchronized void closeStream() {
        LslNative.lsl_close_stream(handle());
    }

    /**
     * Offset to add to this stream's timestamps to express them on this host's LSL clock, seconds (about 0 when the
     * outlet runs on the same host). The first call measures (~0.5 s); later calls return the background estimate.
     */
    public synchronized double timeCorrection(double timeoutSeconds) {
        double v = LslNative.lsl_time_correction(handle(), timeoutSeconds, ec0());
        LslException.check(ec.getInt(0), "time correction of", name);
        return v;
    }

    /** Number of samples buffered locally (liblsl may report 0/1 only). */
    public synchronized int samplesAvailable() {
        return LslNative.lsl_samples_available(handle());
    }

    /** Whether the outlet's clock was possibly reset since the last call (clock offsets then jump). */
    public synchronized boolean wasClockReset() {
        return LslNative.lsl_was_clock_reset(handle()) != 0;
    }

    // ---- numeric pulls ----

    /** Pulls up to {@code min(data.length / channels, timestamps.length)} samples; returns how many. */
    public synchronized int pullChunk(float[] out, double[] timestamps, double timeoutSeconds) {
        return pullNumeric(Kind.F32, out, (m, o, n) -> m.read(0, o, 0, n), timestamps, timeoutSeconds);
    }

    public synchronized int pullChunk(double[] out, double[] timestamps, double timeoutSeconds) {
        return pullNumeric(Kind.F64, out, (m, o, n) -> m.read(0, o, 0, n), timestamps, timeoutSeconds);
    }

    public synchronized int pullChunk(int[] out, double[] timestamps, double timeoutSeconds) {
        return pullNumeric(Kind.I32, out, (m, o, n) -> m.read(0, o, 0, n), timestamps, timeoutSeconds);
    }

    public synchronized int pullChunk(short[] out, double[] timestamps, double timeoutSeconds) {
        return pullNumeric(Kind.I16, out, (m, o, n) -> m.read(0, o, 0, n), timestamps, timeoutSeconds);
    }

    public synchronized int pullChunk(byte[] out, double[] timestamps, double timeoutSeconds) {
        return pullNumeric(Kind.I8, out, (m, o, n) -> m.read(0, o, 0, n), timestamps, timeoutSeconds);
    }

    public synchronized int pullChunk(long[] out, double[] timestamps, double timeoutSeconds) {
        return pullNumeric(Kind.I64, out, (m, o, n) -> m.read(0, o, 0, n), timestamps, timeoutSeconds);
    }

    /** One of JNA's per-type {@code Memory.read} calls: copies {@code n} values from native memory. */
    private interface Read<A> {
        void read(Memory m, A out, int n);
    }

    private <A> int pullNumeric(Kind kind, A out, Read<A> read, double[] timestamps, double timeoutSeconds) {
        int n = pull(kind, capacity(Array.getLength(out), timestamps), timeoutSeconds);
        read.read(data.ensure(0), out, n * channels);
        stamps.ensure(0).read(0, timestamps, 0, n);
        return n;
    }

    // ---- strings ----

    /**
     * Pulls up to {@code min(out.length / channels, timestamps.length)} string samples into {@code out}
     * ({@code out[i * channels + c]}); returns how many. Strings are allocated (markers are rare).
     */
    public synchronized int pullStrings(String[] out, double[] timestamps, double timeoutSeconds) {
        int cap = capacity(out.length, timestamps);
        int n = pull(Kind.STR, cap, timeoutSeconds);
        if (cap <= 0) {
            return 0;
        }
        Memory m = data.ensure(0);
        try {
            for (int i = 0; i < n * channels; i++) {
                Pointer s = m.getPointer(8L * i);
                out[i] = s == null ? "" : s.getString(0, "UTF-8");
            }
        } finally {
            freeStrings(m, cap * channels);
        }
        stamps.ensure(0).read(0, timestamps, 0, n);
        return n;
    }

    // ---- the pull itself ----

    /** liblsl's {@code lsl_pull_chunk_*} functions. */
    private interface ChunkPull {
        long pull(
                Pointer in,
                Pointer data,
                Pointer timestamps,
                long dataElements,
                long timestampElements,
                double timeout,
                Pointer ec);
    }

    /** liblsl's {@code lsl_pull_sample_*} functions. */
    private interface SamplePull {
        double pull(Pointer in, Pointer buffer, long bufferElements, double timeout, Pointer ec);
    }

    /** A value type: its width in the native buffer (a string is one {@code char*}) and liblsl's pulls for it. */
    private enum Kind {
        F32(4, LslNative::lsl_pull_chunk_f, LslNative::lsl_pull_sample_f),
        F64(8, LslNative::lsl_pull_chunk_d, LslNative::lsl_pull_sample_d),
        I32(4, LslNative::lsl_pull_chunk_i, LslNative::lsl_pull_sample_i),
        I16(2, LslNative::lsl_pull_chunk_s, LslNative::lsl_pull_sample_s),
        I8(1, LslNative::lsl_pull_chunk_c, LslNative::lsl_pull_sample_c),
        I64(8, LslNative::lsl_pull_chunk_l, LslNative::lsl_pull_sample_l),
        STR(8, LslNative::lsl_pull_chunk_str, LslNative::lsl_pull_sample_str);

        final int width;
        final ChunkPull chunk;
        final SamplePull sample;

        Kind(int width, ChunkPull chunk, SamplePull sample) {
            this.width = width;
            this.chunk = chunk;
            this.sample = sample;
        }
    }

    private int capacity(int length, double[] timestamps) {
        return Math.min(length / channels, timestamps.length);
    }

    /** Pulls into the scratch buffers: wait for one sample up to the timeout, then drain without waiting. */
    private int pull(Kind kind, int cap, double timeoutSeconds) {
        Pointer in = handle();
        if (cap <= 0) {
            return 0;
        }
        long rowBytes = (long) kind.width * channels;
        Memory d = data.ensure(rowBytes * cap);
        Memory t = stamps.ensure(8L * cap);
        if (kind == Kind.STR) {
            d.clear(rowBytes * cap);
        }
        try {
            int n = chunk(kind, in, d, t, cap);
            if (n == 0 && timeoutSeconds > 0) {
                double ts = sample(kind, in, d, timeoutSeconds);
                if (ts != 0.0) {
                    t.setDouble(0, ts);
                    n = 1 + (cap > 1 ? chunk(kind, in, data.at(rowBytes), stamps.at(8), cap - 1) : 0);
                }
            }
            return n;
        } catch (RuntimeException e) {
            if (kind == Kind.STR) {
                freeStrings(d, cap * channels);
            }
            throw e;
        }
    }

    private int chunk(Kind kind, Pointer in, Pointer d, Pointer t, int cap) {
        long elements = (long) cap * channels;
        long got = kind.chunk.pull(in, d, t, elements, cap, 0.0, ec0());
        LslException.check(ec.getInt(0), "pull chunk from", name);
        // liblsl <= 1.12 returns unsigned long, later uint32_t: only the low 32 bits are meaningful for both.
        return (int) ((got & 0xFFFFFFFFL) / channels);
    }

    private double sample(Kind kind, Pointer in, Pointer d, double timeout) {
        double ts = kind.sample.pull(in, d, channels, timeout, ec0());
        LslException.check(ec.getInt(0), "pull sample from", name);
        return ts;
    }

    /**
     * liblsl mallocs one C string per slot of the buffer it was given (not only the filled ones), to be released
     * with {@code lsl_destroy_string}; the buffer was zeroed before the call, so non-null slots are exactly those.
     */
    private void freeStrings(Memory d, int slots) {
        for (int i = 0; i < slots; i++) {
            Pointer s = d.getPointer(8L * i);
            if (s != null) {
                LslNative.lsl_destroy_string(s);
                d.setPointer(8L * i, null);
            }
        }
    }

    private Pointer ec0() {
        ec.setInt(0, 0);
        return ec;
    }

    @Override
    public synchronized void close() {
        super.close();
        data.close();
        stamps.close();
        ec.close();
    }
}
