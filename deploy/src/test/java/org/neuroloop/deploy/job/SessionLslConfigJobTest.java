package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamInlet;
import org.neuroloop.lsl4j.StreamOutlet;
import org.neuroloop.lsl4j.StreamResolver;

/**
 * {@code lsl: {config: FILE}} in a session YAML reaches the job's LSL endpoints: the file (next to the YAML, named
 * relatively) moves the ports to 17840..17847, the discovery port to 17839 and the session to its own
 * {@code SessionID}, all on 127.0.0.1. The job's source finds and reads an outlet that exists only under those
 * settings, and its LSL marker output is found under them, on a port of that range, and not under this process's
 * own settings (the repository's {@code lsl_api.cfg}).
 */
class SessionLslConfigJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final int RATE = 250;

    @Test
    void theJobsSourceAndOutputUseTheSessionsLslConfig(@TempDir Path dir) throws Exception {
        String tag = ProcessHandle.current().pid() + "-" + System.nanoTime();
        Files.writeString(dir.resolve("lab_lsl_api.cfg"), """
                [ports]
                BasePort = 17840
                PortRange = 8
                MulticastPort = 17839
                IPv6 = disable
                [multicast]
                ResolveScope = machine
                [lab]
                KnownPeers = {127.0.0.1}
                SessionID = nl-lslcfg-%s
                """.formatted(tag));
        String eeg = "nl-lslcfg-eeg-" + tag;
        String stim = "nl-lslcfg-stim-" + tag;
        Path yaml = dir.resolve("session.yaml");
        Files.writeString(yaml, """
                name: lsl-config
                lsl: {config: lab_lsl_api.cfg}
                sessions:
                  - id: live
                    lsl: {name: %s}
                pipeline:
                  detector: {type: threshold, channels: ["0"], measure: amplitude, on: 150, off: 75}
                  policy: {action: pulse, refractorySeconds: 0.5, maxPerMinute: 200, sessionBudget: 1000}
                outputs:
                  - lsl: {name: %s}
                flink: {parallelism: 1, bufferTimeoutMs: 0}
                """.formatted(eeg, stim));
        ResolvedConfig config = ConfigResolver.load(yaml);
        assertEquals(
                dir.resolve("lab_lsl_api.cfg").toAbsolutePath().toString(),
                config.lslConfig().path());
        LslConfig lab = config.lslConfig().config();

        NeuroLoopJob job = NeuroLoopJob.fromConfig(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        job.build(env);
        try (StreamInfo info = StreamInfo.create(eeg, "EEG", 1, RATE, ChannelFormat.FLOAT32, eeg);
                StreamOutlet outlet = new StreamOutlet(info, 0, 30, lab)) {
            assertPortInLabRange(outlet.info(), "the test's EEG outlet");
            JobClient client = env.executeAsync("lsl-config");
            AtomicBoolean stop = new AtomicBoolean();
            Thread amplifier = new Thread(() -> play(outlet, stop), "amplifier");
            amplifier.setDaemon(true);
            try {
                assertTrue(
                        outlet.waitForConsumers(60),
                        "the job's source never connected to an outlet that only the "
                                + "session's lsl.config reaches");
                amplifier.start();
                List<StreamInfo> found = StreamResolver.resolveByProp(lab, "name", stim, 1, 30);
                assertEquals(1, found.size(), "the job's marker output under the session's lsl.config");
                assertPortInLabRange(found.get(0), "the job's marker output");
                try (StreamInlet markers = new StreamInlet(found.get(0), 30, 0, false, StreamInlet.PROC_NONE, lab)) {
                    String[] marker = new String[1];
                    double t = markers.pullSample(marker, 30);
                    assertTrue(t > 0 && marker[0].contains("\"sessionId\":\"live\""), "a command marker: " + marker[0]);
                }
                assertTrue(
                        StreamResolver.resolveByProp("name", stim, 1, 1.5).isEmpty(),
                        "the marker output must not answer under this process's own LSL settings");
            } finally {
                stop.set(true);
                client.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertPortInLabRange(StreamInfo info, String what) {
        int port = info.v4dataPort();
        assertTrue(port >= 17840 && port <= 17847, what + " listens on " + port + ", outside the lsl.config's range");
    }

    /** 10 Hz at 200 µV for 0.2 s of every second (the threshold detector fires), else 20 µV, in real time. */
    private static void play(StreamOutlet out, AtomicBoolean stop) {
        long k = 0;
        long start = System.nanoTime();
        float[] chunk = new float[5];
        while (!stop.get()) {
            for (int i = 0; i < chunk.length; i++, k++) {
                double amp = k % RATE < RATE / 5 ? 200 : 20;
                chunk[i] = (float) (amp * Math.sin(2 * Math.PI * 10 * k / RATE));
            }
            out.pushChunk(chunk, 0.0);
            long due = start + k * 1_000_000_000L / RATE;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
