package org.neuroloop.ingest.synthetic;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Everything that determines a synthetic EEG session; two generators with equal configs produce bitwise equal data.
 *
 * @param sessionId session key of the chunks and markers
 * @param channelLabels 10-20/10-10 labels, one per channel (labels without a scalp position get background only)
 * @param rate sampling rate in Hz
 * @param seed random seed of the background and rhythm fluctuations
 * @param chunkSize samples per emitted chunk
 * @param durationS length of the recording in seconds; {@code Double.POSITIVE_INFINITY} for an endless stream
 * @param startTime LSL-clock time of the first sample in seconds; NaN = the LSL clock when the stream starts
 * @param levels component amplitudes
 * @param schedule planted events (times relative to the first sample)
 * @param loopSeconds 0: every sample is generated; > 0: the session plays a shared buffer of this many seconds,
 *     generated once, in a loop from an offset chosen by its seed ({@link LoopedEeg})
 */
public record SyntheticEegConfig(
        String sessionId,
        List<String> channelLabels,
        double rate,
        long seed,
        int chunkSize,
        double durationS,
        double startTime,
        SignalLevels levels,
        EventSchedule schedule,
        double loopSeconds)
        implements Serializable {

    public SyntheticEegConfig {
        Objects.requireNonNull(sessionId, "sessionId");
        channelLabels = List.copyOf(channelLabels);
        Objects.requireNonNull(levels, "levels");
        Objects.requireNonNull(schedule, "schedule");
        if (channelLabels.isEmpty()) {
            throw new IllegalArgumentException("synthetic EEG " + sessionId + ": needs at least one channel");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    "synthetic EEG " + sessionId + ": rate must be finite and > 0 Hz, got " + rate);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException(
                    "synthetic EEG " + sessionId + ": chunkSize must be >= 1, got " + chunkSize);
        }
        if (!(durationS > 0)) {
            throw new IllegalArgumentException(
                    "synthetic EEG " + sessionId + ": duration must be > 0 s (or infinite), got " + durationS);
        }
        if (Double.isInfinite(startTime)) {
            throw new IllegalArgumentException(
                    "synthetic EEG " + sessionId + ": startTime must be finite or NaN (= now), got " + startTime);
        }
        if (!(loopSeconds >= 0) || Double.isInfinite(loopSeconds) || (loopSeconds > 0 && loopSeconds * rate < 1)) {
            throw new IllegalArgumentException("synthetic EEG " + sessionId
                    + ": loopSeconds must be 0 (no loop) or finite and hold >= 1 sample, got " + loopSeconds);
        }
    }

    /** A session whose every sample is generated (no loop). */
    public SyntheticEegConfig(
            String sessionId,
            List<String> channelLabels,
            double rate,
            long seed,
            int chunkSize,
            double durationS,
            double startTime,
            SignalLevels levels,
            EventSchedule schedule) {
        this(sessionId, channelLabels, rate, seed, chunkSize, durationS, startTime, levels, schedule, 0);
    }

    /**
     * Defaults: the 19 standard 10-20 channels at 250 Hz, chunks of 10 samples, 60 s starting at time 0, typical
     * levels, no events.
     */
    public static SyntheticEegConfig defaults(String sessionId, long seed) {
        return new SyntheticEegConfig(
                sessionId,
                Montage1020.STANDARD_19,
                250,
                seed,
                10,
                60,
                0,
                SignalLevels.typical(),
                EventSchedule.empty());
    }

    public SyntheticEegConfig withChannels(List<String> labels) {
        return new SyntheticEegConfig(
                sessionId, labels, rate, seed, chunkSize, durationS, startTime, levels, schedule, loopSeconds);
    }

    public SyntheticEegConfig withRate(double hz) {
        return new SyntheticEegConfig(
                sessionId, channelLabels, hz, seed, chunkSize, durationS, startTime, levels, schedule, loopSeconds);
    }

    public SyntheticEegConfig withSeed(long newSeed) {
        return new SyntheticEegConfig(
                sessionId,
                channelLabels,
                rate,
                newSeed,
                chunkSize,
                durationS,
                startTime,
                levels,
                schedule,
                loopSeconds);
    }

    public SyntheticEegConfig withSessionId(String id) {
        return new SyntheticEegConfig(
                id, channelLabels, rate, seed, chunkSize, durationS, startTime, levels, schedule, loopSeconds);
    }

    public SyntheticEegConfig withChunkSize(int samples) {
        return new SyntheticEegConfig(
                sessionId, channelLabels, rate, seed, samples, durationS, startTime, levels, schedule, loopSeconds);
    }

    public SyntheticEegConfig withDuration(double seconds) {
        return new SyntheticEegConfig(
                sessionId, channelLabels, rate, seed, chunkSize, seconds, startTime, levels, schedule, loopSeconds);
    }

    public SyntheticEegConfig withStartTime(double lslSeconds) {
        return new SyntheticEegConfig(
                sessionId, channelLabels, rate, seed, chunkSize, durationS, lslSeconds, levels, schedule, loopSeconds);
    }

    public SyntheticEegConfig withLevels(SignalLevels newLevels) {
        return new SyntheticEegConfig(
                sessionId,
                channelLabels,
                rate,
                seed,
                chunkSize,
                durationS,
                startTime,
                newLevels,
                schedule,
                loopSeconds);
    }

    public SyntheticEegConfig withSchedule(EventSchedule newSchedule) {
        return new SyntheticEegConfig(
                sessionId,
                channelLabels,
                rate,
                seed,
                chunkSize,
                durationS,
                startTime,
                levels,
                newSchedule,
                loopSeconds);
    }

    /** This session playing a shared buffer of {@code seconds} in a loop ({@link LoopedEeg}); 0: generated. */
    public SyntheticEegConfig withLoop(double seconds) {
        return new SyntheticEegConfig(
                sessionId, channelLabels, rate, seed, chunkSize, durationS, startTime, levels, schedule, seconds);
    }

    /** Whether the session plays a looped buffer rather than generating every sample. */
    public boolean looped() {
        return loopSeconds > 0;
    }

    public int channelCount() {
        return channelLabels.size();
    }

    public boolean bounded() {
        return !Double.isInfinite(durationS);
    }

    /** Total samples of a bounded recording ({@code round(duration * rate)}), or {@code Long.MAX_VALUE}. */
    public long totalSamples() {
        return bounded() ? Math.round(durationS * rate) : Long.MAX_VALUE;
    }
}
