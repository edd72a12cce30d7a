package org.neuroloop.lsl4j.time;

import java.io.Serializable;

/**
 * Which timestamp stages run and how ({@link TimestampPipeline}). Serializable so a Flink source can carry it.
 *
 * @param clockSync add the (smoothed) clock offset to remote timestamps
 * @param clockSyncRefreshSeconds how often to re-measure the offset
 * @param clockSyncAlpha smoothing weight of a new offset measurement, (0, 1]
 * @param dejitter RLS-dejitter timestamps of regular streams
 * @param dejitterHalfTimeSeconds RLS forgetting half-time (liblsl default 90 s)
 * @param monotonize never let a timestamp go below the previous one
 * @param jumpToleranceSeconds timestamp or offset step beyond the nominal one that counts as a clock jump
 */
public record TimestampSettings(
        boolean clockSync,
        double clockSyncRefreshSeconds,
        double clockSyncAlpha,
        boolean dejitter,
        double dejitterHalfTimeSeconds,
        boolean monotonize,
        double jumpToleranceSeconds)
        implements Serializable {

    public TimestampSettings {
        if (!(clockSyncRefreshSeconds >= 0)
                || !(clockSyncAlpha > 0 && clockSyncAlpha <= 1)
                || !(dejitterHalfTimeSeconds > 0)
                || !(jumpToleranceSeconds > 0)) {
            throw new IllegalArgumentException("invalid timestamp settings: " + "refresh=" + clockSyncRefreshSeconds
                    + " alpha=" + clockSyncAlpha + " halfTime=" + dejitterHalfTimeSeconds + " jumpTolerance="
                    + jumpToleranceSeconds
                    + " (expected refresh >= 0, 0 < alpha <= 1, halfTime > 0, jumpTolerance > 0)");
        }
    }

    /** Clock sync every 2 s (alpha 0.2), dejitter with a 90 s half-time, monotonize, jumps beyond 0.5 s. */
    public static TimestampSettings defaults() {
        return new TimestampSettings(true, 2.0, 0.2, true, 90.0, true, 0.5);
    }

    /** Timestamps exactly as the outlet sent them. */
    public static TimestampSettings none() {
        return new TimestampSettings(false, 2.0, 1.0, false, 90.0, false, 0.5);
    }

    public TimestampSettings withDejitter(boolean on) {
        return new TimestampSettings(
                clockSync,
                clockSyncRefreshSeconds,
                clockSyncAlpha,
                on,
                dejitterHalfTimeSeconds,
                monotonize,
                jumpToleranceSeconds);
    }

    public TimestampSettings withMonotonize(boolean on) {
        return new TimestampSettings(
                clockSync,
                clockSyncRefreshSeconds,
                clockSyncAlpha,
                dejitter,
                dejitterHalfTimeSeconds,
                on,
                jumpToleranceSeconds);
    }

    public TimestampSettings withClockSync(boolean on) {
        return new TimestampSettings(
                on,
                clockSyncRefreshSeconds,
                clockSyncAlpha,
                dejitter,
                dejitterHalfTimeSeconds,
                monotonize,
                jumpToleranceSeconds);
    }
}
