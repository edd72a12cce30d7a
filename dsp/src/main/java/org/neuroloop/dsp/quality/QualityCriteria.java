package org.neuroloop.dsp.quality;

import java.io.Serializable;

/**
 * What counts as bad data for one stream.
 *
 * <p>All amplitude thresholds are in the chunk's physical unit (µV for EEG). Runs are counted in samples (the
 * flat duration is converted with the chunk's nominal rate) so the decision is the same whatever the chunking.
 *
 * @param expectedChannels channel count the session was configured for; 0 accepts any count
 * @param flatTolerance a channel is "flat" while it stays within this distance of the value that started the run
 * @param flatSeconds how long a channel must stay flat to be flagged {@code FLAT} (0 disables; irregular
 *                    streams, whose rate is 0, are never flagged flat)
 * @param clipLevel absolute value at or beyond which a sample counts as clipped (the amplifier's range);
 *                  {@code Double.POSITIVE_INFINITY} disables
 * @param clipSamples consecutive clipped samples after which the channel is flagged {@code CLIPPED}
 * @param clockJumpTolerance seconds by which the time between consecutive samples may differ from the
 *                           nominal {@code (seq difference) / rate} before the chunk is flagged {@code CLOCK_JUMP}
 */
public record QualityCriteria(
        int expectedChannels,
        double flatTolerance,
        double flatSeconds,
        double clipLevel,
        int clipSamples,
        double clockJumpTolerance)
        implements Serializable {

    public QualityCriteria {
        if (expectedChannels < 0) {
            throw new IllegalArgumentException("quality.expectedChannels must be >= 0, got " + expectedChannels);
        }
        if (!(flatTolerance >= 0)) {
            throw new IllegalArgumentException("quality.flatTolerance must be >= 0, got " + flatTolerance);
        }
        if (!(flatSeconds >= 0) || Double.isInfinite(flatSeconds)) {
            throw new IllegalArgumentException("quality.flatSeconds must be finite and >= 0, got " + flatSeconds);
        }
        if (!(clipLevel > 0)) {
            throw new IllegalArgumentException("quality.clipLevel must be > 0, got " + clipLevel);
        }
        if (clipSamples < 1) {
            throw new IllegalArgumentException("quality.clipSamples must be >= 1, got " + clipSamples);
        }
        if (!(clockJumpTolerance > 0)) {
            throw new IllegalArgumentException("quality.clockJumpTolerance must be > 0 s, got " + clockJumpTolerance);
        }
    }

    /**
     * Defaults for scalp EEG in µV: flat = within 0.5 µV for 1 s, clipped = 3 samples at ±3200 µV or beyond,
     * clock jump = 50 ms off the nominal sample spacing.
     */
    public static QualityCriteria eegDefaults(int expectedChannels) {
        return new QualityCriteria(expectedChannels, 0.5, 1.0, 3200.0, 3, 0.05);
    }
}
