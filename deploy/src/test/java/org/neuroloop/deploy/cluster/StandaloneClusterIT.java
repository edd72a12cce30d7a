package org.neuroloop.deploy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.closedloop.output.OscMessage;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.FlinkSpec;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.job.JobEvents;
import org.neuroloop.deploy.job.LocalRun;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.deploy.config.OutputSpec;
import org.neuroloop.deploy.config.ReplayConfigs;
import org.neuroloop.deploy.config.SessionConfig;
import org.neuroloop.deploy.config.SessionConfigWriter;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The real thing: a standalone Flink session cluster (JobManager + 2 TaskManager processes from the packaged jars,
 * bound to 127.0.0.1), the shaded job jar submitted over REST, several recordings replayed as separate sessions
 * with stimulation sent as OSC/UDP datagrams to this test. One TaskManager is killed mid-job; the job must recover
 * from its checkpoint, and the datagrams received must be exactly the commands of an undisturbed run: none lost,
 * none twice.
 */
class StandaloneClusterIT {
    private static final List<Path> RECORDINGS = List.of(
            Path.of("../shared/data/mi/eegmmidb/S001R04.edf"),
            Path.of("../shared/data/mi/eegmmidb/S001R08.edf"),
            Path.of("../shared/data/mi/eegmmidb/S001R12.edf"));

    @TempDir
    Path work;
    private StandaloneCluster cluster;

    @AfterEach
    void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Path jobJar() throws IOException {
        Path target = Path.of(System.getProperty("neuroloop.build.dir", "deploy/target"));
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("neuroloop-deploy-.*-job\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no job jar in " + target + ": run through `mvn verify`"));
        }
    }

    /** The replay of {@link #RECORDINGS} with the spindle pipeline, checkpointed, sending OSC to {@code udpPort}. */
    private SessionConfig config(String speed, int udpPort, Path log) {
        SessionConfig base = ReplayConfigs.forReplay("spindles", RECORDINGS, null, speed);
        return new SessionConfig("cluster-it", base.sessions(), base.pipeline(), List.of(
                new OutputSpec(null, new OutputSpec.UdpOutput("127.0.0.1", udpPort, "/neuroloop/stim"), null, null, null),
                new OutputSpec(null, null, null, null, new OutputSpec.JsonlOutput(log.toString()))),
                new FlinkSpec(2, 0L, new FlinkSpec.CheckpointSpec(300L, work.resolve("checkpoints").toString()),
                        new FlinkSpec.RestartSpec("fixed-delay", 20, 500L)));
    }

    @Test
    void jobRecoversFromAKilledTaskManagerWithoutLosingOrRepeatingAStimulation() throws Exception {
        // Reference: the same replay, undisturbed, in this JVM at full speed.
        ResolvedConfig reference = new ConfigResolver("reference", work)
                .resolve(config("max", freePort(), work.resolve("reference.jsonl")));
        JobEvents expected = LocalRun.run(NeuroLoopJob.fromConfig(reference), LocalRun.environment(reference, false, 0),
                "reference");
        Set<String> expectedIds = expected.commands().stream().map(StimulationCommand::id).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Long> expectedPerSession = expected.commands().stream()
                .collect(Collectors.groupingBy(StimulationCommand::sessionId, Collectors.counting()));
        assertEquals(expected.commands().size(), expectedIds.size(), "command ids must be unique");
        assertEquals(RECORDINGS.size(), expectedPerSession.size(),
                "every session must stimulate at least once for the test to mean anything: " + expectedPerSession);

        String classpath = ClusterClasspath.fromLibDir(Path.of(System.getProperty("neuroloop.build.dir", "deploy/target"), "lib"));
        LoopbackClusterConfig cc = new LoopbackClusterConfig(freePort(), freePort(), 2, 2, work.resolve("cluster"));
        cluster = new StandaloneCluster(cc, classpath, Path.of("").toAbsolutePath());
        long t0 = System.nanoTime();
        cluster.start(Duration.ofSeconds(120));
        double startSeconds = (System.nanoTime() - t0) / 1e9;
        JsonNode overview = cluster.overview().orElseThrow();
        assertEquals(2, overview.path("taskmanagers").asInt());
        assertEquals(4, overview.path("slots-total").asInt());

        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(200);
            List<String> received = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean listening = new AtomicBoolean(true);
            Thread receiver = new Thread(() -> {
                byte[] buf = new byte[2048];
                while (listening.get()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(p);
                        received.add((String) OscMessage.decode(p.getData(), p.getLength()).arguments().get(0));
                    } catch (SocketTimeoutException e) {
                        // poll the flag
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "osc-receiver");
            receiver.start();

            // 125 s recordings at 8x real time: about 16 s of job, long enough to kill a TaskManager in the middle.
            Path configFile = work.resolve("cluster-it.yaml");
            SessionConfigWriter.write(config("8", socket.getLocalPort(), work.resolve("commands.jsonl")), configFile);
            RestJobSubmitter submitter = new RestJobSubmitter(cc.restUrl());
            long s0 = System.nanoTime();
            String jarId = submitter.upload(jobJar());
            String jobId = submitter.run(jarId, NeuroLoopJob.class.getName(), List.of("--config", configFile.toString()), null);
            double submitSeconds = (System.nanoTime() - s0) / 1e9;

            // Kill a TaskManager once a checkpoint has completed and some stimulation went out, well before the end.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && (completedCheckpoints(submitter, jobId) < 2
                    || received.size() < Math.max(1, expectedIds.size() / 4))) {
                Thread.sleep(100);
            }
            assertEquals("RUNNING", submitter.jobState(jobId), "job must still be running when the TaskManager dies");
            int beforeKill = received.size();
            assertTrue(beforeKill < expectedIds.size(), "the kill must happen mid-job (" + beforeKill + " of " + expectedIds.size() + ")");
            long k0 = System.nanoTime();
            cluster.killTaskManager(1);

            String state = "";
            long end = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (System.nanoTime() < end) {
                state = submitter.jobState(jobId);
                if (Set.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
                    break;
                }
                Thread.sleep(250);
            }
            double recoverSeconds = (System.nanoTime() - k0) / 1e9;
            Thread.sleep(500); // last datagrams in flight on loopback
            listening.set(false);
            receiver.join();
            assertEquals("FINISHED", state, "the job must finish after the TaskManager loss");

            JsonNode checkpoints = submitter.checkpoints(jobId);
            JsonNode restored = checkpoints.path("latest").path("restored");
            JsonNode exceptions = submitter.exceptions(jobId);
            System.out.printf("cluster IT: start %.1f s, submit %.1f s, kill after %d datagrams, end %.1f s after the kill%n",
                    startSeconds, submitSeconds, beforeKill, recoverSeconds);
            assertFalse(exceptions.path("exceptionHistory").path("entries").isEmpty(),
                    "the TaskManager loss must show in the job's exception history: " + exceptions);
            assertFalse(restored.isMissingNode() || restored.isNull(), "the job must have restored from a checkpoint: " + checkpoints);

            Map<String, Integer> counts = new HashMap<>();
            received.forEach(id -> counts.merge(id, 1, Integer::sum));
            List<String> duplicated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            assertTrue(duplicated.isEmpty(), "stimulations sent twice: " + duplicated);
            assertEquals(expectedIds, new TreeSet<>(received), "stimulations lost or invented by the failure");
            System.out.printf("cluster IT: start %.1f s, submit %.1f s, %d/%d stimulations before the kill, "
                            + "recovered and finished %.1f s after it, restored checkpoint %s%n", startSeconds, submitSeconds,
                    beforeKill, expectedIds.size(), recoverSeconds, restored.path("id").asText());
        }
    }

    private static int completedCheckpoints(RestJobSubmitter submitter, String jobId) {
        try {
            return submitter.checkpoints(jobId).path("counts").path("completed").asInt();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
