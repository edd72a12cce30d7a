package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.dsp.record.Chunk;

/**
 * Exactly once per output across a restart, with two UDP outputs and no {@code jsonl} output: the job fails right
 * after a command was delivered past its last completed checkpoint, so the restored job decides that command again;
 * each output must still receive every command of an undisturbed run exactly once.
 */
class DeliveryAcrossRestartTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path tmp;

    /** Fails the task once, as soon as a datagram arrived after the second completed checkpoint. */
    static final class FailAfterDeliveryPastCheckpoint implements MapFunction<Chunk, Chunk>, CheckpointListener {
        static final AtomicBoolean ARMED = new AtomicBoolean();
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicInteger CHECKPOINTS = new AtomicInteger();
        static final AtomicInteger RECEIVED = new AtomicInteger();
        static final AtomicInteger RECEIVED_AT_CHECKPOINT = new AtomicInteger(Integer.MAX_VALUE);
        static final AtomicInteger RECEIVED_AT_FAILURE = new AtomicInteger();

        @Override
        public Chunk map(Chunk c) throws Exception {
            if (ARMED.get() && !FAILED.get()) {
                if (CHECKPOINTS.get() >= 2 && RECEIVED.get() > RECEIVED_AT_CHECKPOINT.get()) {
                    FAILED.set(true);
                    RECEIVED_AT_FAILURE.set(RECEIVED.get());
                    throw new IllegalStateException("injected failure after a delivery past the checkpoint");
                }
                if (c.firstSeq() % 4 == 0) {
                    Thread.sleep(1); // slow enough for checkpoints to complete mid-job
                }
            }
            return c;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            // datagrams counted now may belong after the barrier already: the failure waits for one more
            RECEIVED_AT_CHECKPOINT.set(RECEIVED.get());
            CHECKPOINTS.incrementAndGet();
        }
    }

    String yaml(int portA, int portB, String checkpoints) {
        return """
                name: delivery-test
                sessions:
                  - id: a
                    synthetic: {scenario: spindles, labels: [C3, Cz], rate: 200, seconds: 120, seed: 3, speed: max}
                  - id: b
                    synthetic: {scenario: spindles, labels: [C3, Cz], rate: 200, seconds: 120, seed: 4, speed: max}
                pipeline:
                  filters: [{type: highpass, low: 0.3, order: 2}]
                  detector: {type: spindles, channel: C3}
                  policy: {action: pulse, refractorySeconds: 2.0}
                outputs:
                  - udp: {host: 127.0.0.1, port: %d}
                  - udp: {host: 127.0.0.1, port: %d}
                flink:
                  parallelism: 2
                  checkpoint: {intervalMs: 150, dir: %s}
                  restart: {strategy: fixed-delay, attempts: 3, delayMs: 200}
                """.formatted(portA, portB, checkpoints);
    }

    /** Runs the job with both outputs sending to fresh receivers; returns [ids at output A, ids at output B]. */
    List<List<String>> run(boolean inject, String checkpoints) throws Exception {
        FailAfterDeliveryPastCheckpoint.ARMED.set(inject);
        FailAfterDeliveryPastCheckpoint.FAILED.set(false);
        FailAfterDeliveryPastCheckpoint.CHECKPOINTS.set(0);
        FailAfterDeliveryPastCheckpoint.RECEIVED.set(0);
        FailAfterDeliveryPastCheckpoint.RECEIVED_AT_CHECKPOINT.set(Integer.MAX_VALUE);
        try (OscReceiver a = new OscReceiver(FailAfterDeliveryPastCheckpoint.RECEIVED::incrementAndGet);
                OscReceiver b = new OscReceiver(null)) {
            ConfigResolver v = new ConfigResolver("delivery.yaml", tmp);
            ResolvedConfig config =
                    v.resolve(SessionConfigLoader.parse(yaml(a.port(), b.port(), checkpoints), "delivery.yaml"));
            assertEquals(DecisionClock.RECORDING, config.clock());
            JobOutputs outputs = s -> {
                ConfiguredOutputs.of(config).attach(s);
                s.chunks()
                        .map(new FailAfterDeliveryPastCheckpoint())
                        .name("failure injector")
                        .sinkTo(new DiscardingSink<>());
            };
            NeuroLoopJob job = new NeuroLoopJob(config, ConfiguredSources.of(config), outputs);
            JobEvents events = LocalRun.run(job, StreamExecutionEnvironment.getExecutionEnvironment(), "delivery");
            assertFalse(events.commands().isEmpty());
            Thread.sleep(300); // last datagrams in flight on loopback
            return List.of(a.ids(), b.ids());
        }
    }

    @Test
    void everyOutputDeliversEachCommandOnceAcrossARestartWithoutAJsonlOutput() throws Exception {
        List<List<String>> undisturbed =
                run(false, tmp.resolve("checkpoints-reference").toUri().toString());
        Set<String> expected = new TreeSet<>(undisturbed.get(0));
        assertEquals(undisturbed.get(0).size(), expected.size(), "an undisturbed run sends each id once");
        assertEquals(expected, new TreeSet<>(undisturbed.get(1)));

        List<List<String>> restored =
                run(true, tmp.resolve("checkpoints").toUri().toString());
        assertTrue(FailAfterDeliveryPastCheckpoint.FAILED.get(), "the failure was injected");
        assertTrue(FailAfterDeliveryPastCheckpoint.RECEIVED_AT_FAILURE.get() < expected.size(), "mid-job");
        for (int k = 0; k < 2; k++) {
            List<String> got = restored.get(k);
            assertEquals(expected, new TreeSet<>(got), "output " + k + ": stimulations lost or invented");
            assertEquals(got.size(), new TreeSet<>(got).size(), "output " + k + ": stimulations sent twice: " + got);
        }
        System.out.printf(
                "delivery across restart: %d commands per output, failure after %d datagrams at output 0%n",
                expected.size(), FailAfterDeliveryPastCheckpoint.RECEIVED_AT_FAILURE.get());
    }
}
