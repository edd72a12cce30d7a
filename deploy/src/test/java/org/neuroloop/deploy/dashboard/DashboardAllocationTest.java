package org.neuroloop.deploy.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.job.AllocationProbe;
import org.neuroloop.deploy.job.AllocationWorkload;
import org.neuroloop.deploy.job.JobSources;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.dsp.record.Chunk;

/**
 * With a dashboard attached, the job's task thread allocates no more per chunk than the one record wrapper Flink
 * makes for an extra branch of an operator chain ({@link #FAN_OUT_BYTES}): the deployed graph of
 * the {@link AllocationWorkload} plus the dashboard's monitor operators and side control stream (a real
 * {@link Dashboard} on loopback receives the feed), fed the workload's chunks. An {@link AllocationProbe} chained
 * after the source counts the bytes the thread allocates while the chain, the trace feed's copy into its buffer
 * included, handles each chunk; the feed's formatting runs on its own sender thread. The job runs with object
 * reuse, as {@code bench latency} does.
 */
class DashboardAllocationTest {
    static final int WARM_UP = 20_000;
    static final int MEASURED = 10_000;
    /** A StreamRecord, the one object Flink's chain allocates per record for each extra branch of a fan-out. */
    static final int FAN_OUT_BYTES = 32;

    @Test
    void theMonitoredPathAllocatesNothingPerChunkOnTheTaskThread() throws Exception {
        ResolvedConfig config = AllocationWorkload.config("DashboardAllocationTest-unused", true);
        List<Chunk> input = AllocationWorkload.signal(WARM_UP + MEASURED);
        AllocationProbe probe = new AllocationProbe(WARM_UP);
        JobSources sources = env -> env.fromData(input, TypeInformation.of(Chunk.class))
                .name("chunks")
                .process(probe)
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
            assertEquals(MEASURED, probe.measuredChunks());
            double perChunk = probe.allocatedBytes() / (double) MEASURED;
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
}
