package org.neuroloop.ingest.flink;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One LSL stream assigned to one source reader. Identified by the stream's source id (so a restarted outlet with
 * the same source id is the same split and the reader reconnects to it), or by the outlet uid when the stream has no
 * source id (such a stream cannot be reconnected).
 *
 * @param splitId {@code sourceId} if not empty, else {@code "uid:" + uid}
 * @param name stream name
 * @param type stream content type
 * @param sourceId LSL source id ("" if none)
 * @param uid uid of the outlet instance seen at discovery
 * @param channelCount channels per sample
 * @param channelFormat LSL format name (float32, …, string)
 * @param nominalRate Hz, 0 for irregular
 * @param sessionId key the records of this stream carry
 * @param nextSeq sequence number of the next sample/marker to emit (restored from checkpoints)
 * @param resumed whether this split was restored or handed back (its first record is then flagged as a gap)
 */
public record LslStreamSplit(
        String splitId,
        String name,
        String type,
        String sourceId,
        String uid,
        int channelCount,
        String channelFormat,
        double nominalRate,
        String sessionId,
        long nextSeq,
        boolean resumed)
        implements SourceSplit {

    public LslStreamSplit {
        Objects.requireNonNull(splitId, "splitId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(channelFormat, "channelFormat");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** The split id for a stream: its source id, or its uid when it has none. */
    public static String idOf(String sourceId, String uid) {
        return sourceId.isEmpty() ? "uid:" + uid : sourceId;
    }

    /** Whether a restarted outlet can be recognised as this stream again. */
    public boolean reconnectable() {
        return !sourceId.isEmpty();
    }

    /** A copy with the progress to checkpoint. */
    public LslStreamSplit at(long seq, boolean isResumed) {
        return new LslStreamSplit(
                splitId,
                name,
                type,
                sourceId,
                uid,
                channelCount,
                channelFormat,
                nominalRate,
                sessionId,
                seq,
                isResumed);
    }
}
