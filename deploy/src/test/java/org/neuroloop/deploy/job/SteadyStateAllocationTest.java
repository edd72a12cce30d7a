package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.dsp.record.Chunk;

/**
 * The live path from source to outputs allocates nothing per chunk once warm: the deployed graph of the
 * {@link AllocationWorkload} is fed its chunks, and an {@link AllocationProbe} chained right after the source counts
 * the bytes the thread allocates while the rest of the chain handles each chunk. The one allocation left is the
 * stale watch's timer, re-armed once per timeout (2 s), not per chunk.
 */
class SteadyStateAllocationTest {
    static final int WARM_UP = 20_000;
    static final int MEASURED = 5_000;

    @Test
    void theLivePathAllocatesNothingPerChunk() throws Exception {
        ResolvedConfig config = AllocationWorkload.config("SteadyStateAllocationTest-unused", false);
        List<Chunk> input = AllocationWorkload.signal(WARM_UP + MEASURED);
        AllocationProbe probe = new AllocationProbe(WARM_UP);
        JobSources sources = env -> {
            DataStream<Chunk> chunks =
                    env.fromData(input, TypeInformation.of(Chunk.class)).name("chunks");
            return chunks.process(probe)
                    .returns(TypeInformation.of(Chunk.class))
                    .name("allocation probe");
        };
        NeuroLoopJob job = new NeuroLoopJob(
                config,
                sources,
                streams -> streams.commands().sinkTo(new DiscardingSink<>()).name("discard"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        job.build(env);
        String plan = env.getExecutionPlan();
        env.execute("allocation");
        assertEquals(MEASURED, probe.measuredChunks());
        double perChunk = probe.allocatedBytes() / (double) MEASURED;
        System.out.printf("steady-state allocation: %.1f bytes per chunk over %d chunks%n", perChunk, MEASURED);
        assertTrue(plan.contains("threshold detector"), plan);
        // per chunk nothing; once per stale timeout (2 s) the stale watch re-arms its timer, a few hundred bytes
        assertTrue(perChunk < 1.0, perChunk + " bytes allocated per chunk by flags, filter, detector and policy");
    }
}
