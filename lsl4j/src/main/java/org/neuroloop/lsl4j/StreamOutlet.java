package org.neuroloop.lsl4j;

import org.neuroloop.lsl4j.wire.WireOutlet;

/**
 * A stream outlet, as pylsl's {@code StreamOutlet}: makes a stream discoverable and sends every pushed sample to
 * each connected inlet (the protocol work is {@link WireOutlet}'s).
 *
 * <p>Samples are sample-major (interleaved): {@code data[i * channels + c]}. Timestamps are LSL-clock seconds; 0
 * means "now" ({@link Lsl#localClock()}). A chunk pushed with one timestamp gives it to its last sample and spaces
 * the earlier ones by 1/nominal rate (all equal for irregular streams), like liblsl. Values of any Java type go to
 * any numeric stream, converted like liblsl (rounded and saturated for integer formats); {@code long[]} reaches
 * int64 streams exactly. Samples pushed while no inlet is connected are dropped, so producers that must not lose
 * data wait with {@link #waitForConsumers(double)} first. Pushes are thread-safe.
 */
public final class StreamOutlet implements LslOutlet {
    private final WireOutlet wire;
    private final int channels;
    private final double rate;
    private double[] scratch = new double[0];
    private double[] stamps = new double[1];

    /** An outlet buffering up to 360 s of data per consumer. */
    public StreamOutlet(StreamInfo info) {
        this(info, 0, 360);
    }

    /**
     * @param chunkSize accepted for liblsl compatibility; every push is sent at once
     * @param maxBuffered seconds of data kept per consumer that does not keep up (x100 samples if irregular)
     */
    public StreamOutlet(StreamInfo info, int chunkSize, int maxBuffered) {
        this(info, chunkSize, maxBuffered, LslConfig.current());
    }

    /** As {@link #StreamOutlet(StreamInfo, int, int)} under the settings {@code cfg} instead of this process's. */
    public StreamOutlet(StreamInfo info, int chunkSize, int maxBuffered, LslConfig cfg) {
        this.wire = new WireOutlet(info, maxBuffered, cfg);
        this.channels = info.channelCount();
        this.rate = info.nominalRate();
    }

    /** The outlet's info with the fields it filled in (uid, created_at, hostname, ports) and the full desc. */
    public StreamInfo info() {
        return StreamInfo.fromXml(wire.fullInfoXml());
    }

    @Override
    public int channelCount() {
        return channels;
    }

    @Override
    public ChannelFormat channelFormat() {
        return wire.channelFormat();
    }

    @Override
    public boolean haveConsumers() {
        return wire.haveConsumers();
    }

    @Override
    public boolean waitForConsumers(double timeoutSeconds) {
        return wire.waitForConsumers(timeoutSeconds);
    }

    /** The protocol endpoint behind this outlet (ports, consumer count, dropped samples). */
    public WireOutlet wire() {
        return wire;
    }

    // ---- chunks with one timestamp per sample ----

    @Override
    public void pushChunk(float[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        wire.pushChunk(samples, sampleCount, timestamps, pushthrough);
    }

    @Override
    public void pushChunk(double[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        wire.pushChunk(samples, sampleCount, timestamps, pushthrough);
    }

    public void pushChunk(long[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        wire.pushChunk(samples, sampleCount, timestamps, pushthrough);
    }

    public synchronized void pushChunk(int[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        double[] d = widen(sampleCount * channels);
        for (int i = 0; i < sampleCount * channels; i++) {
            d[i] = samples[i];
        }
        wire.pushChunk(d, sampleCount, timestamps, pushthrough);
    }

    public synchronized void pushChunk(short[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        double[] d = widen(sampleCount * channels);
        for (int i = 0; i < sampleCount * channels; i++) {
            d[i] = samples[i];
        }
        wire.pushChunk(d, sampleCount, timestamps, pushthrough);
    }

    public synchronized void pushChunk(byte[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        double[] d = widen(sampleCount * channels);
        for (int i = 0; i < sampleCount * channels; i++) {
            d[i] = samples[i];
        }
        wire.pushChunk(d, sampleCount, timestamps, pushthrough);
    }

    @Override
    public void pushStrings(String[] values, int sampleCount, double[] timestamps, boolean pushthrough) {
        wire.pushStrings(values, sampleCount, timestamps, pushthrough);
    }

    private double[] widen(int n) {
        if (scratch.length < n) {
            scratch = new double[n];
        }
        return scratch;
    }

    // ---- whole arrays: a chunk of length / channels samples stamped with one time (0 = now) ----

    /** Pushes {@code timestamps.length} samples, sent at once. */
    public void pushChunk(float[] samples, double[] timestamps) {
        pushChunk(samples, timestamps.length, timestamps, true);
    }

    /** Pushes {@code timestamps.length} samples, sent at once. */
    public void pushChunk(double[] samples, double[] timestamps) {
        pushChunk(samples, timestamps.length, timestamps, true);
    }

    /** Pushes {@code samples.length / channels} samples; the last one at {@code timestamp} (0 = now). */
    public void pushChunk(float[] samples, double timestamp) {
        int n = samples.length / channels;
        synchronized (this) {
            pushChunk(samples, n, spaced(n, timestamp), true);
        }
    }

    /** Pushes {@code samples.length / channels} samples; the last one at {@code timestamp} (0 = now). */
    public void pushChunk(double[] samples, double timestamp) {
        int n = samples.length / channels;
        synchronized (this) {
            pushChunk(samples, n, spaced(n, timestamp), true);
        }
    }

    /** Pushes {@code samples.length / channels} samples; the last one at {@code timestamp} (0 = now). */
    public void pushChunk(long[] samples, double timestamp) {
        int n = samples.length / channels;
        synchronized (this) {
            pushChunk(samples, n, spaced(n, timestamp), true);
        }
    }

    /** Pushes {@code samples.length / channels} samples; the last one at {@code timestamp} (0 = now). */
    public void pushChunk(int[] samples, double timestamp) {
        int n = samples.length / channels;
        synchronized (this) {
            pushChunk(samples, n, spaced(n, timestamp), true);
        }
    }

    /** Pushes {@code samples.length / channels} samples; the last one at {@code timestamp} (0 = now). */
    public void pushChunk(short[] samples, double timestamp) {
        int n = samples.length / channels;
        synchronized (this) {
            pushChunk(samples, n, spaced(n, timestamp), true);
        }
    }

    /** Pushes {@code samples.length / channels} samples; the last one at {@code timestamp} (0 = now). */
    public void pushChunk(byte[] samples, double timestamp) {
        int n = samples.length / channels;
        synchronized (this) {
            pushChunk(samples, n, spaced(n, timestamp), true);
        }
    }

    /** Pushes {@code values.length / channels} string samples; the last one at {@code timestamp} (0 = now). */
    public void pushChunk(String[] values, double timestamp) {
        int n = values.length / channels;
        synchronized (this) {
            pushStrings(values, n, spaced(n, timestamp), true);
        }
    }

    /** Timestamps of {@code n} samples whose last is at {@code last} (0 = now), 1/rate apart. */
    private double[] spaced(int n, double last) {
        if (stamps.length < n) {
            stamps = new double[n];
        }
        double t = last == 0.0 ? Lsl.localClock() : last;
        double step = rate > 0 ? 1.0 / rate : 0.0;
        for (int i = 0; i < n; i++) {
            stamps[i] = t - (n - 1 - i) * step;
        }
        return stamps;
    }

    // ---- single samples ----

    public void pushSample(float[] sample) {
        pushSample(sample, 0.0);
    }

    public void pushSample(float[] sample, double timestamp) {
        requireOne(sample.length);
        pushChunk(sample, timestamp);
    }

    public void pushSample(double[] sample) {
        pushSample(sample, 0.0);
    }

    public void pushSample(double[] sample, double timestamp) {
        requireOne(sample.length);
        pushChunk(sample, timestamp);
    }

    public void pushSample(long[] sample, double timestamp) {
        requireOne(sample.length);
        pushChunk(sample, timestamp);
    }

    public void pushSample(int[] sample, double timestamp) {
        requireOne(sample.length);
        pushChunk(sample, timestamp);
    }

    public void pushSample(short[] sample, double timestamp) {
        requireOne(sample.length);
        pushChunk(sample, timestamp);
    }

    public void pushSample(byte[] sample, double timestamp) {
        requireOne(sample.length);
        pushChunk(sample, timestamp);
    }

    public void pushSample(String[] sample) {
        pushSample(sample, 0.0);
    }

    public void pushSample(String[] sample, double timestamp) {
        requireOne(sample.length);
        pushChunk(sample, timestamp);
    }

    @Override
    public void pushMarker(String label, double timestamp) {
        wire.pushMarker(label, timestamp);
    }

    private void requireOne(int length) {
        if (length != channels) {
            throw new IllegalArgumentException(
                    "outlet " + wire.name() + " has " + channels + " channels, got a sample of " + length + " values");
        }
    }

    @Override
    public void close() {
        wire.close();
    }

    @Override
    public String toString() {
        return "StreamOutlet[" + wire + "]";
    }
}
