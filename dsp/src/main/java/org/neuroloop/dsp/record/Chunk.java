package org.neuroloop.dsp.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * A block of consecutive multichannel samples from one session: the unit that flows through the job.
 *
 * <p>Samples are sample-major (interleaved): {@code samples[i * channels + c]} is channel {@code c} of
 * sample {@code i}, in physical units (µV for EEG). {@code timestamps[i]} is the LSL-clock time of sample
 * {@code i} in seconds. Stream metadata (labels, units) travels once per session in {@link StreamMeta}.
 *
 * <p>Arrays are shared, not copied: producers hand over ownership and nobody mutates a chunk once emitted.
 *
 * @param sessionId session key
 * @param firstSeq sequence number of the first sample in the session (0-based, gap-free unless {@link ChunkFlags#GAP})
 * @param timestamps one LSL timestamp per sample, seconds
 * @param samples interleaved samples, length {@code timestamps.length * channels}
 * @param channels channel count
 * @param nominalRate nominal sampling rate in Hz (0 for irregular streams)
 * @param flags bad-data and continuity flags, see {@link ChunkFlags}
 */
public record Chunk(
        String sessionId,
        long firstSeq,
        double[] timestamps,
        double[] samples,
        int channels,
        double nominalRate,
        int flags) {

    public Chunk {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(samples, "samples");
        if (channels <= 0) {
            throw new IllegalArgumentException(
                    "chunk of session " + sessionId + ": channels must be > 0, got " + channels);
        }
        if (samples.length != timestamps.length * channels) {
            throw new IllegalArgumentException("chunk of session " + sessionId + ": samples.length " + samples.length
                    + " != timestamps.length " + timestamps.length + " x channels " + channels);
        }
    }

    /** Number of samples (time points) in the chunk. */
    public int length() {
        return timestamps.length;
    }

    /** Value of channel {@code c} at sample {@code i}. */
    public double sample(int i, int c) {
        return samples[i * channels + c];
    }

    /** Timestamp of the newest sample, or NaN for an empty chunk. */
    public double lastTimestamp() {
        return timestamps.length == 0 ? Double.NaN : timestamps[timestamps.length - 1];
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /** The same chunk with extra flags set. */
    public Chunk withFlags(int extra) {
        return extra == 0
                ? this
                : new Chunk(sessionId, firstSeq, timestamps, samples, channels, nominalRate, flags | extra);
    }

    /** The same metadata with new sample values (same shape), e.g. after filtering. */
    public Chunk withSamples(double[] newSamples) {
        return new Chunk(sessionId, firstSeq, timestamps, newSamples, channels, nominalRate, flags);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chunk c
                && firstSeq == c.firstSeq
                && channels == c.channels
                && flags == c.flags
                && Double.compare(nominalRate, c.nominalRate) == 0
                && sessionId.equals(c.sessionId)
                && Arrays.equals(timestamps, c.timestamps)
                && Arrays.equals(samples, c.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                sessionId, firstSeq, channels, flags, Arrays.hashCode(timestamps), Arrays.hashCode(samples));
    }

    @Override
    public String toString() {
        return "Chunk[" + sessionId + " seq=" + firstSeq + " n=" + length() + " ch=" + channels + " @" + nominalRate
                + "Hz t=" + (length() == 0 ? "-" : timestamps[0] + ".." + lastTimestamp()) + " flags="
                + ChunkFlags.describe(flags) + "]";
    }
}
