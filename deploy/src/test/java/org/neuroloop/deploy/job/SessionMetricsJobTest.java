package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The per-session Flink metrics of a whole job (spindle pipeline, two synthetic sessions, MiniCluster with two
 * slots), read back through a metric reporter ({@link InMemoryReporter}) as the Web UI would show them, and
 * compared with what the job actually emitted: samples and chunks in, flagged chunks, detections, stimulations,
 * and (live mode) the latency histogram.
 */
class SessionMetricsJobTest {
    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final int SECONDS = 60;
    static final int RATE = 250;
    static final int CHUNK = 10;
    static final int LIVE_SECONDS = 20;

    // clipMicrovolts low enough that some chunks of the synthetic EEG are flagged as clipped, but not all
    static final String YAML = """
            name: metrics-test
            sessions:
              - id: a
                synthetic: {scenario: spindles, labels: [C3, C4, Cz, Fz], rate: %1$d, seconds: %2$d, seed: 7, chunkSamples: %3$d, speed: max}
              - id: b
                synthetic: {scenario: spindles, labels: [C3, C4, Cz, Fz], rate: %1$d, seconds: %2$d, seed: 8, chunkSamples: %3$d, speed: max}
            pipeline:
              quality: {clipMicrovolts: 60, clipSamples: 1}
              filters: [{type: highpass, low: 0.3, order: 2}]
              detector: {type: spindles, channel: C3}
              policy: {action: pulse, refractorySeconds: 2.0, maxPerMinute: 20, sessionBudget: 500}
            flink: {parallelism: 2, bufferTimeoutMs: 0}
            """.formatted(RATE, SECONDS, CHUNK);

    /** What a job emitted, collected while it ran. */
    record Emitted(
            JobID job,
            List<Tuple2<String, Integer>> flags,
            List<DetectedEvent> events,
            List<StimulationCommand> commands) {}

    static Emitted run(String yaml, boolean replay) throws Exception {
        ConfigResolver v = new ConfigResolver("metrics.yaml", Path.of("."));
        ResolvedConfig config = v.resolve(SessionConfigLoader.parse(yaml, "metrics.yaml"));
        NeuroLoopJob job = NeuroLoopJob.fromConfig(replay ? config.withClock(DecisionClock.RECORDING) : config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        SessionStreams s = job.build(env);
        List<Tuple2<String, Integer>> flags = new ArrayList<>();
        List<DetectedEvent> events = new ArrayList<>();
        List<StimulationCommand> commands = new ArrayList<>();
        List<Thread> drains = new ArrayList<>();
        List<CloseableIterator<?>> iterators = new ArrayList<>();
        drain(
                s.chunks()
                        .map(c -> Tuple2.of(c.sessionId(), c.flags()))
                        .returns(Types.TUPLE(Types.STRING, Types.INT))
                        .collectAsync(),
                flags,
                drains,
                iterators);
        drain(s.events().collectAsync(), events, drains, iterators);
        drain(s.commands().collectAsync(), commands, drains, iterators);
        JobClient client = env.executeAsync("metrics-test");
        drains.forEach(Thread::start);
        try {
            client.getJobExecutionResult().get();
            for (Thread t : drains) {
                t.join();
            }
        } finally {
            for (CloseableIterator<?> it : iterators) {
                it.close();
            }
        }
        return new Emitted(client.getJobID(), flags, events, commands);
    }

    @Test
    void countersCountWhatTheJobProcessedPerSession() throws Exception {
        Emitted emitted = run(YAML, true);
        List<Tuple2<String, Integer>> flags = emitted.flags();
        List<DetectedEvent> events = emitted.events();
        List<StimulationCommand> commands = emitted.commands();
        Map<String, Map<String, Long>> metrics = sessionCounters(emitted.job());
        long totalFlagged = 0;
        for (String session : List.of("a", "b")) {
            Map<String, Long> m = metrics.get(session);
            assertTrue(m != null, "no metrics of session " + session + " in " + metrics.keySet());
            long chunks = flags.stream().filter(f -> f.f0.equals(session)).count();
            long flagged = flags.stream()
                    .filter(f -> f.f0.equals(session) && ChunkFlags.isBad(f.f1))
                    .count();
            totalFlagged += flagged;
            assertEquals((long) SECONDS * RATE, m.get("samplesIn"), session + " samplesIn");
            assertEquals((long) SECONDS * RATE / CHUNK, chunks, session + " chunks out of the job");
            assertEquals(chunks, m.get("chunksIn"), session + " chunksIn");
            assertEquals(flagged, m.getOrDefault("chunksFlagged", 0L), session + " chunksFlagged");
            long detections =
                    events.stream().filter(e -> e.sessionId().equals(session)).count();
            long stimulations =
                    commands.stream().filter(c -> c.sessionId().equals(session)).count();
            assertTrue(stimulations > 0, session + ": the test needs stimulations to count");
            assertEquals(detections, m.getOrDefault("detections", 0L), session + " detections");
            assertEquals(stimulations, m.getOrDefault("stimulations", 0L), session + " stimulations");
        }
        assertTrue(totalFlagged > 0 && totalFlagged < flags.size(), "some but not all chunks flagged: " + totalFlagged);
    }

    /**
     * Live mode (policy on the LSL clock, sessions paced in real time): the latency histogram of each session holds
     * one value per stimulation command, none negative (a command never leaves before the sample that caused it).
     * {@value #LIVE_SECONDS} s because the spindle detector needs 10 s of baseline before it decides anything: seed 7
     * then plants spindles at 12.1 and 15.0 s, seed 8 at 10.7 and 17.0 s (30 s only added one more each and cost
     * 10 s of real time).
     */
    @Test
    void liveLatencyHistogramHasOneValuePerStimulation() throws Exception {
        String yaml = YAML.replace("seconds: 60", "seconds: " + LIVE_SECONDS).replace("speed: max", "speed: realtime");
        Emitted e = run(yaml, false);
        Map<String, Histogram> histograms = new HashMap<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> g :
                REPORTER.getMetricsByGroup().entrySet()) {
            Map<String, String> vars = g.getKey().getAllVariables();
            if (vars.get("<session>") != null
                    && e.job().toString().equals(vars.get("<job_id>"))
                    && g.getValue().get("latencyMicros") instanceof Histogram h) {
                histograms.put(vars.get("<session>"), h);
            }
        }
        assertTrue(
                !e.commands().isEmpty(),
                "the test needs stimulations; detections: " + e.events().size());
        for (String session : List.of("a", "b")) {
            long stimulations = e.commands().stream()
                    .filter(c -> c.sessionId().equals(session))
                    .count();
            Histogram h = histograms.get(session);
            assertEquals(stimulations, h == null ? 0 : h.getCount(), session + " latency values");
            if (h != null) {
                assertTrue(
                        h.getStatistics().getMin() >= 0,
                        session + ": min latency " + h.getStatistics().getMin() + " us");
            }
        }
        Map<String, Map<String, Long>> counters = sessionCounters(e.job());
        for (String session : List.of("a", "b")) {
            assertEquals(
                    (long) LIVE_SECONDS * RATE, counters.get(session).get("samplesIn"), session + " samplesIn (live)");
        }
    }

    /** Sum of each counter per session over all operators and subtasks of the job: session -> name -> count. */
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

    private static <T> void drain(
            CloseableIterator<T> it, List<T> into, List<Thread> drains, List<CloseableIterator<?>> all) {
        all.add(it);
        Thread t = new Thread(() -> it.forEachRemaining(into::add), "collect-drain");
        t.setDaemon(true);
        drains.add(t);
    }
}
