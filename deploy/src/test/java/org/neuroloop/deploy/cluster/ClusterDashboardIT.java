package org.neuroloop.deploy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.dashboard.Dashboard;
import org.neuroloop.deploy.dashboard.DashboardWiring;
import org.neuroloop.deploy.dashboard.MonitoredJob;

/**
 * The dashboard of a job on a real standalone cluster ({@link SharedLoopbackCluster}), as
 * {@code neuroloop submit --dashboard} runs it: the dashboard is served by this JVM, the job ({@link MonitoredJob}
 * from the shaded job jar) runs in a TaskManager process and feeds it over loopback and reads the dashboard's control
 * stream. Five seconds into the real-time synthetic
 * session, before the detector's baseline is complete, the dashboard disarms it (refused with 403 without the run's
 * token): when the job has finished, {@code /api/sessions} holds every sample and chunk the session produced and the
 * spindles the job detected, and not one stimulation.
 */
@ExtendWith(SharedLoopbackCluster.class)
class ClusterDashboardIT {
    static final int RATE = 250;
    static final int SECONDS = 25;
    static final int CHUNK = 10;

    /** Seed 122 plants spindles at 15.8, 18.2 and 22.2 s, after the detector's 10 s baseline. */
    static final String YAML = """
            name: cluster-dashboard
            sessions:
              - id: night1
                synthetic: {scenario: spindles, labels: [C3, C4, Cz, Fz], rate: %d, seconds: %d, seed: 122,
                            chunkSamples: %d, speed: realtime}
            pipeline:
              filters: [{type: highpass, low: 0.3, order: 2}]
              detector: {type: spindles, channel: C3}
              policy: {action: pulse, refractorySeconds: 2.0, maxPerMinute: 20, sessionBudget: 500}
            flink: {parallelism: 1, bufferTimeoutMs: 0}
            """.formatted(RATE, SECONDS, CHUNK);

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void dashboardServedHereShowsTheClusterJobAndControlsIt(SharedLoopbackCluster.Running shared) throws Exception {
        Path yaml = work.resolve("cluster-dashboard.yaml");
        Files.writeString(yaml, YAML);
        ResolvedConfig config = ConfigResolver.load(yaml);
        RestJobSubmitter submitter = shared.submitter();
        String jarId = shared.jarId();
        try (Dashboard dashboard = Dashboard.start(config, 0)) {
            DashboardWiring wiring = dashboard.wiring();
            assertNotNull(wiring.controlStream(), "a real-time session has the dashboard's control");
            List<String> args = new ArrayList<>(
                    List.of("--config", yaml.toString(), "--monitor-port", Integer.toString(wiring.monitorPort())));
            args.addAll(List.of("--control-stream", wiring.controlStream()));
            String jobId = submitter.run(jarId, MonitoredJob.class.getName(), args, null);
            String base = "http://127.0.0.1:" + dashboard.port() + "/";

            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (api(base).path("samples").asLong() < 5L * RATE) {
                assertTrue(System.nanoTime() < deadline, "the cluster job did not feed the dashboard 5 s of samples");
                assertEquals("RUNNING", running(submitter, jobId), "the job ended before feeding the dashboard");
                Thread.sleep(200);
            }
            assertEquals(403, control(base, null).statusCode(), "control without the token");
            HttpResponse<String> disarmed = control(base, dashboard.token());
            assertEquals(200, disarmed.statusCode(), disarmed.body());

            String state;
            do {
                Thread.sleep(500);
                state = submitter.jobState(jobId);
                assertTrue(System.nanoTime() < deadline, "the job did not finish: " + state);
            } while (!List.of("FINISHED", "FAILED", "CANCELED").contains(state));
            assertEquals("FINISHED", state, submitter.exceptions(jobId).toString());
            while (api(base).path("samples").asLong() < (long) SECONDS * RATE) {
                assertTrue(System.nanoTime() < deadline, "last counts never arrived: " + api(base));
                Thread.sleep(200);
            }
            JsonNode s = api(base);
            System.out.println("cluster job on the dashboard: " + s);
            assertEquals("night1", s.path("id").asText());
            assertEquals((long) SECONDS * RATE, s.path("samples").asLong(), s.toString());
            assertEquals((long) SECONDS * RATE / CHUNK, s.path("chunks").asLong(), s.toString());
            assertTrue(s.path("detections").asLong() >= 1, "the planted spindles were detected: " + s);
            assertEquals(0, s.path("stimulations").asLong(), "stimulations after the disarm: " + s);
            assertTrue(!s.path("armed").asBoolean(), s.toString());
        }
    }

    private static String running(RestJobSubmitter submitter, String jobId) throws Exception {
        String state = submitter.jobState(jobId);
        return List.of("CREATED", "INITIALIZING", "RUNNING").contains(state) ? "RUNNING" : state;
    }

    private HttpResponse<String> control(String base, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "api/control?session=night1&action=disarm"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("X-NeuroLoop-Token", token); // the header the page sends
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode api(String base) throws Exception {
        String body = http.send(
                        HttpRequest.newBuilder(URI.create(base + "api/sessions"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return new ObjectMapper().readTree(body).get(0);
    }
}
