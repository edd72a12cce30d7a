package org.neuroloop.ingest.flink;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * A {@link ReaderOutput} for driving a source reader by hand in tests: collects records with their timestamps
 * (every split into the same lists), tracks the watermark (failing if it ever goes back) and counts records at or
 * behind it.
 */
final class CollectingReaderOutput<T> implements ReaderOutput<T> {
    final List<T> records = new ArrayList<>();
    final List<Long> timestamps = new ArrayList<>();
    long watermark = Long.MIN_VALUE;
    int lateRecords;

    @Override
    public void collect(T record) {
        collect(record, Long.MIN_VALUE);
    }

    @Override
    public void collect(T record, long timestamp) {
        records.add(record);
        timestamps.add(timestamp);
        if (timestamp <= watermark) {
            lateRecords++;
        }
    }

    @Override
    public void emitWatermark(Watermark w) {
        if (w.getTimestamp() < watermark) {
            throw new AssertionError("watermark went back from " + watermark + " to " + w.getTimestamp());
        }
        watermark = w.getTimestamp();
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<T> createOutputForSplit(String splitId) {
        return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}

    /** Polls {@code reader} into {@code out} until {@code records} more records arrived or the input ended. */
    static <T> void poll(SourceReader<T, ?> reader, CollectingReaderOutput<T> out, int records) throws Exception {
        int before = out.records.size();
        while (out.records.size() - before < records) {
            if (reader.pollNext(out) == InputStatus.END_OF_INPUT) {
                return;
            }
        }
    }
}
