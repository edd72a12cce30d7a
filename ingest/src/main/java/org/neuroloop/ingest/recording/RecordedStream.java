package org.neuroloop.ingest.recording;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neuroloop.dsp.record.StreamMeta;

/**
 * One stream of a {@link Recording}: metadata plus all its samples in memory.
 *
 * <p>Shapes: {@code timestamps[n]} in seconds (one per sample); numeric streams hold interleaved
 * {@code samples[n * channels]} ({@code samples[i * channels + c]} is channel {@code c} of sample {@code i}) in
 * physical units (µV for voltages); string streams (markers) hold {@code strings[n * channels]} instead.
 * {@code gapStarts} lists sample indices {@code i > 0} where the recording is discontinuous just before sample
 * {@code i} (EDF+D record boundaries, XDF clock resets).
 *
 * <p>Arrays are shared, not copied: treat them as read-only.
 */
public final class RecordedStream {
    private final String name;
    private final String type;
    private final String sourceId;
    private final List<String> channelLabels;
    private final List<String> units;
    private final double nominalRate;
    private final ChannelFormat format;
    private final double[] timestamps;
    private final double[] samples;
    private final String[] strings;
    private final int[] gapStarts;
    private final Map<String, String> properties;

    /**
     * @param properties extra descriptive fields (e.g. {@code xml} for the XDF stream header), may be empty
     */
    public RecordedStream(
            String name,
            String type,
            String sourceId,
            List<String> channelLabels,
            List<String> units,
            double nominalRate,
            ChannelFormat format,
            double[] timestamps,
            double[] samples,
            String[] strings,
            int[] gapStarts,
            Map<String, String> properties) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type == null ? "" : type;
        this.sourceId = sourceId == null ? "" : sourceId;
        this.channelLabels = List.copyOf(channelLabels);
        this.units = List.copyOf(units);
        this.nominalRate = nominalRate;
        this.format = Objects.requireNonNull(format, "format");
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
        this.gapStarts = gapStarts == null ? new int[0] : gapStarts;
        this.properties = Map.copyOf(properties == null ? Map.of() : properties);
        int channels = this.channelLabels.size();
        if (channels <= 0) {
            throw new IllegalArgumentException("stream " + name + ": needs at least one channel");
        }
        if (this.units.size() != channels) {
            throw new IllegalArgumentException(
                    "stream " + name + ": " + this.units.size() + " units for " + channels + " channels");
        }
        if (format.isString()) {
            this.samples = null;
            this.strings = Objects.requireNonNull(strings, "strings of string stream " + name);
            if (strings.length != timestamps.length * channels) {
                throw new IllegalArgumentException("stream " + name + ": " + strings.length + " strings for "
                        + timestamps.length + " samples x " + channels + " channels");
            }
        } else {
            this.strings = null;
            this.samples = Objects.requireNonNull(samples, "samples of numeric stream " + name);
            if (samples.length != timestamps.length * channels) {
                throw new IllegalArgumentException("stream " + name + ": " + samples.length + " values for "
                        + timestamps.length + " samples x " + channels + " channels");
            }
        }
    }

    /** A numeric stream without gaps or extra properties. */
    public static RecordedStream numeric(
            String name,
            String type,
            List<String> labels,
            List<String> units,
            double nominalRate,
            ChannelFormat format,
            double[] timestamps,
            double[] samples) {
        return new RecordedStream(
                name, type, "", labels, units, nominalRate, format, timestamps, samples, null, null, Map.of());
    }

    /** A one-channel string (marker) stream, irregularly sampled. */
    public static RecordedStream markers(String name, String type, double[] timestamps, String[] labels) {
        return new RecordedStream(
                name,
                type,
                "",
                List.of(name),
                List.of(""),
                0,
                ChannelFormat.STRING,
                timestamps,
                null,
                labels,
                null,
                Map.of());
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public String sourceId() {
        return sourceId;
    }

    public List<String> channelLabels() {
        return channelLabels;
    }

    public List<String> units() {
        return units;
    }

    public int channelCount() {
        return channelLabels.size();
    }

    /** Nominal rate in Hz; 0 for irregular (marker) streams. */
    public double nominalRate() {
        return nominalRate;
    }

    public ChannelFormat format() {
        return format;
    }

    public boolean isString() {
        return format.isString();
    }

    /** Number of samples (time points). */
    public int sampleCount() {
        return timestamps.length;
    }

    public double[] timestamps() {
        return timestamps;
    }

    /** Interleaved numeric samples, or null for a string stream. */
    public double[] samples() {
        return samples;
    }

    /** Interleaved string samples, or null for a numeric stream. */
    public String[] strings() {
        return strings;
    }

    /** Sample indices that follow a discontinuity (ascending, each in {@code 1..n-1}). */
    public int[] gapStarts() {
        return gapStarts;
    }

    public Map<String, String> properties() {
        return properties;
    }

    /** Value of channel {@code c} at sample {@code i}. */
    public double sample(int i, int c) {
        return samples[i * channelLabels.size() + c];
    }

    /** One channel as its own array (a copy). */
    public double[] channel(int c) {
        int channels = channelLabels.size();
        double[] out = new double[timestamps.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples[i * channels + c];
        }
        return out;
    }

    /** Index of a channel by label (ignoring case and EEGMMIDB's trailing dots), -1 if absent. */
    public int indexOf(String label) {
        return meta("").indexOf(label);
    }

    /** Duration from first to last timestamp plus one sample period (0 for an empty stream). */
    public double duration() {
        if (timestamps.length == 0) {
            return 0;
        }
        double period = nominalRate > 0 ? 1.0 / nominalRate : 0;
        return timestamps[timestamps.length - 1] - timestamps[0] + period;
    }

    /** This stream's description for a session, as it travels through the job. */
    public StreamMeta meta(String sessionId) {
        return new StreamMeta(sessionId, name, type, sourceId, channelLabels, units, nominalRate);
    }

    /** The same stream with other timestamps (same length), e.g. after clock synchronisation. */
    public RecordedStream withTimestamps(double[] newTimestamps, int[] newGapStarts) {
        return new RecordedStream(
                name,
                type,
                sourceId,
                channelLabels,
                units,
                nominalRate,
                format,
                newTimestamps,
                samples,
                strings,
                newGapStarts,
                properties);
    }

    @Override
    public String toString() {
        return "RecordedStream[" + name + " type=" + type + " " + channelCount() + "ch " + format.xdfName() + " @"
                + nominalRate + "Hz n=" + sampleCount()
                + (gapStarts.length > 0 ? " gaps=" + Arrays.toString(gapStarts) : "") + "]";
    }
}
