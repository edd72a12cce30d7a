package org.neuroloop.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.deploy.job.NeuroLoopJob;

/** The example configs under deploy/src/main/resources/configs parse, validate and build a chained job graph. */
class ShippedConfigsTest {
    @TempDir
    Path tmp;

    @Test
    void sleepConfigsBuildOneChainFromKeyByToTheOutputs() {
        for (String name : List.of("spindles", "slow-oscillations")) {
            SessionConfig c = ReplayConfigs.shipped(ReplayConfigs.resourceOf(name));
            ConfigResolver v = new ConfigResolver(name, tmp);
            // LSL channels are known only at run time: the shipped configs name C3/Fz, so give the index for the build
            var d = c.pipeline().detector();
            var p = new PipelineSpec(
                    c.pipeline().quality(),
                    c.pipeline().filters(),
                    c.pipeline().reference(),
                    c.pipeline().features(),
                    null,
                    d.withChannel("0"),
                    c.pipeline().policy());
            ResolvedConfig built = v.resolve(new SessionConfig(c.name(), c.sessions(), p, c.outputs(), c.flink()));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            NeuroLoopJob job = NeuroLoopJob.fromConfig(built);
            job.configure(env);
            job.build(env);
            List<JobVertex> vertices = new ArrayList<>();
            env.getStreamGraph().getJobGraph().getVertices().forEach(vertices::add);
            JobVertex chain = vertices.stream()
                    .filter(x -> x.getName().contains("bad-data flags"))
                    .findFirst()
                    .orElseThrow();
            for (String stage : List.of("causal filter", d.type() + " detector")) {
                assertTrue(
                        chain.getName().contains(stage),
                        name + ": '" + stage + "' not chained into " + chain.getName());
            }
            // the policy has two inputs (decisions, control markers), so Flink starts a new chain there; the session's
            // decisions reach it over a FORWARD edge (same subtask, local channel), never re-partitioned
            JobVertex policy = vertices.stream()
                    .filter(x -> x.getName().contains("stimulation policy"))
                    .findFirst()
                    .orElseThrow();
            for (String stage : List.of("count stimulations", "latency histogram", "output lsl")) {
                assertTrue(
                        policy.getName().contains(stage),
                        name + ": '" + stage + "' not chained into " + policy.getName());
            }
            var fromSession = policy.getInputs().stream()
                    .filter(edge -> edge.getSource().getProducer() == chain)
                    .toList();
            assertEquals(1, fromSession.size());
            assertEquals("FORWARD", fromSession.get(0).getShipStrategyName(), name);
        }
    }

    @Test
    void theMotorImageryConfigNamesItsMissingModel() {
        SessionConfig c = ReplayConfigs.shipped(ReplayConfigs.resourceOf("mi"));
        ConfigException e =
                assertThrows(ConfigException.class, () -> new ConfigResolver("motor-imagery.yaml", tmp).resolve(c));
        assertEquals("pipeline.classifier.model", e.key());
        assertTrue(e.getMessage().contains("s001-ts-lr.json"), e.getMessage());
    }

    @Test
    void aDetectorChannelLabelOnALiveStreamAsksForAnIndex() {
        SessionConfig c = ReplayConfigs.shipped(ReplayConfigs.resourceOf("spindles"));
        ConfigResolver v = new ConfigResolver("spindles", tmp);
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> NeuroLoopJob.fromConfig(v.resolve(c))
                        .build(StreamExecutionEnvironment.getExecutionEnvironment()));
        assertEquals("pipeline.detector.channel", e.key());
    }
}
