package org.neuroloop.dsp.quality;

import java.util.Arrays;

/**
 * What {@link BadDataFlagger} carries from one chunk to the next: continuity (next expected sequence number,
 * last timestamp) and, per channel, the current flat run and clipped run.
 *
 * <p>A plain mutable value with public fields so Flink stores it with its POJO serializer; the flagger updates
 * it in place (no allocation per chunk once the arrays exist).
 */
public final class QualityState {
    /** Sequence number the next chunk should start with; -1 before the first chunk. */
    public long nextSeq = -1;
    /** Timestamp of the newest sample seen; NaN before the first chunk. */
    public double lastTimestamp = Double.NaN;
    /** Per channel: the value that started the current flat run. */
    public double[] flatReference = new double[0];
    /** Per channel: length of the current flat run, in samples. */
    public int[] flatRun = new int[0];
    /** Per channel: length of the current run of clipped samples. */
    public int[] clipRun = new int[0];

    public QualityState() {}

    /** A fresh state for a new session; the first chunk sizes the per-channel arrays. */
    public static QualityState initial() {
        return new QualityState();
    }

    /** Starts the per-channel runs afresh for {@code channels} channels. */
    void resize(int channels) {
        flatReference = new double[channels];
        Arrays.fill(flatReference, Double.NaN);
        flatRun = new int[channels];
        clipRun = new int[channels];
    }

    public int channels() {
        return flatRun.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QualityState q
                && nextSeq == q.nextSeq
                && Double.compare(lastTimestamp, q.lastTimestamp) == 0
                && Arrays.equals(flatReference, q.flatReference)
                && Arrays.equals(flatRun, q.flatRun)
                && Arrays.equals(clipRun, q.clipRun);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nextSeq) * 31 + Arrays.hashCode(flatRun);
    }

    @Override
    public String toString() {
        return "QualityState[nextSeq=" + nextSeq + " last=" + lastTimestamp + " flatRun=" + Arrays.toString(flatRun)
                + " clipRun=" + Arrays.toString(clipRun) + "]";
    }
}
