package org.neuroloop.ingest.synthetic;

import java.util.List;
import java.util.Locale;

/**
 * Ready-made synthetic sessions for demos, replays and benchmarks, so every caller plants the same events the
 * same way.
 */
public enum SyntheticScenario {
    /** Awake background (pink noise, alpha, mu, beta), no events. */
    NOISE,
    /** EEGMMIDB-like imagery run: a left/right cue (T1/T2, 4 s) every 6 s from 2 s, rest (T0) in between. */
    MOTOR_IMAGERY,
    /** Sleep background with about 6 spindles per minute. */
    SPINDLES,
    /** Sleep background with about 8 slow oscillations per minute. */
    SLOW_OSCILLATIONS,
    /** Sleep background with spindles (6/min) and slow oscillations (8/min). */
    SLEEP;

    /** Parses "noise", "mi"/"motor-imagery", "spindles", "slow-oscillations"/"so", "sleep". */
    public static SyntheticScenario parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "noise" -> NOISE;
            case "mi", "motor-imagery", "motor_imagery" -> MOTOR_IMAGERY;
            case "spindles" -> SPINDLES;
            case "slow-oscillations", "slow_oscillations", "so" -> SLOW_OSCILLATIONS;
            case "sleep" -> SLEEP;
            default ->
                throw new IllegalArgumentException(
                        "synthetic scenario '" + name + "': expected noise, mi, spindles, slow-oscillations or sleep");
        };
    }

    /** Amplitudes for this scenario: awake ({@link SignalLevels#typical()}) or sleep ({@link SignalLevels#sleep()}). */
    public SignalLevels levels() {
        return this == NOISE || this == MOTOR_IMAGERY ? SignalLevels.typical() : SignalLevels.sleep();
    }

    /**
     * The planted events over {@code seconds} (an endless session gets one hour of events, then background).
     */
    public EventSchedule schedule(double seconds, long seed) {
        double span = Double.isInfinite(seconds) ? 3600 : seconds;
        return switch (this) {
            case NOISE -> EventSchedule.empty();
            case MOTOR_IMAGERY ->
                EventSchedule.motorImagery((int) Math.max(0, (span - 2 - 4) / 6) + (span >= 6 ? 1 : 0), 2, 6, 4, seed);
            case SPINDLES -> EventSchedule.sleep(span, 6, 0, seed);
            case SLOW_OSCILLATIONS -> EventSchedule.sleep(span, 0, 8, seed);
            case SLEEP -> EventSchedule.sleep(span, 6, 8, seed);
        };
    }

    /**
     * A complete session config.
     *
     * @param seconds duration, {@code Double.POSITIVE_INFINITY} for endless
     * @param startTime LSL time of the first sample, NaN = now
     */
    public SyntheticEegConfig config(
            String sessionId,
            List<String> channelLabels,
            double rate,
            long seed,
            int chunkSize,
            double seconds,
            double startTime) {
        return new SyntheticEegConfig(
                sessionId, channelLabels, rate, seed, chunkSize, seconds, startTime, levels(), schedule(seconds, seed));
    }
}
