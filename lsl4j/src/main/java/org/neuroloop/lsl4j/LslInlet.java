package org.neuroloop.lsl4j;

/**
 * What receives one LSL stream: liblsl's inlet ({@link StreamInlet}) or NeuroLoop's own implementation of the wire
 * protocol ({@link org.neuroloop.lsl4j.wire.WireInlet}), which reads any liblsl outlet.
 *
 * <p>Pulls fill caller-owned arrays, sample-major ({@code out[i * channels + c]}), and one remote LSL-clock timestamp
 * per sample; they wait up to {@code timeoutSeconds} for the first sample (0 = do not wait) and then return what is
 * already there, up to the arrays' capacity. A lost outlet throws {@link LslLostException}. One pulling thread per
 * inlet.
 */
public interface LslInlet extends AutoCloseable {
    int channelCount();

    ChannelFormat channelFormat();

    /** Subscribes to the data now (pulls open the stream implicitly otherwise). */
    void open(double timeoutSeconds);

    /** The value to add to this stream's timestamps to map them to this host's LSL clock. */
    double timeCorrection(double timeoutSeconds);

    /** Whether the outlet's clock was reset since the last call (a restarted host). */
    boolean wasClockReset();

    int pullChunk(float[] out, double[] timestamps, double timeoutSeconds);

    int pullChunk(double[] out, double[] timestamps, double timeoutSeconds);

    int pullStrings(String[] out, double[] timestamps, double timeoutSeconds);

    @Override
    void close();
}
