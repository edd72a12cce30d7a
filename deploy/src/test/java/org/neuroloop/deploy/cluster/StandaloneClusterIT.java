package org.neuroloop.deploy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.deploy.cluster.SharedLoopbackCluster.freePort;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.classifiers.deep.TrainingProgress;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvConfig;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.deep.simpleconv.SubjectTrials;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.ClassLabels;
import org.neuroloop.classifiers.mi.EpochWindow;
import org.neuroloop.classifiers.mi.MotorImageryEpochs;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.FlinkSpec;
import org.neuroloop.deploy.config.OutputSpec;
import org.neuroloop.deploy.config.PipelineSpec;
import org.neuroloop.deploy.config.ReplayConfigs;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfig;
import org.neuroloop.deploy.config.SessionConfigWriter;
import org.neuroloop.deploy.job.JobEvents;
import org.neuroloop.deploy.job.LocalRun;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.deploy.job.OscReceiver;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.ingest.recording.EdfReader;

/**
 * Chaos on the real thing: a standalone Flink session cluster (JobManager + 2 TaskManager processes from the packaged
 * jars, bound to 127.0.0.1, {@link SharedLoopbackCluster}), the shaded job jar submitted over REST, three recordings
 * replayed as separate sessions with stimulation sent to two OSC/UDP outputs (no {@code jsonl} output). During each
 * replay a random TaskManager is killed (SIGKILL) at a random moment, several times, and replaced by a new process;
 * after every kill the job must restore its checkpoint, and each output must receive exactly the commands of an
 * undisturbed run: none lost, none twice.
 *
 * <p>On the same cluster afterwards, a deep model: simpleconv from a session YAML, PyTorch on the TaskManagers'
 * classpath, decides exactly as the same config run locally (the model trains in this JVM during the chaos run).
 *
 * <p>CI runs one replay with {@value #CI_KILLS} kills. A longer campaign:
 * {@code -Dneuroloop.chaos.runs=10 -Dneuroloop.chaos.kills=3 -Dneuroloop.chaos.speed=2}, optionally
 * {@code -Dneuroloop.chaos.seed=N} to repeat one.
 */
@ExtendWith(SharedLoopbackCluster.class)
class StandaloneClusterIT {
    static final int CI_KILLS = 2;
    static final Band MI_BAND = new Band(8, 30);
    static final EpochWindow MI_WINDOW = new EpochWindow(0.5, 2.5);
    private static final int RUNS = Integer.getInteger("neuroloop.chaos.runs", 1);
    private static final int KILLS = Integer.getInteger("neuroloop.chaos.kills", CI_KILLS);
    private static final String SPEED = System.getProperty("neuroloop.chaos.speed", "4");
    private static final long SEED = Long.getLong("neuroloop.chaos.seed", System.nanoTime());
    private static final String DEEP_MODEL = "s001-simpleconv.model";
    private static final List<Path> RECORDINGS = List.of(
            Path.of("../shared/data/mi/eegmmidb/S001R04.edf"),
            Path.of("../shared/data/mi/eegmmidb/S001R08.edf"),
            Path.of("../shared/data/mi/eegmmidb/S001R12.edf"));

    @TempDir
    Path work;

    /** The replay of {@link #RECORDINGS} with the spindle pipeline, checkpointed, sending OSC to two ports. */
    private SessionConfig config(String speed, int portA, int portB) {
        SessionConfig base = ReplayConfigs.forReplay("spindles", RECORDINGS, null, speed);
        return new SessionConfig(
                "cluster-it",
                base.sessions(),
                base.pipeline(),
                List.of(
                        new OutputSpec(
                                null,
                                new OutputSpec.UdpOutput("127.0.0.1", portA, "/neuroloop/stim"),
                                null,
                                null,
                                null,
                                null),
                        new OutputSpec(
                                null,
                                new OutputSpec.UdpOutput("127.0.0.1", portB, "/neuroloop/stim"),
                                null,
                                null,
                                null,
                                null)),
                new FlinkSpec(
                        2,
                        0L,
                        new FlinkSpec.CheckpointSpec(
                                300L, work.resolve("checkpoints").toString()),
                        new FlinkSpec.RestartSpec("fixed-delay", 100, 500L)));
    }

    @Test
    void everyKillOfARandomTaskManagerLeavesEachOutputWithTheUndisturbedCommandsOnce(
            SharedLoopbackCluster.Running shared) throws Exception {
        // Reference: the same replay, undisturbed, in this JVM at full speed.
        ResolvedConfig reference = new ConfigResolver("reference", work).resolve(config("max", freePort(), freePort()));
        JobEvents expected = LocalRun.run(
                NeuroLoopJob.fromConfig(reference), LocalRun.environment(reference, false, 0), "reference");
        Set<String> expectedIds =
                expected.commands().stream().map(StimulationCommand::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected.commands().size(), expectedIds.size(), "command ids must be unique");
        assertEquals(
                RECORDINGS.size(),
                expected.commands().stream()
                        .map(StimulationCommand::sessionId)
                        .distinct()
                        .count(),
                "every session must stimulate at least once for the test to mean anything");

        // One slot per TaskManager at parallelism 2: the job occupies both, so every kill hits a running task. With
        // two slots each, a restore could put both subtasks on the survivor, and killing the idle replacement next
        // would cause no failover at all.
        StandaloneCluster cluster = shared.cluster();
        assertEquals(2, cluster.config().taskManagers());
        assertEquals(1, cluster.config().slotsPerTaskManager());
        RestJobSubmitter submitter = shared.submitter();
        String jarId = shared.jarId();
        Random random = new Random(SEED);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            // the deep model trains and decides locally in this JVM while the chaos replays run in the cluster's
            // processes, which mostly wait for the replay's pace
            Future<Set<String>> deepExpected = background.submit(this::deepReference);
            System.out.printf(
                    "chaos: seed %d, %d run(s) x %d kill(s), speed %s, %d commands expected per output%n",
                    SEED, RUNS, KILLS, SPEED, expectedIds.size());
            int kills = 0;
            for (int run = 1; run <= RUNS; run++) {
                kills += runWithKills(run, cluster, submitter, jarId, random, expectedIds);
            }
            System.out.printf(
                    "chaos: %d run(s), %d kill(s), every output received the %d expected ids once each time%n",
                    RUNS, kills, expectedIds.size());
            // on the same cluster (cheaper than starting another): a deep model loaded by the TaskManagers
            deepDecoderDecidesAsLocally(submitter, jarId, resultOf(deepExpected));
        } finally {
            background.shutdownNow();
        }
    }

    /**
     * simpleconv from a session YAML on the TaskManagers, PyTorch coming from their classpath (not the job jar): a
     * small network pretrained on S006R04 and fine-tuned on S001R04 decodes S001R08 replayed at full speed; the
     * stimulations on its OSC output are exactly those of the same config run locally. (The network has the default
     * size: a smaller one trained this briefly tends to one class and would never cross the policy's threshold.)
     *
     * @param expected the stimulation ids of the local run ({@link #deepReference})
     */
    private void deepDecoderDecidesAsLocally(RestJobSubmitter submitter, String jarId, Set<String> expected)
            throws Exception {
        Path model = work.resolve(DEEP_MODEL);
        OscReceiver osc = new OscReceiver(null);
        Path configFile = work.resolve("cluster-it-simpleconv.yaml");
        SessionConfigWriter.write(deepConfig(model, osc.port()), configFile);
        long t0 = System.nanoTime();
        String jobId =
                submitter.run(jarId, NeuroLoopJob.class.getName(), List.of("--config", configFile.toString()), null);
        String state = "";
        long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < end
                && !Set.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
            Thread.sleep(250);
            state = submitter.jobState(jobId);
        }
        osc.close(500);
        assertEquals("FINISHED", state, "the simpleconv job on the cluster");
        assertEquals(expected, new TreeSet<>(osc.ids()), "the cluster's stimulations equal the local run's");
        assertEquals(expected.size(), osc.ids().size(), "each stimulation once");
        System.out.printf(
                "simpleconv on the cluster: %d stimulations as locally, %.1f s%n",
                expected.size(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Trains the network of {@link #deepDecoderDecidesAsLocally} (pretrained on S006R04, fine-tuned on S001R04) into
     * {@link #DEEP_MODEL} and runs its config locally: the stimulation ids the cluster must reproduce.
     */
    private Set<String> deepReference() throws Exception {
        Path model = work.resolve(DEEP_MODEL);
        SimpleConvModel pre = SimpleConvModel.pretrain(
                SimpleConvConfig.DEFAULT.withSchedule(10, 10),
                List.of(subject("S006", "S006R04.edf")),
                MI_BAND,
                MI_WINDOW,
                TrainingProgress.SILENT);
        SubjectTrials s001 = subject("S001", "S001R04.edf");
        pre.fineTune(s001.aligned(), s001.trials().labels(), s001.alignment(), TrainingProgress.SILENT)
                .save(model);

        ResolvedConfig local = new ConfigResolver("reference", work).resolve(deepConfig(model, freePort()));
        Set<String> expected = LocalRun.run(
                        NeuroLoopJob.fromConfig(local), LocalRun.environment(local, false, 0), "deep-reference")
                .commands()
                .stream()
                .map(StimulationCommand::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(expected.size() >= 3, "the decoder must stimulate for the test to mean anything: " + expected);
        return expected;
    }

    /** The task's result; its own failure (an assertion, say) rethrown as it was. */
    private static <T> T resultOf(Future<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static SubjectTrials subject(String name, String file) throws IOException {
        Path f = Path.of("../shared/data/mi/eegmmidb", file);
        return SubjectTrials.of(
                name,
                MotorImageryEpochs.extract(
                        List.of(EdfReader.read(f)),
                        List.of(file),
                        ClassLabels.parse("T1=left,T2=right"),
                        MI_WINDOW,
                        MI_BAND));
    }

    /** S001R08 replayed at full speed through simpleconv ({@code model}), stimulation to OSC on {@code port}. */
    private SessionConfig deepConfig(Path model, int port) {
        SessionConfig base = ReplayConfigs.forReplay("mi", List.of(RECORDINGS.get(1)), model, "max");
        PipelineSpec p = base.pipeline();
        PipelineSpec pipeline = new PipelineSpec(
                new PipelineSpec.QualitySpec(null, null, 0.0, null, null, null, null),
                List.of(),
                null,
                null,
                new PipelineSpec.ClassifierSpec("simpleconv", model.toString(), 0.1, 1, null),
                null,
                new PipelineSpec.PolicySpec(
                        "feedback-right", 0.5, 0.5, 1, 0.0, 100000, 1000000, null, null, null, null, null, "none"));
        return new SessionConfig(
                "cluster-it-simpleconv",
                base.sessions(),
                pipeline,
                List.of(new OutputSpec(
                        null, new OutputSpec.UdpOutput("127.0.0.1", port, "/neuroloop/stim"), null, null, null, null)),
                new FlinkSpec(1, 0L, null, new FlinkSpec.RestartSpec("none", 0, 0L)));
    }

    /** One replay with {@link #KILLS} kills; returns how many kills it made. */
    private int runWithKills(
            int run,
            StandaloneCluster cluster,
            RestJobSubmitter submitter,
            String jarId,
            Random random,
            Set<String> expectedIds)
            throws Exception {
        OscReceiver a = new OscReceiver(null);
        OscReceiver b = new OscReceiver(null);
        List<String> moments = new ArrayList<>();
        Path configFile = work.resolve("cluster-it-" + run + ".yaml");
        SessionConfigWriter.write(config(SPEED, a.port(), b.port()), configFile);
        String jobId =
                submitter.run(jarId, NeuroLoopJob.class.getName(), List.of("--config", configFile.toString()), null);
        long t0 = System.nanoTime();
        int restored = 0;
        for (int k = 0; k < KILLS; k++) {
            // a checkpoint since the last restore, then a random moment within the next 2 s
            int completedBefore = checkpointCount(submitter, jobId, "completed");
            waitUntil(() -> checkpointCount(submitter, jobId, "completed") > completedBefore, 60, "a checkpoint");
            Thread.sleep(random.nextInt(2000));
            assertEquals(
                    "RUNNING",
                    submitter.jobState(jobId),
                    "run " + run + ": the job ended before kill " + (k + 1) + " (" + a.count() + " of "
                            + expectedIds.size() + " received); slow the replay (-Dneuroloop.chaos.speed)");
            int tm = random.nextInt(2);
            moments.add(String.format("TM%d@%.1fs/%d", tm, (System.nanoTime() - t0) / 1e9, a.count()));
            cluster.replaceTaskManager(tm);
            String restoredBefore = lastRestore(submitter, jobId);
            waitUntil(() -> !lastRestore(submitter, jobId).equals(restoredBefore), 90, "restore after kill " + (k + 1));
            restored++;
        }
        String state = "";
        long end = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < end) {
            state = submitter.jobState(jobId);
            if (Set.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
                break;
            }
            Thread.sleep(250);
        }
        a.close(500);
        b.close();
        assertEquals("FINISHED", state, "run " + run + ": the job must finish after the kills");
        System.out.printf(
                "chaos run %d: kills (TaskManager@time/ids received) %s, %d restores, %.1f s%n",
                run, moments, restored, (System.nanoTime() - t0) / 1e9);
        for (OscReceiver r : List.of(a, b)) {
            List<String> received = r.ids();
            Map<String, Integer> counts = new HashMap<>();
            received.forEach(id -> counts.merge(id, 1, Integer::sum));
            List<String> twice = counts.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .toList();
            assertTrue(
                    twice.isEmpty(),
                    "run " + run + ", output port " + r.port() + ": stimulations sent twice: " + twice);
            assertEquals(
                    expectedIds,
                    new TreeSet<>(received),
                    "run " + run + ", output port " + r.port() + ": stimulations lost or invented by the kills "
                            + moments);
        }
        return moments.size();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Condition c, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!c.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    /** When the job last restored a checkpoint (REST {@code latest.restored}), or "" if it never did. */
    private static String lastRestore(RestJobSubmitter submitter, String jobId) {
        try {
            JsonNode r = submitter.checkpoints(jobId).path("latest").path("restored");
            return r.isMissingNode() || r.isNull()
                    ? ""
                    : r.path("id").asText() + "@" + r.path("restore_timestamp").asText();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int checkpointCount(RestJobSubmitter submitter, String jobId, String which) {
        try {
            JsonNode counts = submitter.checkpoints(jobId).path("counts");
            return counts.path(which).asInt();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
