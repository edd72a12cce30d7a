package org.neuroloop.ingest.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamOutlet;
import org.neuroloop.lsl4j.time.TimestampSettings;

/** The reader alone, with a real outlet: restoring a checkpointed split continues its sequence and flags the gap. */
class LslSourceReaderTest {

    @Test
    @Timeout(60)
    void aRestoredSplitContinuesItsSequenceAndStartsWithAGap() throws Exception {
        String name = "nl-reader-" + UUID.randomUUID().toString().substring(0, 8);
        LslSourceSettings settings =
                LslSourceSettings.of(LslStreamQuery.sourceId(name)).withTimestamps(TimestampSettings.none());
        LslStreamSplit restored =
                new LslStreamSplit(name, name, "EEG", name, "old-uid", 2, "float32", 100, "s9", 500, true);
        try (StreamInfo info = StreamInfo.create(name, "EEG", 2, 100, ChannelFormat.FLOAT32, name);
                StreamOutlet out = new StreamOutlet(info)) {
            LslSourceReader<Chunk> reader = new LslSourceReader<>(settings, ChunkFetcher::new);
            try {
                reader.start();
                reader.addSplits(List.of(restored));
                assertTrue(out.waitForConsumers(30), "reader did not connect");
                double t0 = Lsl.localClock();
                float[] d = new float[20];
                double[] ts = new double[10];
                for (int i = 0; i < 10; i++) {
                    ts[i] = t0 + i / 100.0;
                    d[2 * i] = i;
                    d[2 * i + 1] = -i;
                }
                out.pushChunk(d, 10, ts, true);
                CollectingReaderOutput<Chunk> output = new CollectingReaderOutput<>();
                int samples = 0;
                while (samples < 10) {
                    reader.isAvailable().get();
                    if (reader.pollNext(output) != InputStatus.END_OF_INPUT && !output.records.isEmpty()) {
                        samples =
                                output.records.stream().mapToInt(Chunk::length).sum();
                    }
                }
                Chunk first = output.records.get(0);
                assertEquals(500, first.firstSeq());
                assertEquals("s9", first.sessionId());
                assertTrue(first.hasFlag(ChunkFlags.GAP), first.toString());
                assertEquals(LslSource.toEventMillis(first.lastTimestamp()), output.timestamps.get(0));
                List<LslStreamSplit> snapshot = reader.snapshotState(1);
                assertEquals(1, snapshot.size());
                assertEquals(510, snapshot.get(0).nextSeq());
                assertTrue(snapshot.get(0).resumed());
            } finally {
                reader.close();
            }
        }
    }
}
