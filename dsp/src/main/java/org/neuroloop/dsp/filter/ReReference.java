package org.neuroloop.dsp.filter;

import java.io.Serializable;
import java.util.Arrays;
import org.neuroloop.dsp.record.Chunk;

/**
 * EEG re-referencing of interleaved blocks ({@code samples[i * channels + c]}): every channel minus the mean of
 * the reference channels at the same sample, {@code x'[i,c] = x[i,c] - mean_{r in R} x[i,r]}.
 * Common average reference uses all channels as R (MNE's {@code set_eeg_reference('average')}); a subset
 * reference uses the given channels (e.g. linked mastoids {@code {M1, M2}}, or a single {@code Cz}).
 * Immutable; works in place and allocates nothing per sample. A NaN in a reference channel makes every channel of
 * that sample NaN (no state is carried, so later samples are unaffected); flag such chunks before referencing.
 */
public final class ReReference implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int channels;
    /** Reference channel indices, or null for all channels. */
    private final int[] refs;

    private ReReference(int channels, int[] refs) {
        if (channels < 1) {
            throw new IllegalArgumentException("re-reference needs >= 1 channel, got " + channels);
        }
        this.channels = channels;
        this.refs = refs;
    }

    /** Common average reference over all {@code channels}. */
    public static ReReference commonAverage(int channels) {
        return new ReReference(channels, null);
    }

    /**
     * Reference to the average of the given channel indices.
     *
     * @throws IllegalArgumentException if the subset is empty, has duplicates, or an index is out of range
     */
    public static ReReference subset(int channels, int... referenceChannels) {
        if (referenceChannels == null || referenceChannels.length == 0) {
            throw new IllegalArgumentException("reference subset must name at least one channel");
        }
        int[] sorted = referenceChannels.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= channels) {
                throw new IllegalArgumentException(
                        "reference channel index " + sorted[i] + " out of range [0, " + channels + ")");
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("reference channel index " + sorted[i] + " given twice");
            }
        }
        return new ReReference(channels, referenceChannels.clone());
    }

    /** Re-references the interleaved block in place. */
    public void applyInPlace(double[] samples) {
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException("interleaved block of length " + samples.length
                    + " is not a multiple of the channel count " + channels);
        }
        int n = samples.length / channels;
        for (int i = 0, base = 0; i < n; i++, base += channels) {
            double sum = 0;
            int count;
            if (refs == null) {
                for (int c = 0; c < channels; c++) {
                    sum += samples[base + c];
                }
                count = channels;
            } else {
                for (int r : refs) {
                    sum += samples[base + r];
                }
                count = refs.length;
            }
            double mean = sum / count;
            for (int c = 0; c < channels; c++) {
                samples[base + c] -= mean;
            }
        }
    }

    /** A re-referenced copy of the interleaved block. */
    public double[] apply(double[] samples) {
        double[] out = samples.clone();
        applyInPlace(out);
        return out;
    }

    /** The chunk with re-referenced samples (a new array). */
    public Chunk apply(Chunk chunk) {
        if (chunk.channels() != channels) {
            throw new IllegalArgumentException("chunk of session " + chunk.sessionId() + " has " + chunk.channels()
                    + " channels, re-reference was set up for " + channels);
        }
        return chunk.withSamples(apply(chunk.samples()));
    }

    public int channels() {
        return channels;
    }

    /** Reference channel indices, or an empty array for the common average. */
    public int[] referenceChannels() {
        return refs == null ? new int[0] : refs.clone();
    }

    @Override
    public String toString() {
        return refs == null
                ? "<reference: common average of " + channels + " channels>"
                : "<reference: average of channels " + Arrays.toString(refs) + " of " + channels + ">";
    }
}
