package org.neuroloop.classifiers.mi.flink;

import java.util.Arrays;

/**
 * Keyed state of {@link MotorImageryDecoderFunction}: the session's last {@code window} filtered samples in a ring
 * buffer, the newest bad-data flags still inside it, and the decoder's adaptive state (the re-centering reference).
 * A mutable POJO with public fields so Flink keeps it with its POJO serializer.
 */
public final class DecoderWindowState {
    /** Interleaved ring, {@code window * channels}; sample slot s at {@code s * channels}. */
    public double[] ring = new double[0];

    public int channels;
    /** Samples held (≤ window). */
    public int size;
    /** Slot of the next sample. */
    public int head;
    /** Sequence number of the newest sample of the newest bad chunk, -1 if none. */
    public long lastBadSeq = -1;
    /** Union of bad flags since the window last held only clean data. */
    public int badFlags;
    /** {@link org.neuroloop.classifiers.mi.OnlineDecoder#state()}: re-centering count and reference. */
    public double[] decoder = new double[0];

    public DecoderWindowState() {}

    public static DecoderWindowState sized(int window, int channels) {
        DecoderWindowState s = new DecoderWindowState();
        s.ring = new double[window * channels];
        s.channels = channels;
        return s;
    }

    int window() {
        return ring.length / channels;
    }

    public void push(double[] x, int i) {
        System.arraycopy(x, i * channels, ring, head * channels, channels);
        head = (head + 1) % window();
        if (size < window()) {
            size++;
        }
    }

    /** The full window as {@code [channel][time]}, oldest sample first. */
    public double[][] epoch() {
        return epoch(new double[channels][window()]);
    }

    /** {@link #epoch()} into {@code e} ({@code [channels][window]}), returns it. */
    public double[][] epoch(double[][] e) {
        int w = window();
        for (int t = 0; t < w; t++) {
            int slot = (head + t) % w;
            for (int c = 0; c < channels; c++) {
                e[c][t] = ring[slot * channels + c];
            }
        }
        return e;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecoderWindowState s
                && channels == s.channels
                && size == s.size
                && head == s.head
                && lastBadSeq == s.lastBadSeq
                && badFlags == s.badFlags
                && Arrays.equals(ring, s.ring)
                && Arrays.equals(decoder, s.decoder);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ring) * 31 + head;
    }
}
