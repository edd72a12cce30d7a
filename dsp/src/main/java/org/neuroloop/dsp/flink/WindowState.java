package org.neuroloop.dsp.flink;

import java.util.Arrays;

/**
 * Keyed state of a sliding-window operator: the last {@code window} samples of a session in a ring buffer, and
 * the newest bad-data flags still inside the window. A mutable POJO (public fields) so Flink keeps it with its
 * POJO serializer; updated in place, no allocation per sample.
 */
public final class WindowState {
    /** Interleaved ring buffer, {@code window * channels} values; sample slot {@code s} at {@code s * channels}. */
    public double[] ring = new double[0];

    public int channels;
    /** Samples currently held (≤ window). */
    public int size;
    /** Slot the next sample goes to. */
    public int head;
    /** Nominal rate the window was sized for. */
    public double rate;
    /** Sequence number of the newest sample of the newest bad chunk; -1 if none. */
    public long lastBadSeq = -1;
    /** Union of the flags of bad chunks since the window last held only clean data. */
    public int badFlags;
    /** Operator-specific carried values (for example a running reference matrix), may be empty. */
    public double[] carried = new double[0];
    /** Count that goes with {@link #carried} (for example matrices averaged). */
    public long carriedCount;

    public WindowState() {}

    static WindowState sized(int window, int channels, double rate) {
        WindowState s = new WindowState();
        s.ring = new double[window * channels];
        s.channels = channels;
        s.rate = rate;
        return s;
    }

    int window() {
        return channels == 0 ? 0 : ring.length / channels;
    }

    /** Appends sample {@code i} of the interleaved block {@code x}. */
    void push(double[] x, int i) {
        System.arraycopy(x, i * channels, ring, head * channels, channels);
        head = (head + 1) % window();
        if (size < window()) {
            size++;
        }
    }

    /** Copies the window, oldest sample first, into {@code out} (length {@code size * channels}). */
    void copyOrdered(double[] out) {
        int w = window();
        int start = size < w ? 0 : head;
        int first = Math.min(size, w - start);
        System.arraycopy(ring, start * channels, out, 0, first * channels);
        System.arraycopy(ring, 0, out, first * channels, (size - first) * channels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowState w
                && channels == w.channels
                && size == w.size
                && head == w.head
                && rate == w.rate
                && lastBadSeq == w.lastBadSeq
                && badFlags == w.badFlags
                && carriedCount == w.carriedCount
                && Arrays.equals(ring, w.ring)
                && Arrays.equals(carried, w.carried);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ring) * 31 + head;
    }
}
