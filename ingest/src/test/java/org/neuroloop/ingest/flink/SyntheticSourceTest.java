package org.neuroloop.ingest.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.synthetic.EventSchedule;
import org.neuroloop.ingest.synthetic.Montage1020;
import org.neuroloop.ingest.synthetic.PlantedEvent.SlowOscillation;
import org.neuroloop.ingest.synthetic.PlantedEvent.Spindle;
import org.neuroloop.ingest.synthetic.SyntheticEeg;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;

/** SyntheticSource in a real Flink job on a local MiniCluster (Kryo off), plus reader checkpoint/restore. */
class SyntheticSourceTest {

    /** A chunk with the Flink record timestamp it carried and the clock when it was processed. */
    public record Stamped(Chunk chunk, long eventTime, double processedAt) {}

    private static StreamExecutionEnvironment env(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false); // Flink 2.x form of disableGenericTypes(): no Kryo fallback
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    private static List<SyntheticEegConfig> sessions() {
        return List.of(
                SyntheticEegConfig.defaults("alpha", 1)
                        .withDuration(3)
                        .withChunkSize(16)
                        .withSchedule(EventSchedule.of(new Spindle(0.5, 1, 13, 30), new SlowOscillation(1.8, 1, 80))),
                SyntheticEegConfig.defaults("beta", 2)
                        .withDuration(2)
                        .withRate(160)
                        .withChannels(Montage1020.EEGMMIDB_64)
                        .withStartTime(5000.0)
                        .withSchedule(EventSchedule.motorImagery(1, 0.2, 1.5, 1, 2)),
                SyntheticEegConfig.defaults("gamma", 3)
                        .withDuration(1.5)
                        .withChunkSize(7)
                        .withStartTime(12.5));
    }

    private static List<Stamped> runChunks(SyntheticSource<Chunk> source, int parallelism) throws Exception {
        StreamExecutionEnvironment env = env(parallelism);
        List<Stamped> out = new ArrayList<>();
        try (CloseableIterator<Stamped> it = env.fromSource(
                        source, WatermarkStrategy.forMonotonousTimestamps(), "synthetic")
                .process(new ProcessFunction<Chunk, Stamped>() {
                    @Override
                    public void processElement(Chunk c, Context ctx, Collector<Stamped> o) {
                        o.collect(new Stamped(c, ctx.timestamp(), SyntheticSource.clockSeconds()));
                    }
                })
                .executeAndCollect("synthetic-source-test")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void boundedSessionsArriveCompleteInOrderWithEventTime() throws Exception {
        SyntheticSource<Chunk> source = SyntheticSource.chunks(sessions(), false);
        assertEquals(Boundedness.BOUNDED, source.getBoundedness());
        List<Stamped> got = runChunks(source, 2);

        Map<String, List<Chunk>> bySession = new HashMap<>();
        for (Stamped s : got) {
            bySession
                    .computeIfAbsent(s.chunk().sessionId(), k -> new ArrayList<>())
                    .add(s.chunk());
            assertEquals(
                    (long) Math.floor(s.chunk().lastTimestamp() * 1000), s.eventTime(), "event time of " + s.chunk());
        }
        assertEquals(3, bySession.size());
        for (SyntheticEegConfig config : source.sessions()) {
            List<Chunk> expected = new ArrayList<>();
            new SyntheticEeg(config).forEachRemaining(expected::add);
            List<Chunk> actual = bySession.get(config.sessionId());
            assertEquals(expected, actual, "session " + config.sessionId()); // bitwise, in order, END_OF_STREAM last
            assertTrue(actual.get(actual.size() - 1).hasFlag(ChunkFlags.END_OF_STREAM));
        }
    }

    @Test
    void markerSourceEmitsTheTruth() throws Exception {
        List<SyntheticEegConfig> sessions = sessions();
        SyntheticSource<Marker> source = SyntheticSource.markers(sessions, false);
        StreamExecutionEnvironment env = env(2);
        List<Marker> got = new ArrayList<>();
        try (CloseableIterator<Marker> it = env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "truth")
                .executeAndCollect("synthetic-markers-test")) {
            it.forEachRemaining(got::add);
        }
        for (SyntheticEegConfig config : source.sessions()) {
            List<Marker> expected = new SyntheticEeg(config).truthMarkers();
            List<Marker> actual = got.stream()
                    .filter(m -> m.sessionId().equals(config.sessionId()))
                    .toList();
            assertEquals(expected, actual, "session " + config.sessionId());
        }
        assertTrue(
                got.stream().anyMatch(m -> m.label().equals("T1") || m.label().equals("T2")));
        assertTrue(got.stream().anyMatch(m -> m.label().equals(SyntheticEeg.SPINDLE_ONSET)));
    }

    /** Paced: no chunk reaches the job before its newest sample exists on the LSL clock. */
    @Test
    void pacedSourceNeverRunsAheadOfTheClock() throws Exception {
        SyntheticEegConfig live =
                SyntheticEegConfig.defaults("live", 4).withDuration(0.6).withStartTime(Double.NaN);
        SyntheticSource<Chunk> source = SyntheticSource.chunks(List.of(live), true);
        double start = source.sessions().get(0).startTime();
        List<Stamped> got = runChunks(source, 1);
        assertEquals(15, got.size()); // 150 samples in chunks of 10
        for (Stamped s : got) {
            assertTrue(
                    s.processedAt() >= s.chunk().lastTimestamp(),
                    "chunk processed at " + s.processedAt() + " before its last sample "
                            + s.chunk().lastTimestamp());
        }
        assertEquals(start, got.get(0).chunk().timestamps()[0], 0.0);
    }

    /** A reader restored from a checkpoint continues exactly where the failed one stopped. */
    @Test
    void readerRestoresFromItsCheckpoint() throws Exception {
        List<SyntheticSplit> splits = new ArrayList<>();
        List<SyntheticEegConfig> configs = sessions();
        for (int i = 0; i < configs.size(); i++) {
            splits.add(new SyntheticSplit(i, configs.get(i).withStartTime(100.0 * i), 0));
        }
        SyntheticSourceReader<Chunk> whole = new SyntheticSourceReader<>(SyntheticSource.Kind.CHUNKS, false);
        whole.addSplits(splits);
        whole.notifyNoMoreSplits();
        CollectingReaderOutput<Chunk> expected = new CollectingReaderOutput<>();
        CollectingReaderOutput.poll(whole, expected, Integer.MAX_VALUE);

        SyntheticSourceReader<Chunk> first = new SyntheticSourceReader<>(SyntheticSource.Kind.CHUNKS, false);
        first.addSplits(splits);
        first.notifyNoMoreSplits();
        CollectingReaderOutput<Chunk> out = new CollectingReaderOutput<>();
        CollectingReaderOutput.poll(first, out, 37);
        List<SyntheticSplit> checkpoint = new ArrayList<>();
        for (SyntheticSplit s : first.snapshotState(1)) { // through the checkpoint serializer, as Flink does
            byte[] bytes = SyntheticSplitSerializer.SPLIT.serialize(s);
            checkpoint.add(
                    SyntheticSplitSerializer.SPLIT.deserialize(SyntheticSplitSerializer.SPLIT.getVersion(), bytes));
        }
        CollectingReaderOutput.poll(first, new CollectingReaderOutput<>(), 5); // work lost in the failure

        SyntheticSourceReader<Chunk> restored = new SyntheticSourceReader<>(SyntheticSource.Kind.CHUNKS, false);
        restored.addSplits(checkpoint);
        restored.notifyNoMoreSplits();
        CollectingReaderOutput.poll(restored, out, Integer.MAX_VALUE);
        assertEquals(expected.records, out.records);
        assertEquals(expected.timestamps, out.timestamps);
        assertEquals(0, expected.lateRecords, "records behind the reader's own watermark");
        // one reader emits its sessions in time order
        for (int i = 1; i < out.timestamps.size(); i++) {
            assertTrue(out.timestamps.get(i) >= out.timestamps.get(i - 1));
        }
    }

    /** Fails once, after a checkpoint has completed (MiniCluster runs in this JVM, so static flags are shared). */
    public static final class FailOnceAfterCheckpoint extends RichMapFunction<Chunk, Chunk>
            implements CheckpointListener {
        static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicInteger OPENED = new AtomicInteger();

        @Override
        public void open(OpenContext ctx) {
            OPENED.incrementAndGet();
        }

        @Override
        public Chunk map(Chunk c) throws Exception {
            if (!FAILED.get()) {
                if (CHECKPOINTED.get()) {
                    FAILED.set(true);
                    throw new IllegalStateException("injected failure at " + c);
                }
                Thread.sleep(5); // slow the first attempt down so a checkpoint completes before the failure
            }
            return c;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }

    /** A failure after a checkpoint restarts the job from it; the collected output is exactly the generator's. */
    @Test
    void recoversFromACheckpointWithExactlyTheSameData() throws Exception {
        FailOnceAfterCheckpoint.CHECKPOINTED.set(false);
        FailOnceAfterCheckpoint.FAILED.set(false);
        FailOnceAfterCheckpoint.OPENED.set(0);
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(100);
        List<SyntheticEegConfig> sessions = List.of(
                SyntheticEegConfig.defaults("ck1", 1).withDuration(20).withChunkSize(25),
                SyntheticEegConfig.defaults("ck2", 2)
                        .withDuration(15)
                        .withChunkSize(25)
                        .withStartTime(3.0));
        SyntheticSource<Chunk> source = SyntheticSource.chunks(sessions, false);
        List<Chunk> got = new ArrayList<>();
        try (CloseableIterator<Chunk> it = env.fromSource(
                        source, WatermarkStrategy.forMonotonousTimestamps(), "synthetic")
                .map(new FailOnceAfterCheckpoint())
                .executeAndCollect("synthetic-recovery-test")) {
            it.forEachRemaining(got::add);
        }
        assertTrue(FailOnceAfterCheckpoint.FAILED.get(), "the failure was injected");
        assertTrue(FailOnceAfterCheckpoint.OPENED.get() >= 2, "the job restarted");
        for (SyntheticEegConfig config : source.sessions()) {
            List<Chunk> expected = new ArrayList<>();
            new SyntheticEeg(config).forEachRemaining(expected::add);
            assertEquals(
                    expected,
                    got.stream()
                            .filter(c -> c.sessionId().equals(config.sessionId()))
                            .toList(),
                    config.sessionId());
        }
    }

    @Test
    void pairSharesTheResolvedStartTimes() {
        SyntheticSource.Pair pair = SyntheticSource.pair(
                List.of(
                        SyntheticEegConfig.defaults("now", 1).withStartTime(Double.NaN),
                        SyntheticEegConfig.defaults("fixed", 2).withStartTime(7.0)),
                true);
        assertEquals(pair.chunks().sessions(), pair.markers().sessions());
        assertTrue(!Double.isNaN(pair.chunks().sessions().get(0).startTime()));
        assertEquals(7.0, pair.markers().sessions().get(1).startTime());
    }

    /** The marker reader's watermark runs just ahead of the sparse markers without ever making one late. */
    @Test
    void markerWatermarksLeadButNeverPassTheNextMarker() throws Exception {
        List<SyntheticSplit> splits = new ArrayList<>();
        List<SyntheticEegConfig> configs = sessions();
        for (int i = 0; i < configs.size(); i++) {
            splits.add(new SyntheticSplit(i, configs.get(i), 0));
        }
        SyntheticSourceReader<Marker> reader = new SyntheticSourceReader<>(SyntheticSource.Kind.MARKERS, false);
        reader.addSplits(splits);
        reader.notifyNoMoreSplits();
        CollectingReaderOutput<Marker> out = new CollectingReaderOutput<>();
        CollectingReaderOutput.poll(reader, out, 1);
        assertEquals(out.timestamps.get(0), out.records.get(0).timestamp() * 1000, 1.0);
        assertTrue(
                out.watermark > out.timestamps.get(0),
                "watermark " + out.watermark + " should lead to the next marker");
        CollectingReaderOutput.poll(reader, out, Integer.MAX_VALUE);
        assertTrue(out.records.size() > 5);
        assertEquals(0, out.lateRecords);
    }

    @Test
    void unboundedWhenAnySessionIsEndless() {
        SyntheticSource<Chunk> source = SyntheticSource.chunks(
                List.of(
                        SyntheticEegConfig.defaults("a", 1),
                        SyntheticEegConfig.defaults("b", 1).withDuration(Double.POSITIVE_INFINITY)),
                true);
        assertEquals(Boundedness.CONTINUOUS_UNBOUNDED, source.getBoundedness());
        assertArrayEquals(
                new String[] {"a", "b"},
                source.sessions().stream().map(SyntheticEegConfig::sessionId).toArray());
    }
}
