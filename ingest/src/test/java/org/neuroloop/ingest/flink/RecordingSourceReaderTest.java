package org.neuroloop.ingest.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.replay.ReplaySpeed;

/** A RecordingSourceReader restored from its checkpoint continues exactly where the failed one stopped. */
class RecordingSourceReaderTest {

    private static List<RecordingSplit> splits() {
        return List.of(
                new RecordingSplit(0, "../shared/data/mi/eegmmidb/S001R04.edf", "a", new long[0]),
                new RecordingSplit(1, "../shared/data/formats/edf/test_generator_2.edf", "b", new long[0]));
    }

    private static <T> void checkRestore(RecordingSource.Kind kind, int stopAfter) throws Exception {
        RecordingSource.Settings settings =
                RecordingSource.Settings.of(ReplaySpeed.MAX).withChunkSeconds(0.3);
        RecordingSourceReader<T> whole = new RecordingSourceReader<>(kind, settings);
        whole.addSplits(splits());
        whole.notifyNoMoreSplits();
        CollectingReaderOutput<T> expected = new CollectingReaderOutput<>();
        CollectingReaderOutput.poll(whole, expected, Integer.MAX_VALUE);

        RecordingSourceReader<T> first = new RecordingSourceReader<>(kind, settings);
        first.addSplits(splits());
        first.notifyNoMoreSplits();
        CollectingReaderOutput<T> out = new CollectingReaderOutput<>();
        CollectingReaderOutput.poll(first, out, stopAfter);
        List<RecordingSplit> checkpoint = new ArrayList<>();
        for (RecordingSplit s : first.snapshotState(1)) { // through the checkpoint serializer, as Flink does
            byte[] bytes = RecordingSplitSerializer.SPLIT.serialize(s);
            checkpoint.add(
                    RecordingSplitSerializer.SPLIT.deserialize(RecordingSplitSerializer.SPLIT.getVersion(), bytes));
        }
        assertTrue(checkpoint.stream().anyMatch(s -> s.positions().length > 0));
        RecordingSourceReader<T> restored = new RecordingSourceReader<>(kind, settings);
        restored.addSplits(checkpoint);
        restored.notifyNoMoreSplits();
        CollectingReaderOutput.poll(restored, out, Integer.MAX_VALUE);
        assertEquals(expected.records, out.records);
        assertEquals(expected.timestamps, out.timestamps);
    }

    @Test
    void chunksResume() throws Exception {
        RecordingSourceReaderTest.<Chunk>checkRestore(RecordingSource.Kind.CHUNKS, 123);
    }

    @Test
    void markersResume() throws Exception {
        RecordingSourceReaderTest.<Marker>checkRestore(RecordingSource.Kind.MARKERS, 17);
    }
}
