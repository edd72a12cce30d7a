package org.neuroloop.deploy.registry;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;

/**
 * A detector the session config can name ({@code pipeline.detector.type}): how its YAML parameters resolve and
 * which keyed operator runs it. Register one with {@link Detectors#register} before resolving a config; that is the
 * extension point for a detector of your own (see the README).
 */
public interface DetectorType extends Serializable {

    /** The name in YAML, e.g. {@code spindles}. */
    String name();

    /** What the detector does, one line, for {@code neuroloop check}. */
    String description();

    /** Whether it watches several channels ({@code channels: [...]}) or one ({@code channel: ...}). */
    default boolean multiChannel() {
        return false;
    }

    /**
     * The parameters from the detector's YAML keys (every key but {@code type}, {@code channel}, {@code channels}),
     * missing ones at their documented defaults.
     *
     * @param keys the YAML keys, values as parsed (numbers, strings, lists)
     * @throws IllegalArgumentException naming a key that is unknown or out of range
     */
    Serializable parameters(Map<String, Object> keys);

    /** The resolved parameters as {@code neuroloop check} prints them (default: the record's components). */
    default Map<String, Object> printable(Serializable parameters) {
        return RecordParameters.asMap(parameters);
    }

    /** Kinds of the emitted events that are decisions for the policy (the others are reports). */
    Set<String> triggers();

    /** The keyed (by session) operator running the detector on {@code channels} with resolved parameters. */
    KeyedProcessFunction<String, Chunk, DetectedEvent> operator(int[] channels, Serializable parameters);
}
