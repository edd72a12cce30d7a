package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neuroloop.closedloop.policy.ControlAction;
import org.neuroloop.closedloop.policy.ControlMarkers;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.deploy.registry.Detectors;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamOutlet;

/**
 * A live job of two sessions: "b" is synthetic sleep EEG paced in real time (spindles, stimulated), "a" is an LSL
 * session whose marker stream is a real liblsl outlet used as the control channel. {@code stop@b} sent on a's
 * stream must stop b's stimulation: the deployed job routes {@code action@session} control markers to the session
 * they name, not to the stream's own session. The test waits until b's detector has decided another spindle
 * after the stop, so a session that merely fell quiet cannot pass it.
 */
class ControlRoutingJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void stopAddressedToAnotherSessionStopsThatSession() throws Exception {
        String tag = ProcessHandle.current().pid() + "-" + System.nanoTime();
        String control = "nl-control-" + tag;
        String yaml = """
                name: control-routing
                sessions:
                  - id: a
                    lsl: {name: nl-no-eeg-%1$s, markers: %2$s}
                  - id: b
                    synthetic: {scenario: spindles, labels: [C3, C4, Cz, Fz], rate: 250, seconds: 0, seed: 8, speed: realtime}
                pipeline:
                  filters: [{type: highpass, low: 0.3, order: 2}]
                  detector: {type: spindles, channel: "0"}
                  policy: {action: pulse, refractorySeconds: 1.0, maxPerMinute: 60, sessionBudget: 500}
                flink: {parallelism: 1, bufferTimeoutMs: 0}
                """.formatted(tag, control);
        ConfigResolver v = new ConfigResolver("control.yaml", Path.of("."));
        ResolvedConfig config = v.resolve(SessionConfigLoader.parse(yaml, "control.yaml"));
        NeuroLoopJob job = NeuroLoopJob.fromConfig(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        SessionStreams s = job.build(env);
        List<StimulationCommand> commands = new CopyOnWriteArrayList<>();
        List<DetectedEvent> events = new CopyOnWriteArrayList<>();
        CloseableIterator<StimulationCommand> it = s.commands().collectAsync();
        CloseableIterator<DetectedEvent> eventIt = s.events().collectAsync();
        Thread drain = new Thread(() -> it.forEachRemaining(commands::add), "collect-commands");
        Thread drainEvents = new Thread(() -> eventIt.forEachRemaining(events::add), "collect-events");
        drain.setDaemon(true);
        drainEvents.setDaemon(true);

        double stopAt;
        try (StreamInfo info =
                        StreamInfo.create(control, "Markers", 1, Lsl.IRREGULAR_RATE, ChannelFormat.STRING, control);
                StreamOutlet outlet = new StreamOutlet(info)) {
            JobClient client = env.executeAsync("control-routing");
            drain.start();
            drainEvents.start();
            try {
                assertTrue(
                        outlet.waitForConsumers(60), "the job's control-marker source never connected to " + control);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (countOf(commands, "b") < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(countOf(commands, "b") >= 1, "session b must be stimulating before the stop: " + commands);
                stopAt = Lsl.localClock();
                outlet.pushMarker(ControlMarkers.label(ControlAction.EMERGENCY_STOP, "b"), stopAt);
                // until the detector has decided another spindle of b that the policy would have stimulated (more
                // than its 1 s refractory period after the stop): the stop, not a lull, must keep b quiet
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (triggersAfter(events, stopAt + 1.5) < 1 && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
                Thread.sleep(1000); // anything those triggers caused is through the sink by now
            } finally {
                client.cancel().get(30, TimeUnit.SECONDS);
                it.close();
                eventIt.close();
            }
        }
        long before = commands.stream()
                .filter(c -> c.sessionId().equals("b") && c.causeTimestamp() <= stopAt)
                .count();
        List<StimulationCommand> after = commands.stream()
                .filter(c -> c.sessionId().equals("b") && c.causeTimestamp() > stopAt + 0.5)
                .toList();
        assertTrue(before >= 1, "stimulated before the stop: " + before);
        assertTrue(triggersAfter(events, stopAt + 1.5) >= 1, "b's detector kept deciding after the stop: " + events);
        assertTrue(after.isEmpty(), "session b was stimulated after stop@b: " + after);
    }

    private static final Set<String> TRIGGERS =
            Detectors.find("spindles").orElseThrow().triggers();

    /** Spindle onsets of session b (what the policy acts on) decided after {@code t}. */
    private static long triggersAfter(List<DetectedEvent> events, double t) {
        return events.stream()
                .filter(e -> e.sessionId().equals("b") && TRIGGERS.contains(e.kind()) && e.firedAt() > t)
                .count();
    }

    private static long countOf(List<StimulationCommand> commands, String session) {
        return commands.stream().filter(c -> c.sessionId().equals(session)).count();
    }
}
