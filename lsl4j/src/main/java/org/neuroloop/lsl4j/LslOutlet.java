package org.neuroloop.lsl4j;

/**
 * What publishes an LSL stream: liblsl's outlet ({@link StreamOutlet}) or NeuroLoop's own implementation of the
 * wire protocol ({@link org.neuroloop.lsl4j.wire.WireOutlet}), which any liblsl inlet (LabRecorder, MNE-LSL,
 * pylsl) reads the same way.
 *
 * <p>Samples are sample-major ({@code data[i * channels + c]}); timestamps are LSL-clock seconds, one per sample,
 * 0 meaning "now". Samples pushed while no inlet is connected are dropped.
 */
public interface LslOutlet extends AutoCloseable {
    int channelCount();

    ChannelFormat channelFormat();

    /** Whether at least one inlet is connected. */
    boolean haveConsumers();

    /** Blocks until an inlet connects or the timeout (seconds) passes; true if one connected. */
    boolean waitForConsumers(double timeoutSeconds);

    void pushChunk(float[] samples, int sampleCount, double[] timestamps, boolean pushthrough);

    void pushChunk(double[] samples, int sampleCount, double[] timestamps, boolean pushthrough);

    /** String samples: {@code values[i * channels + c]} (UTF-8 on the wire). */
    void pushStrings(String[] values, int sampleCount, double[] timestamps, boolean pushthrough);

    /** Pushes one marker on a 1-channel string stream at {@code timestamp} (0 = now). */
    void pushMarker(String label, double timestamp);

    @Override
    void close();
}
