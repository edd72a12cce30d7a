package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamOutlet;

/**
 * A live session on NeuroLoop's own LSL code (lsl4j outlet and inlet) inside the deployed job on a MiniCluster: the
 * EEG outlet dies mid-session and a new one (same source id) comes back 3 s later, then the amplifier "restarts" and
 * its timestamps jump 2 s backwards. The source must reconnect within 1 s of the return and flag the gap, no
 * stimulation may be decided on flagged data (the gap, the stale return, the jump), the session's counters must show
 * the missing samples, and the session must keep running after the jump.
 */
class StreamLossJobTest {
    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final int RATE = 250;
    static final int CHUNK = 5;
    static final int CH = 2;

    /** A chunk as the job saw it after the bad-data flags. */
    public record Seen(double first, double last, long firstSeq, int length, int flags) {}

    /** 10 Hz sine, 200 µV for the first 0.2 s of every second (a burst the threshold detector fires on), else 20 µV. */
    static float value(long k, int c) {
        double amp = k % RATE < RATE / 5 ? 200 : 20;
        return (float) (amp * Math.sin(2 * Math.PI * 10 * k / RATE + c));
    }

    /** Pushes samples [from, to) in real time, sample k stamped {@code t0 + k / RATE + shift}. */
    static void play(StreamOutlet out, long from, long to, double t0, double shift) throws InterruptedException {
        for (long k = from; k < to; k += CHUNK) {
            float[] d = new float[CHUNK * CH];
            double[] ts = new double[CHUNK];
            for (int i = 0; i < CHUNK; i++) {
                ts[i] = t0 + (double) (k + i) / RATE + shift;
                for (int c = 0; c < CH; c++) {
                    d[i * CH + c] = value(k + i, c);
                }
            }
            double due = t0 + (double) (k + CHUNK - 1) / RATE;
            long waitNanos = (long) ((due - Lsl.localClock()) * 1e9);
            if (waitNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            }
            out.pushChunk(d, CHUNK, ts, true);
        }
    }

    static StreamOutlet outlet(String name, String sourceId) {
        try (StreamInfo info = StreamInfo.create(name, "EEG", CH, RATE, ChannelFormat.FLOAT32, sourceId)) {
            return new StreamOutlet(info);
        }
    }

    @Test
    @Timeout(180)
    void anOutletThatDiesAndReturnsIsReconnectedFlaggedCountedAndNeverStimulatedAcross() throws Exception {
        String name = "nl-stream-loss-" + UUID.randomUUID().toString().substring(0, 8);
        String sourceId = name + "-src";
        String yaml = """
                name: stream-loss
                sessions:
                  - id: live
                    lsl: {name: %s, sourceId: %s, staleSeconds: 0.5}
                pipeline:
                  quality: {staleSeconds: 1}
                  detector: {type: threshold, channels: ["0"], measure: amplitude, on: 150, off: 75}
                  policy: {action: pulse, refractorySeconds: 0.9, maxPerMinute: 100, sessionBudget: 1000}
                flink: {parallelism: 1, bufferTimeoutMs: 0}
                """.formatted(name, sourceId);
        ResolvedConfig config = new ConfigResolver("stream-loss.yaml", Path.of("."))
                .resolve(SessionConfigLoader.parse(yaml, "stream-loss.yaml"));
        assertEquals(DecisionClock.LSL, config.clock());
        NeuroLoopJob job = NeuroLoopJob.fromConfig(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        SessionStreams s = job.build(env);
        List<Seen> chunks = new CopyOnWriteArrayList<>();
        List<StimulationCommand> commands = new CopyOnWriteArrayList<>();
        List<CloseableIterator<?>> its = new ArrayList<>();
        List<Thread> drains = List.of(
                drain(s.chunks().map(StreamLossJobTest::seen).collectAsync(), chunks, its),
                drain(s.commands().collectAsync(), commands, its));
        JobClient client = env.executeAsync("stream-loss");
        drains.forEach(Thread::start);
        double t0;
        double returned;
        long phaseA = 4L * RATE;
        long outage = 3L * RATE;
        long phaseB = 4L * RATE;
        long phaseC = 3L * RATE;
        try {
            try (StreamOutlet a = outlet(name, sourceId)) {
                assertTrue(a.waitForConsumers(60), "the job's LSL source never connected");
                t0 = Lsl.localClock();
                play(a, 0, phaseA, t0, 0);
            }
            // the outlet is gone for 3 s; the samples of that time are never produced
            TimeUnit.MILLISECONDS.sleep(3000);
            try (StreamOutlet b = outlet(name, sourceId)) {
                returned = Lsl.localClock();
                play(b, phaseA + outage, phaseA + outage + phaseB, t0, 0);
                // the amplifier restarts: its clock is 2 s behind from now on, and the stream goes on
                play(b, phaseA + outage + phaseB, phaseA + outage + phaseB + phaseC, t0, -2.0);
                TimeUnit.MILLISECONDS.sleep(500);
            }
        } finally {
            client.cancel().get(30, TimeUnit.SECONDS);
            for (CloseableIterator<?> it : its) {
                it.close();
            }
        }
        List<Seen> seen = new ArrayList<>(chunks);
        seen.sort(Comparator.comparingLong(Seen::firstSeq));
        double lastBefore = t0 + (phaseA - 1.0) / RATE;
        double gapEnd = t0 + (double) (phaseA + outage) / RATE;
        Seen firstAfter = seen.stream()
                .filter(c -> c.first() >= gapEnd - 1e-3)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no data after the outlet returned"));
        int returnIndex = seen.indexOf(firstAfter);
        Seen lastBeforeGap = seen.get(returnIndex - 1);
        System.out.printf(
                "stream loss: first sample after the return %.3f s after the new outlet opened; flags %s;"
                        + " %d chunks, %d commands%n",
                firstAfter.first() - returned, ChunkFlags.describe(firstAfter.flags()), seen.size(), commands.size());

        assertEquals(lastBefore, lastBeforeGap.last(), 0.01, "every sample before the loss arrived");
        assertTrue(
                firstAfter.first() - returned <= 1.0,
                "reconnected within 1 s of the return: " + (firstAfter.first() - returned) + " s");
        assertTrue(
                firstAfter.flags() != 0 && ChunkFlags.isBad(firstAfter.flags()),
                "the return is flagged: " + ChunkFlags.describe(firstAfter.flags()));
        assertTrue(firstAfter.firstSeq() == lastBeforeGap.firstSeq() + lastBeforeGap.length(), "sequence continues");

        // no command on flagged data, none whose cause lies in the gap, commands on both sides of it
        for (StimulationCommand c : commands) {
            assertFalse(
                    c.causeTimestamp() > lastBeforeGap.last() && c.causeTimestamp() < firstAfter.first(),
                    "decided across the gap: " + c);
            // after the backward jump two chunks may hold the same time: the cause must lie in an unflagged one
            List<Seen> holders = seen.stream()
                    .filter(x -> x.first() <= c.causeTimestamp() && c.causeTimestamp() <= x.last())
                    .toList();
            assertFalse(holders.isEmpty(), "no chunk holds the cause of " + c);
            assertTrue(
                    holders.stream().anyMatch(x -> x.flags() == 0),
                    "decided on flagged data ("
                            + holders.stream()
                                    .map(x -> ChunkFlags.describe(x.flags()))
                                    .toList() + "): " + c);
        }
        assertTrue(commands.stream().anyMatch(c -> c.causeTimestamp() < lastBefore), "stimulation before the loss");
        assertTrue(commands.stream().anyMatch(c -> c.causeTimestamp() > gapEnd), "stimulation after the return");

        // the counters: every sample that arrived, and the ones that never did
        Map<String, Long> counters = sessionCounters(client.getJobID()).get("live");
        long arrived = seen.stream().mapToLong(Seen::length).sum();
        long missing = Math.round((firstAfter.first() - lastBeforeGap.last()) * RATE) - 1;
        assertTrue(missing >= outage, "at least the outage is missing: " + missing);
        assertEquals(arrived, counters.get("samplesIn"), "samplesIn");
        assertEquals(missing, counters.getOrDefault("samplesMissing", 0L), "samplesMissing");

        // the backward jump is flagged, and the stream goes on after it
        double jumpAt = t0 + (double) (phaseA + outage + phaseB) / RATE - 2.0;
        assertTrue(
                seen.stream().skip(returnIndex + 1).anyMatch(c -> (c.flags() & ChunkFlags.CLOCK_JUMP) != 0),
                "the backward jump is flagged CLOCK_JUMP");
        assertTrue(seen.get(seen.size() - 1).last() >= jumpAt + 2.0, "the session runs on after the jump");
        System.out.printf(
                "stream loss: %d samples in, %d missing (outage %d), last chunk %.2f s after the jump%n",
                arrived, missing, outage, seen.get(seen.size() - 1).last() - jumpAt);
    }

    private static Seen seen(Chunk c) {
        return new Seen(c.timestamps()[0], c.lastTimestamp(), c.firstSeq(), c.length(), c.flags());
    }

    static Map<String, Map<String, Long>> sessionCounters(JobID job) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> g :
                REPORTER.getMetricsByGroup().entrySet()) {
            Map<String, String> vars = g.getKey().getAllVariables();
            String session = vars.get("<session>");
            if (session == null || !job.toString().equals(vars.get("<job_id>"))) {
                continue;
            }
            for (Map.Entry<String, Metric> m : g.getValue().entrySet()) {
                if (m.getValue() instanceof Counter c) {
                    out.computeIfAbsent(session, k -> new HashMap<>()).merge(m.getKey(), c.getCount(), Long::sum);
                }
            }
        }
        return out;
    }

    private static <T> Thread drain(CloseableIterator<T> it, List<T> into, List<CloseableIterator<?>> all) {
        all.add(it);
        Thread t = new Thread(
                () -> {
                    try {
                        it.forEachRemaining(into::add);
                    } catch (RuntimeException e) {
                        // the iterator fails once the live job is cancelled; what was collected stays
                    }
                },
                "collect-drain");
        t.setDaemon(true);
        return t;
    }
}
