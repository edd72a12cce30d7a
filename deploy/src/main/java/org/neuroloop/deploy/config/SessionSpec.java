package org.neuroloop.deploy.config;

import java.util.List;

/**
 * One session and its source: exactly one of {@code lsl}, {@code recording}, {@code synthetic}.
 *
 * @param id session key (unique in the job)
 * @param lsl a live LSL stream
 * @param recording a file replayed through the recording source
 * @param synthetic synthetic EEG generated in the job
 */
public record SessionSpec(String id, LslSpec lsl, RecordingSpec recording, SyntheticSpec synthetic) {

    /**
     * An LSL stream, resolved by any combination of name, type and source id; optionally a marker stream of the
     * same session (cues, arm/disarm control). {@code implementation} is read only to reject it with a clear
     * message: it once chose liblsl, which NeuroLoop no longer loads. {@code clockSync} and {@code dejitter}
     * (default on) correct the sender's timestamps; turn both off when the sender shares this machine's clock and
     * the timestamps should stay the push times. {@code pollMicros}: 0 (default) waits inside the pull; &gt; 0
     * polls without waiting and parks this long between empty polls.
     */
    public record LslSpec(
            String name,
            String type,
            String sourceId,
            String markers,
            Double resolveTimeoutSeconds,
            Double staleSeconds,
            String implementation,
            Boolean clockSync,
            Boolean dejitter,
            Integer pollMicros) {

        public LslSpec(
                String name,
                String type,
                String sourceId,
                String markers,
                Double resolveTimeoutSeconds,
                Double staleSeconds,
                String implementation) {
            this(name, type, sourceId, markers, resolveTimeoutSeconds, staleSeconds, implementation, null, null, null);
        }
    }

    /**
     * A recording file (XDF, EDF/BDF, ...) replayed at {@code speed}: "max", "realtime" (default) or a factor like
     * "2"; {@code stream} picks a stream of a multi-stream file (default: its main EEG stream); {@code chunkSeconds}
     * is the length of the replayed chunks (default 0.05 s).
     */
    public record RecordingSpec(String path, String speed, String stream, Double chunkSeconds) {

        public RecordingSpec(String path, String speed, String stream) {
            this(path, speed, stream, null);
        }
    }

    /**
     * Synthetic EEG: {@code scenario} one of "mi" (left/right cues with ERD), "spindles", "slow-oscillations",
     * "noise"; {@code labels} the 10-20 channel labels (default: the first {@code channels} of C3, C4, Cz, Fz, Pz,
     * ...); {@code seconds} 0 runs until stopped; {@code speed} "realtime" (default, paced on the LSL clock) or
     * "max"; {@code loopSeconds} (default 0: every sample generated) plays a buffer of that many seconds, generated
     * once and shared by the sessions of one montage, in a loop from an offset the session's seed chooses (a cheap
     * load generator for many sessions, {@link org.neuroloop.ingest.synthetic.LoopedEeg}).
     */
    public record SyntheticSpec(
            String scenario,
            Integer channels,
            List<String> labels,
            Double rate,
            Double seconds,
            Long seed,
            Integer chunkSamples,
            String speed,
            Double loopSeconds) {}

    /** "lsl", "recording" or "synthetic"; null when none or several are given (the validator says so). */
    public String sourceKind() {
        int n = (lsl != null ? 1 : 0) + (recording != null ? 1 : 0) + (synthetic != null ? 1 : 0);
        if (n != 1) {
            return null;
        }
        return lsl != null ? "lsl" : recording != null ? "recording" : "synthetic";
    }
}
