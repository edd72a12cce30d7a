package org.neuroloop.ingest.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.recording.Annotation;
import org.neuroloop.ingest.recording.ChannelFormat;
import org.neuroloop.ingest.recording.EdfReader;
import org.neuroloop.ingest.recording.EdfWriter;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.replay.ReplaySpeed;

/** RecordingSource in a real Flink job on a local MiniCluster, with Kryo disabled. */
class RecordingSourceTest {
    /** One MiniCluster shared by the tests (each job would otherwise start its own). */
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Path R04 = Path.of("../shared/data/mi/eegmmidb/S001R04.edf");
    private static final Path R08 = Path.of("../shared/data/mi/eegmmidb/S001R08.edf");

    @TempDir
    Path tmp;

    private static StreamExecutionEnvironment env(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false); // disableGenericTypes(): no Kryo fallback
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    private static <T> List<T> run(RecordingSource<T> source, int parallelism) throws Exception {
        List<T> out = new ArrayList<>();
        try (CloseableIterator<T> it = env(parallelism)
                .fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "recording")
                .process(new ProcessFunction<T, T>() {
                    @Override
                    public void processElement(T v, Context ctx, Collector<T> o) {
                        // note the Flink event time of each record for the checks below
                        if (v instanceof Chunk c) {
                            o.collect(v);
                            STAMPS.put(c.sessionId() + "#" + c.firstSeq(), ctx.timestamp());
                        } else {
                            o.collect(v);
                            Marker m = (Marker) v;
                            STAMPS.put(m.sessionId() + "@" + m.timestamp() + m.label(), ctx.timestamp());
                        }
                    }
                })
                .returns(source.getProducedType())
                .executeAndCollect("recording-source-test")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /** Event times seen in the (single JVM) MiniCluster, keyed by session and position. */
    static final Map<String, Long> STAMPS = new ConcurrentHashMap<>();

    @Test
    void everySampleOnceWithTheFileTimestamps() throws Exception {
        RecordingSource<Chunk> source = RecordingSource.chunks(
                List.of(RecordingSource.RecordingFile.of(R04), RecordingSource.RecordingFile.of(R08, "second")),
                RecordingSource.Settings.of(ReplaySpeed.MAX).withChunkSeconds(0.1));
        List<Chunk> got = run(source, 2);
        Map<String, List<Chunk>> bySession = new HashMap<>();
        for (Chunk c : got) {
            bySession.computeIfAbsent(c.sessionId(), k -> new ArrayList<>()).add(c);
        }
        assertEquals(Map.of("S001R04", R04, "second", R08).keySet(), bySession.keySet());
        for (Map.Entry<String, Path> e : Map.of("S001R04", R04, "second", R08).entrySet()) {
            RecordedStream ref = EdfReader.read(e.getValue()).mainStream().orElseThrow();
            List<Chunk> chunks = bySession.get(e.getKey());
            chunks.sort(Comparator.comparingLong(Chunk::firstSeq));
            double[] ts = new double[ref.sampleCount()];
            double[] v = new double[ref.sampleCount() * 64];
            int n = 0;
            for (int k = 0; k < chunks.size(); k++) {
                Chunk c = chunks.get(k);
                assertEquals(n, c.firstSeq(), "contiguous sequence numbers");
                assertEquals(64, c.channels());
                assertEquals(160, c.nominalRate());
                assertEquals(
                        k == chunks.size() - 1,
                        c.hasFlag(ChunkFlags.END_OF_STREAM),
                        "END_OF_STREAM only on the last chunk");
                assertFalse(c.hasFlag(ChunkFlags.GAP));
                assertEquals(
                        (long) Math.floor(c.lastTimestamp() * 1000),
                        STAMPS.get(c.sessionId() + "#" + c.firstSeq()),
                        "event time = newest sample");
                System.arraycopy(c.timestamps(), 0, ts, n, c.length());
                System.arraycopy(c.samples(), 0, v, n * 64, c.samples().length);
                n += c.length();
            }
            assertEquals(ref.sampleCount(), n, "every sample once");
            assertArrayEquals(ref.timestamps(), ts);
            assertArrayEquals(ref.samples(), v);
        }
    }

    @Test
    void markersArriveWithTheirTimes() throws Exception {
        RecordingSource<Marker> source = RecordingSource.markers(
                List.of(RecordingSource.RecordingFile.of(R04, "mi")), RecordingSource.Settings.of(ReplaySpeed.MAX));
        List<Marker> got = run(source, 1);
        Recording r = EdfReader.read(R04);
        List<Marker> expected = r.markers("mi");
        assertEquals(expected, got);
        for (Marker m : expected) {
            assertEquals((long) Math.floor(m.timestamp() * 1000), STAMPS.get("mi@" + m.timestamp() + m.label()));
        }
    }

    @Test
    void edfPlusDGapsAreFlaggedAndPacedReplayKeepsOrder() throws Exception {
        RecordedStream s = EdfReader.read(R04).streams().get(0);
        int n = 160 * 4;
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i / 160.0 + (i >= 320 ? 2.0 : 0);
        }
        RecordedStream gapped = new RecordedStream(
                "eeg",
                "EEG",
                "",
                s.channelLabels(),
                s.units(),
                160,
                ChannelFormat.INT16,
                ts,
                Arrays.copyOf(s.samples(), n * 64),
                null,
                new int[] {320},
                Map.of());
        Path file = tmp.resolve("gapped.edf");
        EdfWriter.write(
                file,
                new Recording(
                        null, "memory", List.of(gapped), List.of(new Annotation(3.0, 0, "after the gap")), Map.of()));
        // paced at 20x: 6 s of recording in about 0.3 s
        RecordingSource<Chunk> source = RecordingSource.chunks(
                List.of(RecordingSource.RecordingFile.of(file)),
                RecordingSource.Settings.of(ReplaySpeed.parse("20")).withChunkSeconds(0.25));
        List<Chunk> got = run(source, 1);
        int flagged = 0;
        for (int k = 0; k < got.size(); k++) {
            Chunk c = got.get(k);
            if (k > 0) {
                assertTrue(c.timestamps()[0] > got.get(k - 1).lastTimestamp(), "in time order");
            }
            if (c.hasFlag(ChunkFlags.GAP)) {
                flagged++;
                assertEquals(320, c.firstSeq());
                assertEquals(4.0, c.timestamps()[0], 1e-9);
            }
        }
        assertEquals(1, flagged);
        assertEquals(n, got.stream().mapToInt(Chunk::length).sum());
    }
}
