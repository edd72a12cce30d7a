package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.dsp.flink.FilterStage;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;

/** The job graph on a real MiniCluster, fed from memory. */
class NeuroLoopJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final String YAML = """
            name: filter-only
            sessions:
              - id: a
                synthetic: {scenario: noise, channels: 2, rate: 100}
              - id: b
                synthetic: {scenario: noise, channels: 2, rate: 100}
            pipeline:
              quality: {flatSeconds: 0.5}
              filters:
                - {type: bandpass, low: 1, high: 30, order: 4}
              reference: {type: average}
            flink: {parallelism: 2, bufferTimeoutMs: 0}
            """;

    static final int CH = 2;

    static List<Chunk> session(String id, long seed, int chunkSize) {
        Random r = new Random(seed);
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < 1000; i += chunkSize) {
            double[] t = new double[chunkSize];
            double[] x = new double[chunkSize * CH];
            for (int j = 0; j < chunkSize; j++) {
                t[j] = 10 + (i + j) / 100.0;
                for (int c = 0; c < CH; c++) {
                    x[j * CH + c] = 20 * r.nextGaussian();
                }
            }
            out.add(new Chunk(id, i, t, x, CH, 100, 0));
        }
        return out;
    }

    static JobSources memory(List<Chunk> chunks) {
        return env -> env.fromData(chunks, TypeInformation.of(Chunk.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Chunk>forMonotonousTimestamps()
                        .withTimestampAssigner((c, ts) -> (long) (c.lastTimestamp() * 1000)));
    }

    static NeuroLoopJob job(List<Chunk> input) {
        ConfigResolver v = new ConfigResolver("test.yaml", Path.of("."));
        ResolvedConfig config = v.resolve(SessionConfigLoader.parse(YAML, "test.yaml"));
        return new NeuroLoopJob(config, memory(input), JobOutputs.NONE);
    }

    /** What the pipeline computes for one session, offline: causal band-pass then common average. */
    static double[] offline(List<Chunk> chunks) {
        double[] x =
                chunks.stream().flatMapToDouble(c -> Arrays.stream(c.samples())).toArray();
        double[] y = SosFilter.zeroState(FilterStage.cascade(List.of(FilterStage.bandpass(4, 1, 30)), 100), CH)
                .process(x);
        for (int i = 0; i < y.length; i += CH) {
            double mean = (y[i] + y[i + 1]) / 2;
            y[i] -= mean;
            y[i + 1] -= mean;
        }
        return y;
    }

    @Test
    void sessionsAreFilteredIndependentlyWithoutKryo() throws Exception {
        List<Chunk> a = session("a", 1, 10);
        List<Chunk> b = session("b", 2, 25);
        b.get(7).samples()[3] = Double.NaN;
        List<Chunk> input = new ArrayList<>();
        for (int k = 0; k < Math.max(a.size(), b.size()); k++) {
            if (k < a.size()) {
                input.add(a.get(k));
            }
            if (k < b.size()) {
                input.add(b.get(k));
            }
        }
        NeuroLoopJob job = job(input);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        assertTrue(env.getConfig().getSerializerConfig().hasGenericTypesDisabled(), "Kryo must be off");
        SessionStreams streams = job.build(env);
        List<Chunk> outA = new ArrayList<>();
        List<Chunk> outB = new ArrayList<>();
        try (CloseableIterator<Chunk> it = streams.chunks().collectAsync()) {
            env.execute("test");
            it.forEachRemaining(c -> (c.sessionId().equals("a") ? outA : outB).add(c));
        }
        outA.sort((x, y) -> Long.compare(x.firstSeq(), y.firstSeq()));
        outB.sort((x, y) -> Long.compare(x.firstSeq(), y.firstSeq()));
        assertEquals(a.size(), outA.size());
        assertArrayEquals(
                offline(a),
                outA.stream().flatMapToDouble(c -> Arrays.stream(c.samples())).toArray(),
                1e-9);
        assertEquals(List.of(7), indicesWith(outB, ChunkFlags.NAN_OR_INF));
        assertTrue(indicesWith(outA, ChunkFlags.BAD).isEmpty());
    }

    static List<Integer> indicesWith(List<Chunk> chunks, int flag) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            if ((chunks.get(i).flags() & flag) != 0) {
                out.add(i);
            }
        }
        return out;
    }

    /** keyBy is the only exchange: everything after it runs in one chained task per subtask. */
    @Test
    void theSessionPipelineIsOneChainAfterKeyBy() throws Exception {
        NeuroLoopJob job = job(session("a", 1, 10));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        SessionStreams streams = job.build(env);
        streams.chunks().sinkTo(new DiscardingSink<>());
        JobGraph graph = env.getStreamGraph().getJobGraph();
        List<JobVertex> vertices = new ArrayList<>();
        graph.getVertices().forEach(vertices::add);
        assertEquals(2, vertices.size(), "source, then one chain: " + vertices);
        JobVertex chain = vertices.stream()
                .filter(v -> v.getName().contains("bad-data flags"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                chain.getName().contains("causal filter") && chain.getName().contains("re-reference"), chain.getName());
    }
}
