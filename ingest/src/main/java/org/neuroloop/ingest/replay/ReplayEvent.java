package org.neuroloop.ingest.replay;

import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;

/** One item a replay releases: a chunk of a numeric stream or a marker, due at a recording timestamp. */
public sealed interface ReplayEvent {
    /** Index of the track ({@link ReplaySchedule#tracks()}) the event belongs to. */
    int track();

    /** Recording time at which the event is complete: a chunk's newest sample, a marker's timestamp. */
    double due();

    /** A chunk of numeric stream {@code track}. */
    record ChunkEvent(int track, Chunk chunk) implements ReplayEvent {
        @Override
        public double due() {
            return chunk.lastTimestamp();
        }
    }

    /** A marker; {@code values} are the sample's strings for multi-channel marker streams (else one value). */
    record MarkerEvent(int track, Marker marker, String[] values) implements ReplayEvent {
        @Override
        public double due() {
            return marker.timestamp();
        }
    }
}
