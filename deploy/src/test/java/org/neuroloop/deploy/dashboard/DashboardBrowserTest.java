package org.neuroloop.deploy.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobID;
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
import org.neuroloop.deploy.browser.HeadlessChromium;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.deploy.job.ConfiguredOutputs;
import org.neuroloop.deploy.job.ConfiguredSources;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.deploy.job.SessionStreams;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The dashboard in real headless Chromium while a synthetic spindle session runs in real time on a MiniCluster:
 * the page loads without console errors, its traces move, its counters equal {@code /api/sessions}, which equals
 * the job's Flink metrics (read through a metric reporter), and its emergency-stop button, which sends the run's
 * token, stops stimulation while the detector keeps finding spindles; a control request without the token is
 * refused with 403 and changes nothing.
 */
class DashboardBrowserTest {
    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final String YAML = """
            name: dashboard-test
            sessions:
              - id: night1
                synthetic: {scenario: spindles, labels: [C3, C4, Cz, Fz], rate: %d, seconds: %d, seed: 122,
                            chunkSamples: 10, speed: realtime}
            pipeline:
              filters: [{type: highpass, low: 0.3, order: 2}]
              detector: {type: spindles, channel: C3}
              policy: {action: pulse, refractorySeconds: 2.0, maxPerMinute: 20, sessionBudget: 500}
            flink: {parallelism: 1, bufferTimeoutMs: 0}
            """.formatted(DashboardBrowserTest.RATE, DashboardBrowserTest.SECONDS);
    /**
     * Seed 122 plants spindles at 3.8, 9.4, 15.8, 18.2, 22.2, 26.7, 29.9, 32.8, 39.7 s and on; the detector's baseline
     * needs its first 10 s, so a first stimulation comes at 15.8 s and spindles follow the stop even when a loaded
     * machine delays the page's stop by 20 s (the session runs in real time: 45 s keep that margin, 60 s only added
     * more of the same spindles).
     */
    static final int SECONDS = 45;

    static final int RATE = 250;

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pageShowsTheRunningSessionAndItsTokenStopsStimulation() throws Exception {
        String chromium = HeadlessChromium.binary();
        assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium); .ci/run installs it");
        ResolvedConfig config = new ConfigResolver("dashboard.yaml", Path.of("."))
                .resolve(SessionConfigLoader.parse(YAML, "dashboard.yaml"));
        try (Dashboard dashboard = Dashboard.start(config, 0);
                HeadlessChromium browser = new HeadlessChromium(chromium)) {
            NeuroLoopJob job =
                    dashboard.wiring().job(config, ConfiguredSources.of(config), ConfiguredOutputs.of(config));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            job.configure(env);
            SessionStreams streams = job.build(env);
            List<StimulationCommand> commands = new ArrayList<>();
            List<DetectedEvent> events = new ArrayList<>();
            CloseableIterator<StimulationCommand> ci = streams.commands().collectAsync();
            CloseableIterator<DetectedEvent> ei = streams.events().collectAsync();
            String base = "http://127.0.0.1:" + dashboard.port() + "/";
            browser.navigate(dashboard.url()); // before the job starts: the page waits for the session
            await(() -> !text(browser, "c-samples").isEmpty(), 60, "the page to load");
            JobClient client = env.executeAsync("dashboard-test");
            drain(ci, commands);
            drain(ei, events);

            await(() -> api(base).path("stimulations").asLong() >= 1 || ended(client), 120, "a first stimulation");
            if (api(base).path("stimulations").asLong() == 0) {
                client.getJobExecutionResult().get(); // the job's failure, if it failed
                throw new AssertionError("the job ended without a stimulation; detections: "
                        + api(base).path("detections").asLong());
            }

            // without the token: refused, nothing changes
            HttpResponse<String> refused = http.send(
                    HttpRequest.newBuilder(URI.create(base + "api/control?session=night1&action=stop"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, refused.statusCode(), refused.body());
            HttpResponse<String> wrong = http.send(
                    HttpRequest.newBuilder(URI.create(base + "api/control?session=night1&action=stop"))
                            .header(DashboardServer.TOKEN_HEADER, "0".repeat(32))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, wrong.statusCode(), wrong.body());
            assertTrue(api(base).path("armed").asBoolean(), "a refused stop disarmed the session");

            // the page's emergency stop, with the token it read from its address
            browser.evaluate("document.getElementById('stop').click()");
            await(() -> text(browser, "control-status").equals("stop sent"), 30, "the page's stop to be accepted");
            // the stop acts in the job's order of data, which may lag the wall clock on a busy machine: it holds from
            // the newest sample the job had processed (as the feed reported, at most 0.1 s old) plus the marker's hop
            double stoppedAt = api(base).path("last_sample_time").asDouble() + 0.3;
            byte[] first = browser.screenshot();
            Thread.sleep(1000);
            byte[] second = browser.screenshot();
            assertFalse(Arrays.equals(first, second), "the traces do not move");
            Files.write(Path.of("deploy", "target", "dashboard.png"), second);
            // the bounded session ends the job; the feed sends its last counts as it finishes
            client.getJobExecutionResult().get(120, TimeUnit.SECONDS);
            await(() -> api(base).path("samples").asLong() == SECONDS * RATE, 30, "the session's last sample");

            List<StimulationCommand> commandsSeen;
            List<DetectedEvent> eventsSeen;
            synchronized (commands) {
                commandsSeen = List.copyOf(commands);
            }
            synchronized (events) {
                eventsSeen = List.copyOf(events);
            }
            long after = commandsSeen.stream()
                    .filter(c -> c.causeTimestamp() > stoppedAt)
                    .count();
            long spindlesAfter = eventsSeen.stream()
                    .filter(e -> e.kind().equals("spindle-onset")
                            && e.firedAt()
                                    > stoppedAt + config.pipeline().policy().refractorySeconds())
                    .count();
            assertTrue(
                    spindlesAfter >= 1,
                    "the test needs spindles detected after the stop (LSL time " + stoppedAt + "): "
                            + eventsSeen.stream()
                                    .map(e -> e.kind() + "@" + e.firedAt())
                                    .toList());
            assertEquals(0, after, "stimulations after the emergency stop; spindles after it: " + spindlesAfter);

            JsonNode api = api(base);
            Map<String, Long> metrics = sessionCounters(client.getJobID(), "night1");
            assertEquals(metrics.get("samplesIn"), api.path("samples").asLong(), "samples");
            assertEquals(metrics.get("chunksIn"), api.path("chunks").asLong(), "chunks");
            assertEquals(
                    metrics.getOrDefault("chunksFlagged", 0L),
                    api.path("flagged_chunks").asLong(),
                    "flagged");
            assertEquals(
                    metrics.getOrDefault("detections", 0L),
                    api.path("detections").asLong(),
                    "detections");
            assertEquals(
                    metrics.getOrDefault("stimulations", 0L),
                    api.path("stimulations").asLong(),
                    "stimulations");
            assertEquals(commandsSeen.size(), api.path("stimulations").asLong(), "stimulations emitted");
            assertFalse(api.path("armed").asBoolean(), "armed after the stop");
            Histogram latency = latencyHistogram(client.getJobID(), "night1");
            // the job measures when a command leaves the policy, the dashboard's sink after it in the same chain (after
            // the other sinks of the command stream): each dashboard value is the job's plus that hop, so its
            // percentiles are never below the job's (they are not equal: see the README)
            for (double q : new double[] {0.5, 0.99}) {
                double measured = latency.getStatistics().getQuantile(q);
                double shown =
                        api.path(q == 0.5 ? "latency_p50_ms" : "latency_p99_ms").asDouble() * 1000;
                assertTrue(shown >= measured, "latency q" + q + ": job " + measured + " us, dashboard " + shown);
            }
            String[] keys = {"samples", "chunks", "flagged_chunks", "detections", "stimulations", "budget_left"};
            String[] expected = new String[keys.length];
            for (int k = 0; k < keys.length; k++) {
                expected[k] = api.path(keys[k]).asText();
            }
            await(() -> Arrays.equals(expected, pageCounters(browser, keys)), 10, "the page's next poll");
            assertArrayEquals(expected, pageCounters(browser, keys), "page counters vs /api/sessions");
            assertEquals("STOPPED", text(browser, "c-armed"));
            assertEquals(
                    String.format("%.3f", api.path("latency_p99_ms").asDouble()), text(browser, "c-latency_p99_ms"));
            assertEquals(List.of(), browser.errors(), "console errors of the page");
        }
    }

    private static boolean ended(JobClient client) {
        try {
            return client.getJobStatus().get().isGloballyTerminalState();
        } catch (Exception e) {
            return true;
        }
    }

    private static String[] pageCounters(HeadlessChromium browser, String[] keys) {
        String[] page = new String[keys.length];
        for (int k = 0; k < keys.length; k++) {
            page[k] = text(browser, "c-" + keys[k]);
        }
        return page;
    }

    private JsonNode api(String base) {
        try {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(base + "api/sessions"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return json.readTree(body).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(HeadlessChromium browser, String id) {
        try {
            // '' until the page has loaded
            return browser.evaluate("(document.getElementById('" + id + "') || {}).textContent || ''")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + seconds + " s for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static <T> Thread drain(CloseableIterator<T> it, List<T> into) {
        Thread t = new Thread(
                () -> it.forEachRemaining(x -> {
                    synchronized (into) {
                        into.add(x);
                    }
                }),
                "collect-drain");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A session's counters summed over all operators and subtasks of the job. */
    static Map<String, Long> sessionCounters(JobID job, String session) {
        Map<String, Long> out = new HashMap<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> g :
                REPORTER.getMetricsByGroup().entrySet()) {
            Map<String, String> vars = g.getKey().getAllVariables();
            if (session.equals(vars.get("<session>")) && job.toString().equals(vars.get("<job_id>"))) {
                for (Map.Entry<String, Metric> m : g.getValue().entrySet()) {
                    if (m.getValue() instanceof Counter c) {
                        out.merge(m.getKey(), c.getCount(), Long::sum);
                    }
                }
            }
        }
        return out;
    }

    static Histogram latencyHistogram(JobID job, String session) {
        for (Map.Entry<MetricGroup, Map<String, Metric>> g :
                REPORTER.getMetricsByGroup().entrySet()) {
            Map<String, String> vars = g.getKey().getAllVariables();
            if (session.equals(vars.get("<session>"))
                    && job.toString().equals(vars.get("<job_id>"))
                    && g.getValue().get("latencyMicros") instanceof Histogram h) {
                return h;
            }
        }
        throw new AssertionError("no latency histogram of " + session);
    }
}
