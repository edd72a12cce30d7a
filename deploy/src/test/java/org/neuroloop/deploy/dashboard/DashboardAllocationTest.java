package org.neuroloop.deploy.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.deploy.job.JobSources;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.dsp.record.Chunk;

/**
 * With a dashboard attached, the job's task thread allocates no more per chunk than the one record wrapper Flink
 * makes for an extra branch of an operator chain ({@link #FAN_OUT_BYTES}): the deployed graph of
 * {@code SteadyStateAllocationTest} (flags, causal filter, threshold detector, policy) plus the dashboard's monitor
 * operators and side control stream (a real {@link Dashboard} on loopback receives the feed), fed one-sample
 * chunks of 32 channels. A probe chained after the source counts with {@code ThreadMXBean} the bytes the thread
 * allocates while the chain, the trace feed's copy into its buffer included, handles each chunk; the feed's
 * formatting runs on its own sender thread. The job runs with object reuse, as {@code bench latency} does.
 */
class DashboardAllocationTest {
    static final int WARM_UP = 20_000;
    static final int MEASURED = 10_000;
    /** A StreamRecord, the one object Flink's chain allocates per record for each extra branch of a fan-out. */
    static final int FAN_OUT_BYTES = 32;

    static final int CHANNELS = 32;

    static final String YAML = """
            name: allocation
            sessions:
              - id: s
                lsl: {name: DashboardAllocationTest-unused}
            pipeline:
              quality: {flatMicrovolts: 0.5, flatSeconds: 1.0, clipMicrovolts: 3200, clockJumpSeconds: 0.05, staleSeconds: 2}
              filters: [{type: highpass, low: 0.5, order: 2}]
              detector: {type: threshold, channels: ["0"], "on": 150, "off": 75}
              policy: {refractorySeconds: 0.2, control: none}
            flink: {parallelism: 1, bufferTimeoutMs: 0, objectReuse: true}
            """;

    static final AtomicLong ALLOCATED = new AtomicLong();
    static final AtomicLong MEASURED_CHUNKS = new AtomicLong();

    /** Measures the allocation of everything chained after it, per chunk, after {@link #WARM_UP} chunks. */
    static final class AllocationProbe extends ProcessFunction<Chunk, Chunk> {
        private static final long serialVersionUID = 1L;
        private transient ThreadMXBean threads;
        private transient long seen;

        @Override
        public void processElement(Chunk chunk, Context ctx, Collector<Chunk> out) {
            if (threads == null) {
                threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            out.collect(chunk);
            long after = threads.getCurrentThreadAllocatedBytes();
            if (++seen > WARM_UP) {
                ALLOCATED.addAndGet(after - before);
                MEASURED_CHUNKS.incrementAndGet();
            }
        }
    }

    @Test
    void theMonitoredPathAllocatesNothingPerChunkOnTheTaskThread() throws Exception {
        ResolvedConfig config = new ConfigResolver("allocation.yaml", Path.of("."))
                .resolve(SessionConfigLoader.parse(YAML, "allocation.yaml"));
        List<Chunk> input = signal(WARM_UP + MEASURED);
        JobSources sources = env -> env.fromData(input, TypeInformation.of(Chunk.class))
                .name("chunks")
                .process(new AllocationProbe())
                .returns(TypeInformation.of(Chunk.class))
                .name("allocation probe");
        try (Dashboard dashboard = Dashboard.start(config, 0)) {
            NeuroLoopJob job = dashboard
                    .wiring()
                    .job(
                            config,
                            sources,
                            streams -> streams.commands()
                                    .sinkTo(new DiscardingSink<>())
                                    .name("discard"));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            job.configure(env);
            job.build(env);
            String plan = env.getExecutionPlan();
            env.execute("dashboard allocation");
            assertEquals(MEASURED, MEASURED_CHUNKS.get());
            double perChunk = ALLOCATED.get() / (double) MEASURED;
            System.out.printf(
                    "task-thread allocation with a dashboard: %.2f bytes per chunk over %d chunks%n",
                    perChunk, MEASURED);
            assertTrue(plan.contains("dashboard traces") && plan.contains("stimulation policy"), plan);
            // the feed saw the chunks: its sender delivered the counts to the dashboard
            long end = System.nanoTime() + 10_000_000_000L;
            while (dashboard.sessionsJson().get(0).path("samples").asLong() < WARM_UP + MEASURED) {
                assertTrue(System.nanoTime() < end, "the dashboard did not receive the feed's counts");
                Thread.sleep(50);
            }
            // the feed's own work allocates nothing (SessionTraceTest); its branch beside the detector costs Flink's
            // chain one StreamRecord per chunk (the broadcasting output wraps the record again for each extra branch;
            // a Sink instead of an operator would add its writer's per-record varargs array)
            assertTrue(
                    perChunk <= FAN_OUT_BYTES + 1.0,
                    perChunk + " bytes allocated per chunk by the chain with the dashboard's feed and side control");
        }
    }

    /** One-sample chunks of a background far below the detector's threshold: no event, no stimulation. */
    static List<Chunk> signal(int n) {
        List<Chunk> chunks = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            double[] x = new double[CHANNELS];
            for (int c = 0; c < CHANNELS; c++) {
                x[c] = 20 * Math.sin(0.07 * k + c) + 5 * Math.sin(0.9 * k * (c + 1));
            }
            chunks.add(new Chunk("s", k, new double[] {1000 + k / 250.0}, x, CHANNELS, 250, 0));
        }
        return chunks;
    }
}
