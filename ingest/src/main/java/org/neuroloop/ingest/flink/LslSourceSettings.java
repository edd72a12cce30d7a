package org.neuroloop.ingest.flink;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslConfigFile;
import org.neuroloop.lsl4j.time.TimestampSettings;

/**
 * Configuration of {@link LslSource}.
 *
 * @param query which streams to read
 * @param sessionIds session id per stream, keyed by source id or stream name (source id wins); unmapped streams use
 *                   their stream name
 * @param staleTimeoutSeconds no sample for this long: the split's watermark goes idle and the next chunk is
 *                            {@code STALE}
 * @param maxChunkSamples most samples per emitted chunk (a pull returns what is buffered, up to this)
 * @param pullTimeoutSeconds how long a fetcher waits for the first sample of a pull (bounds shutdown and idle checks)
 * @param inletBufferSeconds buffer per inlet (outlet-side queue), seconds
 * @param discoveryIntervalMillis how often the enumerator looks for new streams
 * @param reconnectResolveSeconds how long one reconnect attempt waits for the stream to reappear
 * @param timestamps clock sync / dejitter / monotonize settings
 * @param pollIntervalMicros 0 (default): wait inside the pull, which returns the moment a sample's bytes arrive;
 *                           &gt; 0: poll without waiting and park this many microseconds between empty polls
 * @param lslConfig the {@code lsl_api.cfg} this source resolves and connects with (it travels with the job), or
 *                  null for the settings of the process it runs in ({@link LslConfig#current()})
 */
public record LslSourceSettings(
        LslStreamQuery query,
        Map<String, String> sessionIds,
        double staleTimeoutSeconds,
        int maxChunkSamples,
        double pullTimeoutSeconds,
        int inletBufferSeconds,
        long discoveryIntervalMillis,
        double reconnectResolveSeconds,
        TimestampSettings timestamps,
        int pollIntervalMicros,
        LslConfigFile lslConfig)
        implements Serializable {

    public LslSourceSettings {
        Objects.requireNonNull(query, "query");
        sessionIds = Map.copyOf(sessionIds);
        Objects.requireNonNull(timestamps, "timestamps");
        if (!(staleTimeoutSeconds > 0)
                || maxChunkSamples <= 0
                || !(pullTimeoutSeconds > 0)
                || inletBufferSeconds <= 0
                || discoveryIntervalMillis <= 0
                || !(reconnectResolveSeconds > 0)
                || pollIntervalMicros < 0) {
            throw new IllegalArgumentException("invalid LSL source settings: stale=" + staleTimeoutSeconds
                    + " maxChunk="
                    + maxChunkSamples + " pullTimeout=" + pullTimeoutSeconds + " buffer=" + inletBufferSeconds
                    + " discovery="
                    + discoveryIntervalMillis + " reconnect=" + reconnectResolveSeconds + " poll=" + pollIntervalMicros
                    + " (all must be > 0, poll >= 0)");
        }
    }

    /**
     * Defaults: stale after 2 s, chunks up to 64 samples, 20 ms pulls, 30 s buffers, discovery every 0.5 s, reconnect
     * attempts of 1 s (a machine-scope resolve needs its unicast wave, sent after 0.5 s, to see every outlet).
     */
    public static LslSourceSettings of(LslStreamQuery query) {
        return new LslSourceSettings(
                query, Map.of(), 2.0, 64, 0.02, 30, 500, 1.0, TimestampSettings.defaults(), 0, null);
    }

    public LslSourceSettings withSessionIds(Map<String, String> ids) {
        return new LslSourceSettings(
                query,
                ids,
                staleTimeoutSeconds,
                maxChunkSamples,
                pullTimeoutSeconds,
                inletBufferSeconds,
                discoveryIntervalMillis,
                reconnectResolveSeconds,
                timestamps,
                pollIntervalMicros,
                lslConfig);
    }

    public LslSourceSettings withStaleTimeout(double seconds) {
        return new LslSourceSettings(
                query,
                sessionIds,
                seconds,
                maxChunkSamples,
                pullTimeoutSeconds,
                inletBufferSeconds,
                discoveryIntervalMillis,
                reconnectResolveSeconds,
                timestamps,
                pollIntervalMicros,
                lslConfig);
    }

    public LslSourceSettings withMaxChunkSamples(int samples) {
        return new LslSourceSettings(
                query,
                sessionIds,
                staleTimeoutSeconds,
                samples,
                pullTimeoutSeconds,
                inletBufferSeconds,
                discoveryIntervalMillis,
                reconnectResolveSeconds,
                timestamps,
                pollIntervalMicros,
                lslConfig);
    }

    public LslSourceSettings withTimestamps(TimestampSettings t) {
        return new LslSourceSettings(
                query,
                sessionIds,
                staleTimeoutSeconds,
                maxChunkSamples,
                pullTimeoutSeconds,
                inletBufferSeconds,
                discoveryIntervalMillis,
                reconnectResolveSeconds,
                t,
                pollIntervalMicros,
                lslConfig);
    }

    public LslSourceSettings withPollIntervalMicros(int micros) {
        return new LslSourceSettings(
                query,
                sessionIds,
                staleTimeoutSeconds,
                maxChunkSamples,
                pullTimeoutSeconds,
                inletBufferSeconds,
                discoveryIntervalMillis,
                reconnectResolveSeconds,
                timestamps,
                micros,
                lslConfig);
    }

    /** The same settings resolving and connecting with {@code file} (null: the process's settings). */
    public LslSourceSettings withLslConfig(LslConfigFile file) {
        return new LslSourceSettings(
                query,
                sessionIds,
                staleTimeoutSeconds,
                maxChunkSamples,
                pullTimeoutSeconds,
                inletBufferSeconds,
                discoveryIntervalMillis,
                reconnectResolveSeconds,
                timestamps,
                pollIntervalMicros,
                file);
    }

    /** The LSL settings this source uses (see {@code lslConfig}). */
    public LslConfig lslSettings() {
        return lslConfig == null ? LslConfig.current() : lslConfig.config();
    }

    /** Session id of a stream: mapped by source id, else by name, else the name itself. */
    public String sessionFor(String name, String sourceId) {
        String s = sessionIds.get(sourceId);
        if (s == null) {
            s = sessionIds.get(name);
        }
        return s == null ? name : s;
    }
}
