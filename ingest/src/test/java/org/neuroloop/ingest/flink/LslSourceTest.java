package org.neuroloop.ingest.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamOutlet;
import org.neuroloop.lsl4j.time.TimestampSettings;

/** The LSL source in a real Flink job (local MiniCluster, no generic types) against real liblsl outlets on loopback. */
class LslSourceTest {
    /** One MiniCluster for all jobs of this class (starting one per job costs seconds on the shared machine). */
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final int CH = 4;
    private static final double RATE = 250;

    /** A chunk with the Flink record timestamp it carried (checks event time). */
    public record Stamped(Chunk chunk, long eventTime) {}

    /** What the operator after the source saw: session, record timestamp, and the watermark at that moment. */
    public record Watermarked(String session, long eventTime, long watermark) {}

    private static String unique(String what) {
        return "nl-src-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false); // Flink 2.x form of getConfig().disableGenericTypes(): no Kryo
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setBufferTimeout(0);
        return env;
    }

    @Test
    void kryoIsOff() {
        assertTrue(env().getConfig().getSerializerConfig().hasGenericTypesDisabled());
    }

    private static CloseableIterator<Stamped> startJob(LslSourceSettings settings) throws Exception {
        StreamExecutionEnvironment env = env();
        DataStream<Chunk> chunks =
                env.fromSource(LslSource.chunks(settings), LslWatermarks.followNewestSample(), "lsl");
        return chunks.process(new ProcessFunction<Chunk, Stamped>() {
                    @Override
                    public void processElement(Chunk c, Context ctx, Collector<Stamped> out) {
                        out.collect(new Stamped(c, ctx.timestamp()));
                    }
                })
                .executeAndCollect("lsl-source-test");
    }

    /** Sample k of the test pattern, channel c (exact in float32). */
    private static float value(long k, int c) {
        return (k % 1000) * 0.5f - c * 100;
    }

    private static void push(StreamOutlet out, long fromSample, int n, double t0, int chunk) {
        for (int start = 0; start < n; start += chunk) {
            int len = Math.min(chunk, n - start);
            float[] d = new float[len * CH];
            double[] ts = new double[len];
            for (int i = 0; i < len; i++) {
                long k = fromSample + start + i;
                ts[i] = t0 + k / RATE;
                for (int c = 0; c < CH; c++) {
                    d[i * CH + c] = value(k, c);
                }
            }
            out.pushChunk(d, len, ts, true);
        }
    }

    private static List<Stamped> take(CloseableIterator<Stamped> it, int samples) {
        List<Stamped> got = new ArrayList<>();
        int n = 0;
        while (n < samples && it.hasNext()) {
            Stamped s = it.next();
            got.add(s);
            n += s.chunk().length();
        }
        return got;
    }

    private static void assertPattern(List<Stamped> got, long firstSample, double t0) {
        long k = firstSample;
        for (Stamped s : got) {
            Chunk c = s.chunk();
            assertEquals(CH, c.channels());
            assertEquals(RATE, c.nominalRate());
            assertEquals(
                    LslSource.toEventMillis(c.lastTimestamp()),
                    s.eventTime(),
                    "record timestamp = newest sample in ms");
            for (int i = 0; i < c.length(); i++, k++) {
                assertEquals(t0 + k / RATE, c.timestamps()[i], 1e-9, "timestamp of sample " + k);
                for (int ch = 0; ch < CH; ch++) {
                    assertEquals(value(k, ch), c.sample(i, ch), "sample " + k + " channel " + ch);
                }
            }
        }
    }

    private static StreamOutlet outlet(String name, String sourceId) {
        try (StreamInfo info = StreamInfo.create(name, "EEG", CH, RATE, ChannelFormat.FLOAT32, sourceId)) {
            return new StreamOutlet(info);
        }
    }

    @Test
    @Timeout(120)
    void emitsExactlyThePushedSamplesWithTheirTimestamps() throws Exception {
        String name = unique("exact");
        LslSourceSettings settings = LslSourceSettings.of(LslStreamQuery.name(name))
                .withSessionIds(Map.of(name + "-src", "subject-7"))
                .withTimestamps(TimestampSettings.none().withDejitter(true))
                .withMaxChunkSamples(32);
        int total = 1000;
        try (StreamOutlet out = outlet(name, name + "-src");
                CloseableIterator<Stamped> it = startJob(settings)) {
            assertTrue(out.waitForConsumers(60), "the Flink source never connected");
            double t0 = Lsl.localClock();
            push(out, 0, total, t0, 10);
            List<Stamped> got = take(it, total);
            assertEquals(total, got.stream().mapToInt(s -> s.chunk().length()).sum(), "sample count");
            long seq = 0;
            for (Stamped s : got) {
                assertEquals("subject-7", s.chunk().sessionId());
                assertEquals(seq, s.chunk().firstSeq(), "sequence numbers are gap-free");
                assertEquals(
                        0,
                        s.chunk().flags(),
                        () -> "unexpected flags "
                                + ChunkFlags.describe(s.chunk().flags()));
                assertTrue(s.chunk().length() <= 32);
                seq += s.chunk().length();
            }
            assertPattern(got, 0, t0);
        }
    }

    @Test
    @Timeout(120)
    void reconnectsToARestartedOutletAndFlagsTheGap() throws Exception {
        String name = unique("reconnect");
        String sourceId = name + "-src";
        LslSourceSettings settings = LslSourceSettings.of(LslStreamQuery.sourceId(sourceId))
                .withStaleTimeout(0.5)
                .withTimestamps(TimestampSettings.defaults().withClockSync(false));
        double t0 = Lsl.localClock();
        try (CloseableIterator<Stamped> it = startJob(settings)) {
            List<Stamped> first;
            try (StreamOutlet out = outlet(name, sourceId)) {
                assertTrue(out.waitForConsumers(60), "the Flink source never connected");
                push(out, 0, 100, t0, 5);
                first = take(it, 100);
            }
            Thread.sleep(
                    1000); // the outlet stays away for twice the stale timeout (not a timing assertion: it makes STALE
            // certain)
            assertEquals(100, first.stream().mapToInt(s -> s.chunk().length()).sum());
            assertTrue(first.stream().allMatch(s -> s.chunk().flags() == 0));
            assertPattern(first, 0, t0);

            // same source id, new outlet instance: the reader must find it again by itself, and must not take an
            // outlet that reuses the source id with another channel count
            StreamOutlet wrongShape;
            try (StreamInfo info = StreamInfo.create(name, "EEG", CH + 1, RATE, ChannelFormat.FLOAT32, sourceId)) {
                wrongShape = new StreamOutlet(info);
            }
            try (wrongShape;
                    StreamOutlet again = outlet(name, sourceId)) {
                assertTrue(again.waitForConsumers(60), "the Flink source never reconnected");
                push(again, 1000, 100, t0, 5);
                List<Stamped> second = take(it, 100);
                assertEquals(
                        100, second.stream().mapToInt(s -> s.chunk().length()).sum());
                Chunk firstAfter = second.get(0).chunk();
                assertTrue(firstAfter.hasFlag(ChunkFlags.GAP), "first chunk after reconnect: " + firstAfter);
                assertTrue(
                        firstAfter.hasFlag(ChunkFlags.STALE),
                        "outlet was away longer than the stale timeout: " + firstAfter);
                assertEquals(100, firstAfter.firstSeq(), "sequence numbers continue");
                for (Stamped s : second.subList(1, second.size())) {
                    assertEquals(0, s.chunk().flags(), s.chunk().toString());
                }
                assertPattern(second, 1000, t0);
                assertTrue(
                        !wrongShape.haveConsumers(), "the source connected to a stream with the wrong channel count");
            }
        }
    }

    @Test
    @Timeout(120)
    void markerStreamsBecomeMarkersOnTheCorrectedClock() throws Exception {
        String name = unique("markers");
        LslSourceSettings settings =
                LslSourceSettings.of(LslStreamQuery.name(name).and(LslStreamQuery.type("Markers")));
        StreamExecutionEnvironment env = env();
        DataStream<Marker> markers =
                env.fromSource(LslSource.markers(settings), LslWatermarks.followNewestSample(), "lsl-markers");
        try (StreamInfo info = StreamInfo.create(name, "Markers", 1, Lsl.IRREGULAR_RATE, ChannelFormat.STRING, name);
                StreamOutlet out = new StreamOutlet(info);
                CloseableIterator<Marker> it = markers.executeAndCollect("lsl-marker-test")) {
            assertTrue(out.waitForConsumers(60));
            double t0 = Lsl.localClock();
            double[] times = {t0, t0 + 0.25, t0 + 0.5, t0 + 0.4, t0 + 0.75}; // the 4th is late: it keeps its own time
            for (int i = 0; i < 5; i++) {
                out.pushMarker("cue-" + i, times[i]);
            }
            for (int i = 0; i < 5; i++) {
                assertTrue(it.hasNext());
                Marker m = it.next();
                assertEquals(name, m.sessionId());
                assertEquals("cue-" + i, m.label());
                // clock sync on: same host, so the offset is ~0 (tens of microseconds)
                assertEquals(times[i], m.timestamp(), 1e-3);
            }
        }
    }

    @Test
    @Timeout(120)
    void anIdleStreamDoesNotHoldBackTheWatermarkOfTheOthers() throws Exception {
        String prefix = unique("idle");
        LslSourceSettings settings = LslSourceSettings.of(
                        LslStreamQuery.predicate("starts-with(name,'" + prefix + "')"))
                .withStaleTimeout(0.5)
                .withTimestamps(TimestampSettings.none());
        StreamExecutionEnvironment env = env();
        DataStream<Watermarked> seen = env.fromSource(
                        LslSource.chunks(settings), LslWatermarks.followNewestSample(), "lsl")
                .process(new ProcessFunction<Chunk, Watermarked>() {
                    @Override
                    public void processElement(Chunk c, Context ctx, Collector<Watermarked> out) {
                        out.collect(new Watermarked(
                                c.sessionId(),
                                ctx.timestamp(),
                                ctx.timerService().currentWatermark()));
                    }
                });
        try (StreamOutlet a = outlet(prefix + "-a", prefix + "-a");
                StreamOutlet b = outlet(prefix + "-b", prefix + "-b");
                CloseableIterator<Watermarked> it = seen.executeAndCollect("lsl-idle-test")) {
            assertTrue(a.waitForConsumers(60) && b.waitForConsumers(60), "the source did not connect to both streams");
            double t0 = Lsl.localClock();
            push(a, 0, 50, t0, 10);
            push(b, 0, 50, t0, 10);
            long lastOfB = LslSource.toEventMillis(t0 + 49 / RATE);
            boolean sawEndOfA = false;
            boolean sawEndOfB = false;
            while (!(sawEndOfA && sawEndOfB) && it.hasNext()) {
                Watermarked w = it.next();
                sawEndOfA |= w.session().equals(prefix + "-a") && w.eventTime() == lastOfB;
                sawEndOfB |= w.session().equals(prefix + "-b") && w.eventTime() == lastOfB;
            }
            Thread.sleep(1000); // both streams pause for twice the stale timeout; then only A resumes
            push(a, 50, 500, t0, 10);
            long highest = Long.MIN_VALUE;
            long lastOfA = LslSource.toEventMillis(t0 + 549 / RATE);
            while (it.hasNext()) {
                Watermarked w = it.next();
                assertEquals(prefix + "-a", w.session());
                highest = Math.max(highest, w.watermark());
                if (w.eventTime() == lastOfA) {
                    break;
                }
            }
            // B has been silent since lastOfB: were it not idle, the combined watermark could not pass it
            assertTrue(
                    highest > lastOfB + 500,
                    "watermark " + highest + " stayed behind idle stream B (last at " + lastOfB + ")");
        }
    }

    @Test
    void splitsAndEnumeratorStateSurviveSerialization() throws Exception {
        LslStreamSplit split =
                new LslStreamSplit("amp-1", "Amp", "EEG", "amp-1", "uid-9", 32, "float32", 250, "s1", 12345, true);
        assertEquals(
                split,
                LslSplitSerializer.INSTANCE.deserialize(
                        LslSplitSerializer.VERSION, LslSplitSerializer.INSTANCE.serialize(split)));
        LslEnumeratorState state = new LslEnumeratorState(Set.of("a", "b"), List.of(split));
        LslEnumeratorState back = LslEnumeratorStateSerializer.INSTANCE.deserialize(
                LslEnumeratorStateSerializer.VERSION, LslEnumeratorStateSerializer.INSTANCE.serialize(state));
        assertEquals(state, back);
        assertArrayEquals(new String[] {"uid:x"}, new String[] {LslStreamSplit.idOf("", "x")});
    }
}
